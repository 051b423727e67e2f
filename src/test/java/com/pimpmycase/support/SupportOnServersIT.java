package com.pimpmycase.support;

import com.pimpmycase.lifecycle.Lifecycle;
import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The support endpoints on every server: a download through each container's own body path
 * (Tomcat's sendfile for a large image) shows in the order view at once, and explain judges links
 * under a configured base with a path prefix.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportOnServersIT {

    static final String BASE = "https://cases.example.com/shop";
    static final String IMAGE = "order-OREN-SRV-final-1764313200-9f2c41d7.png";

    @Parameter
    ServerKind kind;
    ServiceUnderTest war;
    ApiCaller api;

    @BeforeParameterizedClassInvocation
    void deploy() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-support");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", BASE);
        war = kind.deploy(entries);
        api = new ApiCaller(war);
        war.storeImage(IMAGE, TestImages.pngHeaderedNoise(256 * 1024, 11));
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        war.close();
    }

    @Test
    void aDownloadShowsInTheOrderViewAndExplainJudgesTheLink() throws Exception {
        HttpResponse<byte[]> stored = api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PAY1\",\"third_id\":\"OREN-SRV\",\"mobile_model_id\":\"MM1\",\"pic\":\"" + IMAGE
                        + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), text(stored));
        String pic = json(stored).get("pic").asText();

        HttpResponse<byte[]> download = war.get(pic.substring(BASE.length()));
        assertEquals(200, download.statusCode());
        assertEquals(256 * 1024, download.body().length);
        HttpResponse<byte[]> view = api.get(ADMIN_KEY, "/api/orders/OREN-SRV");
        assertEquals(200, view.statusCode(), text(view));
        JsonNode body = json(view);
        assertEquals(1, body.get("downloads").get("chinese_manufacturing").get("count").asLong(), body.toString());
        assertEquals(256 * 1024, body.get("image").get("bytes").asLong());
        assertEquals("stored", body.get("events").get(0).get("kind").asText());

        JsonNode valid = explain(pic);
        assertEquals(200, valid.get("status").asInt(), valid.toString());
        assertEquals("[\"OREN-SRV\"]", valid.get("orders").toString());

        String expired = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.fixed(Instant.now().minusSeconds(49 * 3600), ZoneOffset.UTC))
                .mint(IMAGE, "chinese_manufacturing").text();
        JsonNode old = explain(BASE + "/image/" + IMAGE + "?token=" + expired);
        assertEquals("token_expired", old.get("type").asText(), old.toString());
        assertEquals(422, war.get("/image/" + IMAGE + "?token=" + expired).statusCode());

        HttpResponse<byte[]> outside = api.postJson(ADMIN_KEY, "/api/support/explain",
                "{\"url\":\"https://cases.example.com/image/" + IMAGE + "\"}");
        assertEquals(422, outside.statusCode(), text(outside));
        assertEquals(400, api.postJson(ADMIN_KEY, "/api/support/explain", "{\"url\"").statusCode());
        assertEquals(422, api.get(ADMIN_KEY, "/api/orders/bad%20id").statusCode());
    }

    JsonNode explain(String url) throws Exception {
        HttpResponse<byte[]> response = api.postJson(ADMIN_KEY, "/api/support/explain",
                "{\"url\":" + ApiCaller.JSON.writeValueAsString(url) + "}");
        assertEquals(200, response.statusCode(), text(response));
        return json(response);
    }
}
