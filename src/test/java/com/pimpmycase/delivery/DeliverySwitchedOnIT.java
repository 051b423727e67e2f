package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Delivery switched on for a database that already has orders (SPEC §9): what was stored while it
 * was off stays {@code off} and is sent only on request; with a short giveUpAfter a delivery that
 * never goes through becomes {@code failed}, and a retry gives it a fresh clock.
 */
class DeliverySwitchedOnIT {

    private static final String IMAGE = "design-1756378358-5eed5eed.png";

    @Test
    void offStaysOffUntilRetriedAndFailedAfterGiveUpAfter() throws Exception {
        DataSource database = TestDatabases.freshPostgres("switched_on");
        Path data = Files.createTempDirectory("pimpmycase-switched-on-");
        try (ManufacturerSimulator simulator = Deliveries.simulator()) {
            Map<String, Object> off = DeployedWar.defaultEntries(data);
            off.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
            off.put("jdbc/pimpmycase", database);
            try (DeployedWar war = DeployedWar.start(off)) {
                war.storeImage(IMAGE, TestImages.png(4, 4));
                ApiCaller api = new ApiCaller(war);
                Deliveries.submit(api, "OLD-1", "PAY-OLD-1", IMAGE);
                assertEquals("off", Deliveries.record(api, "OLD-1").get("state").asText());
                HttpResponse<byte[]> notConfigured = retry(war, "OLD-1");
                assertEquals(409, notConfigured.statusCode());
                assertEquals("{\"detail\":\"Delivery to the manufacturer is not configured\"}", ApiCaller.text(notConfigured));
                assertEquals(404, retry(war, "NOT-THERE").statusCode(), "404 before any 409");
                JsonNode health = ApiCaller.json(war.get("/health")).get("checks").get("delivery");
                assertEquals(false, health.get("configured").asBoolean());
            }

            Map<String, Object> on = DeployedWar.defaultEntries(data);
            on.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
            on.put("jdbc/pimpmycase", database);
            on.putAll(Deliveries.manufacturerEntries(simulator));
            on.put("pimpmycase/manufacturer/retryBackoff", "1s..1s");
            on.put("pimpmycase/manufacturer/giveUpAfter", "3s");
            try (DeployedWar war = DeployedWar.start(on)) {
                ApiCaller api = new ApiCaller(war);
                // Many delivery polls (every 100 ms here): none sends the order stored while delivery was off.
                Eventually.holds(Duration.ofSeconds(2), () -> "off".equals(Deliveries.record(api, "OLD-1").get("state").asText())
                        && simulator.received("OLD-1") == null,
                        () -> "nothing old sent by surprise: " + Deliveries.record(api, "OLD-1") + ", sent "
                                + simulator.received("OLD-1"));
                HttpResponse<byte[]> started = retry(war, "OLD-1");
                assertEquals(202, started.statusCode(), ApiCaller.text(started));
                Deliveries.awaitState(api, "OLD-1", "delivered", Duration.ofSeconds(15));

                simulator.failOrder("NEVER-1", Fault.httpStatus(503));
                Deliveries.submit(api, "NEVER-1", "PAY-NEVER-1", IMAGE);
                JsonNode failed = Deliveries.awaitState(api, "NEVER-1", "failed", Duration.ofSeconds(15));
                assertTrue(failed.get("attempts").asInt() >= 2, failed.toString());
                assertEquals("HTTP 503", failed.get("last_error").asText());
                assertTrue(failed.get("next_attempt_at").isNull());
                // /health reads counts at most a second old: ask until the failure shows
                Eventually.await(Duration.ofSeconds(10),
                        () -> ApiCaller.json(war.get("/health")).get("checks").get("delivery"),
                        health -> health.get("failed").asLong() >= 1, "/health counts the failed delivery");

                simulator.clearFaults();
                assertEquals(202, retry(war, "NEVER-1").statusCode(), "failed: retried with a fresh clock");
                Deliveries.awaitState(api, "NEVER-1", "delivered", Duration.ofSeconds(15));
            }
        } finally {
            TestDatabases.dropPostgres(database);
        }
    }

    private static HttpResponse<byte[]> retry(DeployedWar war, String thirdId) throws Exception {
        return war.send(HttpRequest.newBuilder(URI.create(war.base() + "/api/orders/" + thirdId + "/delivery/retry"))
                .header("Authorization", "Bearer " + ApiCaller.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()));
    }
}
