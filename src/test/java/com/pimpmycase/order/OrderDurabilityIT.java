package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.testing.WarProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing acknowledged is ever lost": orders answered 201 by the embedded H2 default are still
 * there after the JVM is killed with SIGKILL right after the last answer.
 */
class OrderDurabilityIT {

    @TempDir
    Path data;

    @Test
    void acknowledgedOrdersSurviveAKilledJvm() throws Exception {
        String image = "design-1756378358-e5f1af36.png";
        Files.createDirectories(data.resolve("images"));
        Files.write(data.resolve("images").resolve(image), TestImages.png(4, 4));
        HttpClient client = HttpClient.newHttpClient();
        List<String> acknowledged = new ArrayList<>();

        try (WarProcess node = WarProcess.start(data)) {
            for (int i = 0; i < 20; i++) {
                String thirdId = "DURABLE-" + i;
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(node.base()
                                + "/api/chinese/order/orderData"))
                        .header("Authorization", "Bearer " + ApiCaller.SHOP_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(OrderApiContract.order(thirdId, image))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, response.statusCode(), response.body());
                acknowledged.add(thirdId);
            }
            node.kill(); // immediately after the last 201
        }

        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        try (DeployedWar restarted = DeployedWar.start(entries)) {
            ApiCaller api = new ApiCaller(restarted);
            for (String thirdId : acknowledged) {
                assertEquals(200, api.get(ApiCaller.ADMIN_KEY, "/api/chinese/order/orderData?third_id=" + thirdId)
                        .statusCode(), thirdId + " was acknowledged but is gone");
            }
        }
    }
}
