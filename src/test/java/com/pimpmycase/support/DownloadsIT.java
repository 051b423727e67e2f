package com.pimpmycase.support;

import com.pimpmycase.testing.Eventually;
import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads (SPEC §11) across deployments: counts written on undeploy survive a redeploy, and two
 * nodes on one PostgreSQL and one image volume add up.
 */
class DownloadsIT {

    static final String IMAGE = "order-OREN-DL-final-1764313200-9f2c41d7.png";

    @TempDir
    Path data;

    static Map<String, Object> entries(Path dataDirectory) {
        Map<String, Object> entries = DeployedWar.defaultEntries(dataDirectory);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        return entries;
    }

    static String submit(DeployedWar war, String thirdId) throws Exception {
        HttpResponse<byte[]> stored = new ApiCaller(war).postJson(SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PAY1\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\",\"pic\":\""
                        + IMAGE + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), text(stored));
        return json(stored).get("pic").asText();
    }

    /** Downloads {@code pic}'s path and token from {@code war}, whichever node handed the link out. */
    static void download(DeployedWar war, String pic) throws Exception {
        URI uri = URI.create(pic);
        HttpResponse<byte[]> response = war.send(HttpRequest.newBuilder(war.uri(uri.getRawPath() + "?"
                + uri.getRawQuery())));
        assertEquals(200, response.statusCode());
    }

    static JsonNode downloads(DeployedWar war, String thirdId) throws Exception {
        HttpResponse<byte[]> view = new ApiCaller(war).get(ADMIN_KEY, "/api/orders/" + thirdId);
        assertEquals(200, view.statusCode(), text(view));
        return json(view).get("downloads");
    }

    static long manufacturingCount(DeployedWar war, String thirdId) throws Exception {
        JsonNode tally = downloads(war, thirdId).get("chinese_manufacturing");
        return tally == null ? 0 : tally.get("count").asLong();
    }

    @Test
    void countsNotYetWrittenAreWrittenOnUndeploy() throws Exception {
        String pic;
        try (DeployedWar war = DeployedWar.start(entries(data))) {
            war.storeImage(IMAGE, TestImages.png(30, 60));
            pic = submit(war, "OREN-DL-1");
            download(war, pic);
            download(war, pic);
            assertEquals(2, manufacturingCount(war, "OREN-DL-1"));
        } // undeployed at once: well before the first periodic flush
        try (DeployedWar again = DeployedWar.start(entries(data))) {
            assertEquals(2, manufacturingCount(again, "OREN-DL-1"));
            JsonNode events = json(new ApiCaller(again).get(ADMIN_KEY, "/api/orders/OREN-DL-1")).get("events");
            assertTrue(events.toString().contains("first download by chinese_manufacturing"), events.toString());
        }
    }

    @Test
    void twoNodesOnOnePostgresAddUp() throws Exception {
        DataSource database = TestDatabases.freshPostgres("downloads_it");
        Path images = data.resolve("shared-images");
        Map<String, Object> a = entries(data.resolve("a"));
        Map<String, Object> b = entries(data.resolve("b"));
        for (Map<String, Object> node : List.of(a, b)) {
            node.put("jdbc/pimpmycase", database);
            node.put("pimpmycase/imageDirectory", images.toString());
        }
        try (DeployedWar nodeA = DeployedWar.start(a); DeployedWar nodeB = DeployedWar.start(b)) {
            Files.createDirectories(images);
            Files.write(images.resolve(IMAGE), TestImages.png(30, 60));
            String pic = submit(nodeA, "OREN-DL-2");
            for (int i = 0; i < 3; i++) {
                download(nodeA, pic);
            }
            for (int i = 0; i < 4; i++) {
                download(nodeB, pic);
            }
            assertTrue(manufacturingCount(nodeA, "OREN-DL-2") >= 3, "node A shows its own downloads at once");
            assertTrue(manufacturingCount(nodeB, "OREN-DL-2") >= 4, "node B shows its own downloads at once");

            // Both flush within 10 s (SPEC §11); here every 100 ms.
            Eventually.until(Duration.ofSeconds(15),
                    () -> manufacturingCount(nodeA, "OREN-DL-2") >= 7 && manufacturingCount(nodeB, "OREN-DL-2") >= 7,
                    () -> "the nodes' counts did not add up to 7: " + downloads(nodeA, "OREN-DL-2") + " "
                            + downloads(nodeB, "OREN-DL-2"));
            assertEquals(7, manufacturingCount(nodeA, "OREN-DL-2"));
            assertEquals(7, manufacturingCount(nodeB, "OREN-DL-2"));
            JsonNode events = json(new ApiCaller(nodeB).get(ADMIN_KEY, "/api/orders/OREN-DL-2")).get("events");
            long firsts = 0;
            for (JsonNode e : events) {
                firsts += e.get("kind").asText().equals("first_download") ? 1 : 0;
            }
            assertEquals(1, firsts, events.toString());
        } finally {
            TestDatabases.dropPostgres(database);
        }
    }
}
