package com.pimpmycase.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §6: /health is UP with a reachable database and a writable image directory, 503 otherwise. */
class HealthIT {

    @TempDir
    Path data;

    @Test
    void upThenDownWhenTheImageDirectoryGoes() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        Path images = data.resolve("shared-images");
        entries.put("pimpmycase/imageDirectory", images.toString());
        try (DeployedWar war = DeployedWar.start(entries)) {
            HttpResponse<byte[]> up = war.get("/health");
            assertEquals(200, up.statusCode());
            assertEquals("{\"status\":\"UP\",\"checks\":{\"database\":{\"status\":\"UP\"},"
                    + "\"imageDirectory\":{\"status\":\"UP\"},\"delivery\":{\"configured\":false,\"pending\":0,"
                    + "\"oldest_pending_seconds\":0,\"failed\":0,\"problem\":null}}}", ApiCaller.text(up));
            assertFalse(ApiCaller.text(up).contains(data.toString()));

            // The shared volume disappears (unmounted): the node reports itself down.
            Files.delete(images);
            HttpResponse<byte[]> down = war.get("/health");
            assertEquals(503, down.statusCode());
            assertEquals("DOWN", ApiCaller.json(down).get("status").asText());
            assertEquals("DOWN", ApiCaller.json(down).get("checks").get("imageDirectory").get("status").asText());
            assertEquals("UP", ApiCaller.json(down).get("checks").get("database").get("status").asText());
        }
    }

    /** The order database goes away under a running node (PostgreSQL, dropped for real). */
    @Test
    void downWhenTheDatabaseGoes() throws Exception {
        javax.sql.DataSource database = com.pimpmycase.testing.TestDatabases.freshPostgres("health");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("jdbc/pimpmycase", database);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        try (DeployedWar war = DeployedWar.start(entries)) {
            assertEquals(200, war.get("/health").statusCode());
            war.storeImage("still-here.png", com.pimpmycase.testing.TestImages.png(4, 4));

            com.pimpmycase.testing.TestDatabases.dropPostgres(database);
            HttpResponse<byte[]> down = war.get("/health");
            assertEquals(503, down.statusCode());
            assertEquals("DOWN", ApiCaller.json(down).get("checks").get("database").get("status").asText());
            assertEquals("UP", ApiCaller.json(down).get("checks").get("imageDirectory").get("status").asText());
            assertFalse(ApiCaller.text(down).contains("postgres"), ApiCaller.text(down));

            // The API says the order store is unavailable; images keep streaming.
            HttpResponse<byte[]> orders = new ApiCaller(war).get(ApiCaller.FACTORY_KEY, "/api/chinese/orders");
            assertEquals(503, orders.statusCode(), ApiCaller.text(orders));
            assertEquals("{\"detail\":\"Order store unavailable, try again\"}", ApiCaller.text(orders));
            String token = new com.pimpmycase.token.TokenMinter(com.pimpmycase.token.SigningKeys.of(DeployedWar.SIGNING_KEY),
                    com.pimpmycase.token.PartnerPolicies.defaults(), java.time.Clock.systemUTC())
                    .mint("still-here.png", "admin").text();
            assertEquals(200, war.get("/image/still-here.png?token=" + token).statusCode());
        }
    }
}
