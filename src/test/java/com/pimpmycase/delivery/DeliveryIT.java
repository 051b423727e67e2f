package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.Token;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §9 end to end: the WAR (embedded Jetty, PostgreSQL as jdbc/pimpmycase so the test can read
 * the order events) delivers to the manufacturer simulator over real HTTP, in submit mode.
 */
class DeliveryIT {

    private static final Duration SOON = Duration.ofSeconds(15);
    private static final String IMAGE = "design-1756378358-e5f1af36.png";

    private static ManufacturerSimulator simulator;
    private static DataSource database;
    private static DeployedWar war;
    private static ApiCaller api;

    @BeforeAll
    static void deploy() throws Exception {
        database = TestDatabases.freshPostgres("delivery");
        simulator = Deliveries.simulator();
        Path data = Files.createTempDirectory("pimpmycase-delivery-");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.putAll(Deliveries.manufacturerEntries(simulator));
        entries.put("jdbc/pimpmycase", database);
        war = DeployedWar.start(entries);
        war.storeImage(IMAGE, TestImages.png(4, 4));
        api = new ApiCaller(war);
    }

    @AfterAll
    static void stop() throws Exception {
        if (war != null) {
            war.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (database != null) {
            TestDatabases.dropPostgres(database);
        }
    }

    @AfterEach
    void clearFaults() {
        simulator.clearFaults();
    }

    @Test
    void aSubmittedOrderIsDeliveredWithAFreshManufacturingLink() throws Exception {
        double deliveredBefore = metric("pimpmycase_delivery_attempts_total", "result", "delivered");
        Deliveries.submit(api, "OK-1", "PAY-OK-1", IMAGE);
        ManufacturerSimulator.OrderRecord received = Deliveries.awaitReceived(simulator, "OK-1", SOON);
        JsonNode record = Deliveries.awaitState(api, "OK-1", "delivered", SOON);

        assertEquals(1, record.get("attempts").asInt());
        assertEquals(received.manufacturerOrderId(), record.get("manufacturer_order_id").asText());
        assertEquals(received.queueNo(), record.get("queue_no").asText());
        assertTrue(record.get("delivered_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), record.toString());
        assertTrue(record.get("next_attempt_at").isNull());
        // pic: the public base, the image, a chinese_manufacturing token minted for the attempt.
        String pic = received.lastBody().get("pic").asText();
        assertTrue(pic.startsWith(Deliveries.PUBLIC_BASE + "/image/" + IMAGE + "?token="), pic);
        Token token = Token.parse(pic.substring(pic.indexOf("?token=") + 7));
        assertEquals("chinese_manufacturing", token.partnerType());
        assertEquals(token.expiresAt(), record.get("pic_expires_at").asLong());
        long lifetime = token.expiresAt() - System.currentTimeMillis() / 1000;
        assertTrue(lifetime > 47 * 3600 && lifetime <= 48 * 3600, "default 48 h lifetime: " + lifetime);
        // notifyPaid (default true in submit mode): payStatus 3 before orderData.
        assertEquals(List.of(3), simulator.payments().get("PAY-OK-1"));

        assertEquals(List.of("stored", "delivery_attempt", "delivered"), events("OK-1"));
        // At least: an order of another test may be delivered meanwhile.
        assertTrue(metric("pimpmycase_delivery_attempts_total", "result", "delivered") >= deliveredBefore + 1);
        awaitMetricAtLeast("pimpmycase_deliveries", "state", "delivered", 1);
    }

    @Test
    void aRejectedOrderIsNotRetried() throws Exception {
        // As production refuses a field (HTTP 200, code 500, a msg in rejectMessages).
        simulator.failOrder("REJ-1", Fault.code(500, ManufacturerSimulator.INVALID_PARAMETER + ": mobile_model_id"));
        Deliveries.submit(api, "REJ-1", "PAY-REJ-1", IMAGE);
        JsonNode record = Deliveries.awaitState(api, "REJ-1", "rejected", SOON);
        assertEquals("invalid parameter: mobile_model_id", record.get("last_error").asText());
        assertTrue(record.get("next_attempt_at").isNull());
        // Longer than the first retry delay: nothing more is sent.
        Eventually.holds(Duration.ofMillis(2500), () -> simulator.received("REJ-1").calls() == 1,
                () -> "a rejected order was sent again: " + simulator.received("REJ-1"));
        assertEquals(List.of("stored", "delivery_attempt", "rejected"), events("REJ-1"));
    }

    @Test
    void transientFailuresAreRetriedUntilDelivered() throws Exception {
        simulator.failOrder("TRANS-1", Fault.httpStatus(503), 1);
        simulator.failOrder("TRANS-1", Fault.deviceOffline(), 1);
        double transientBefore = metric("pimpmycase_delivery_attempts_total", "result", "transient");
        Deliveries.submit(api, "TRANS-1", "PAY-TRANS-1", IMAGE);
        JsonNode record = Deliveries.awaitState(api, "TRANS-1", "delivered", SOON);
        assertEquals(3, record.get("attempts").asInt());
        assertEquals(List.of("stored", "delivery_attempt", "delivery_attempt", "delivery_attempt", "delivered"),
                events("TRANS-1"));
        assertTrue(metric("pimpmycase_delivery_attempts_total", "result", "transient") >= transientBefore + 2);
        // Only this order's calls: another test's hang past the timeout leaves the simulator still
        // answering an attempt that ended on our side (that is not two attempts in flight).
        assertEquals(List.of(), simulator.overlaps().stream().filter("TRANS-1"::equals).toList());
    }

    @Test
    void aFailingOrderDoesNotHoldBackTheOthers() throws Exception {
        simulator.failOrder("STUCK-1", Fault.httpStatus(503));
        Deliveries.submit(api, "STUCK-1", "PAY-STUCK", IMAGE);
        Deliveries.await(api, "STUCK-1", r -> r != null && r.get("attempts").asInt() >= 1, SOON, "an attempt");
        for (int i = 0; i < 5; i++) {
            Deliveries.submit(api, "AFTER-STUCK-" + i, "PAY-AFTER", IMAGE);
        }
        for (int i = 0; i < 5; i++) {
            Deliveries.awaitState(api, "AFTER-STUCK-" + i, "delivered", SOON);
        }
        JsonNode stuck = Deliveries.record(api, "STUCK-1");
        assertFalse(stuck.get("state").asText().equals("delivered"), stuck.toString());
        assertEquals("HTTP 503", stuck.get("last_error").asText());
    }

    @Test
    void retryAnswersEveryStatusOfTheContract() throws Exception {
        assertEquals(404, retry(ApiCaller.ADMIN_KEY, "NO-SUCH-ORDER").statusCode());
        assertEquals(404, retry(ApiCaller.ADMIN_KEY, "bad%20id").statusCode());
        assertEquals(401, retry(null, "NO-SUCH-ORDER").statusCode());
        assertEquals(403, retry(ApiCaller.SHOP_KEY, "NO-SUCH-ORDER").statusCode());
        assertEquals(403, retry(ApiCaller.FACTORY_KEY, "NO-SUCH-ORDER").statusCode());

        // rejected → 202 with the record, attempted again at once.
        simulator.failOrder("RETRY-1", Fault.code(404, "no such model"), 1);
        Deliveries.submit(api, "RETRY-1", "PAY-RETRY-1", IMAGE);
        Deliveries.awaitState(api, "RETRY-1", "rejected", SOON);
        HttpResponse<byte[]> accepted = retry(ApiCaller.ADMIN_KEY, "RETRY-1");
        assertEquals(202, accepted.statusCode(), ApiCaller.text(accepted));
        JsonNode record = ApiCaller.json(accepted);
        assertTrue(List.of("pending", "delivering", "delivered").contains(record.get("state").asText()), record.toString());
        assertTrue(record.has("pic_expires_at") && record.has("manufacturer_status_at"), record.toString());
        Deliveries.awaitState(api, "RETRY-1", "delivered", SOON);
        assertEquals(List.of("stored", "delivery_attempt", "rejected", "delivery_retry", "delivery_attempt", "delivered"),
                events("RETRY-1"));

        // delivered → 409
        HttpResponse<byte[]> delivered = retry(ApiCaller.ADMIN_KEY, "RETRY-1");
        assertEquals(409, delivered.statusCode());
        assertEquals("{\"detail\":\"Order RETRY-1 is already delivered\"}", ApiCaller.text(delivered));

        // delivering (the manufacturer hangs past the timeout) → 409. The hang holds the attempt in
        // flight for the whole timeout, so a slow machine still finds it delivering.
        simulator.failOrder("RETRY-2", Fault.hang(Deliveries.REQUEST_TIMEOUT.multipliedBy(3)), 1);
        Deliveries.submit(api, "RETRY-2", "PAY-RETRY-2", IMAGE);
        Deliveries.awaitState(api, "RETRY-2", "delivering", SOON);
        HttpResponse<byte[]> busy = retry(ApiCaller.ADMIN_KEY, "RETRY-2");
        assertEquals(409, busy.statusCode());
        assertEquals("{\"detail\":\"Order RETRY-2 is being delivered\"}", ApiCaller.text(busy));
        // Ends the hang now (answered 503, then retried) instead of at the timeout; the simulator
        // forgets what it received, which no later check reads.
        simulator.reset();

        // pending (waiting for its next attempt) → 202, attempted now
        simulator.failOrder("RETRY-3", Fault.httpStatus(503), 1);
        Deliveries.submit(api, "RETRY-3", "PAY-RETRY-3", IMAGE);
        Deliveries.await(api, "RETRY-3", r -> r != null && r.get("attempts").asInt() >= 1
                && !r.get("state").asText().equals("delivering"), SOON, "a first attempt");
        HttpResponse<byte[]> pending = retry(ApiCaller.ADMIN_KEY, "RETRY-3");
        assertTrue(pending.statusCode() == 202 || pending.statusCode() == 409, ApiCaller.text(pending));
        Deliveries.awaitState(api, "RETRY-3", "delivered", SOON);
        Deliveries.awaitState(api, "RETRY-2", "delivered", SOON);
    }

    @Test
    void theListFiltersByStateAndLimitsOldestFirst() throws Exception {
        for (int i = 0; i < 3; i++) {
            Deliveries.submit(api, "LIST-" + i, "PAY-LIST", IMAGE);
        }
        for (int i = 0; i < 3; i++) {
            Deliveries.awaitState(api, "LIST-" + i, "delivered", SOON);
        }
        HttpResponse<byte[]> all = api.get(ApiCaller.ADMIN_KEY, "/api/deliveries?state=delivered&limit=500");
        assertEquals(200, all.statusCode());
        List<String> ids = new ArrayList<>();
        for (JsonNode delivery : ApiCaller.json(all).get("deliveries")) {
            assertEquals("delivered", delivery.get("state").asText());
            assertEquals(List.of("third_id", "state", "attempts", "last_attempt_at", "next_attempt_at", "last_error",
                    "delivered_at", "manufacturer_order_id", "queue_no", "manufacturer_status",
                    "manufacturer_status_at", "pic_expires_at", "manufacturer_payment_id"), fieldNames(delivery));
            assertTrue(delivery.get("manufacturer_payment_id").isNull(), "paymentFlow payStatus registers no payment id");
            ids.add(delivery.get("third_id").asText());
        }
        assertTrue(ids.indexOf("LIST-0") < ids.indexOf("LIST-1") && ids.indexOf("LIST-1") < ids.indexOf("LIST-2"), ids.toString());
        JsonNode one = ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/deliveries?state=delivered&limit=1"));
        assertEquals(1, one.get("deliveries").size());
        assertEquals(ids.get(0), one.get("deliveries").get(0).get("third_id").asText());
        assertEquals(0, ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/deliveries?state=off")).get("deliveries").size());

        for (String bad : List.of("state=sent", "state=", "limit=0", "limit=501", "limit=x", "state=off&state=failed")) {
            HttpResponse<byte[]> refused = api.get(ApiCaller.ADMIN_KEY, "/api/deliveries?" + bad);
            assertEquals(422, refused.statusCode(), bad + ": " + ApiCaller.text(refused));
            JsonNode error = ApiCaller.json(refused).get("detail").get(0);
            assertEquals("query", error.get("loc").get(0).asText(), bad);
            assertEquals(bad.substring(0, bad.indexOf('=')), error.get("loc").get(1).asText(), bad);
        }
        assertEquals(401, api.get(null, "/api/deliveries").statusCode());
        assertEquals(403, api.get(ApiCaller.SHOP_KEY, "/api/deliveries").statusCode());
        assertEquals(403, api.get(ApiCaller.FACTORY_KEY, "/api/deliveries").statusCode());
    }

    @Test
    void healthStaysUpAndReportsTheBacklogWhileTheManufacturerIsDown() throws Exception {
        simulator.failAll(Fault.reset());
        try {
            Deliveries.submit(api, "DOWN-1", "PAY-DOWN", IMAGE);
            Deliveries.await(api, "DOWN-1", r -> r != null && r.get("attempts").asInt() >= 1, SOON, "an attempt");
            // The order waits a while; /health's counts may be a second old: ask until they show 2 s.
            JsonNode body = Eventually.await(SOON, () -> {
                HttpResponse<byte[]> health = war.get("/health");
                assertEquals(200, health.statusCode(), ApiCaller.text(health));
                return ApiCaller.json(health);
            }, b -> b.path("checks").path("delivery").path("oldest_pending_seconds").asLong() >= 2,
                    "/health shows the order waiting");
            assertEquals("UP", body.get("status").asText());
            JsonNode delivery = body.get("checks").get("delivery");
            assertEquals(List.of("configured", "pending", "oldest_pending_seconds", "failed", "problem"), fieldNames(delivery));
            // A manufacturer that is down is no configuration problem (§6: only a config answer's msg).
            assertTrue(delivery.get("problem").isNull(), delivery.toString());
            assertTrue(delivery.get("configured").asBoolean());
            assertTrue(delivery.get("pending").asLong() >= 1, delivery.toString());
            assertTrue(delivery.get("oldest_pending_seconds").asLong() >= 2, delivery.toString());
            assertFalse(body.toString().contains(Deliveries.PASSWORD));
        } finally {
            simulator.clearFaults();
        }
        Deliveries.awaitState(api, "DOWN-1", "delivered", SOON);
    }

    private HttpResponse<byte[]> retry(String key, String thirdId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(war.base() + "/api/orders/" + thirdId
                + "/delivery/retry")).POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return war.send(request);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> events(String thirdId) throws Exception {
        List<String> kinds = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT kind FROM order_events WHERE third_id = ? ORDER BY id")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    kinds.add(rs.getString(1));
                }
            }
        }
        return kinds;
    }

    private static double metric(String name, String label, String value) throws Exception {
        HttpResponse<byte[]> metrics = api.get(ApiCaller.ADMIN_KEY, "/metrics");
        assertEquals(200, metrics.statusCode());
        Matcher m = Pattern.compile("(?m)^" + name + "\\{" + label + "=\"" + value + "\",?\\} ([0-9.eE+-]+)$")
                .matcher(ApiCaller.text(metrics));
        assertTrue(m.find(), name + "{" + label + "=" + value + "} missing");
        return Double.parseDouble(m.group(1));
    }

    private static void awaitMetricAtLeast(String name, String label, String value, double least) throws Exception {
        Eventually.await(Duration.ofSeconds(10), () -> metric(name, label, value), seen -> seen >= least,
                name + "{" + label + "=" + value + "} below " + least);
    }
}
