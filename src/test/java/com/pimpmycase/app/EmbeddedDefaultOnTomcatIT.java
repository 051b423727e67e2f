package com.pimpmycase.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WAR on a real Tomcat with nothing but a signing key and API clients: no data directory, no
 * jdbc/pimpmycase. It must start on its embedded defaults (H2 and images under
 * ${catalina.base}/pimpmycase) and serve orders and images.
 */
class EmbeddedDefaultOnTomcatIT {

    @Test
    void startsAndServesOnItsDefaults() throws Exception {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("pimpmycase/signingKey", DeployedWar.SIGNING_KEY);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        try (ExternalServer tomcat = ExternalServer.tomcat("pimpmycase.tomcat11.home", entries, null)) {
            assertTrue(tomcat.imageDirectory().startsWith(tomcat.serverBase().resolve("pimpmycase")));
            assertTrue(Files.isDirectory(tomcat.imageDirectory()), "the WAR made its image directory");
            byte[] design = TestImages.png(20, 40);
            String name = "order-OREN9-final-1756378358-e5f1af36.png";
            tomcat.storeImage(name, design);

            HttpResponse<byte[]> created = tomcat.send(HttpRequest.newBuilder(tomcat.uri("/api/chinese/order/orderData"))
                    .header("Authorization", "Bearer " + ApiCaller.SHOP_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"third_pay_id\":\"P1\",\"third_id\":\"OREN9\","
                            + "\"mobile_model_id\":\"M1\",\"pic\":\"" + name + "\",\"device_id\":\"D1\","
                            + "\"mobile_shell_id\":\"S1\"}")));
            assertEquals(201, created.statusCode(), ApiCaller.text(created));
            JsonNode order = ApiCaller.json(created);
            String pic = order.get("pic").asText();
            assertTrue(pic.startsWith(tomcat.base() + "/image/" + name + "?token="), pic);
            HttpResponse<byte[]> image = tomcat.get(pic.substring(tomcat.base().length()));
            assertEquals(200, image.statusCode());
            assertArrayEquals(design, image.body());
            assertTrue(Files.exists(tomcat.serverBase().resolve("pimpmycase/pimpmycase.mv.db")), "H2 file in catalina.base");
            assertTrue(tomcat.console().contains("orders in H2"), "embedded H2 in use");
        }
    }
}
