package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.simulator.ManufacturerSimulator.RawCall;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §9 against a manufacturer that answers as its production API does (the simulator's default
 * dialect: every error HTTP 200 with {@code code} 500 and an English {@code msg}), over real HTTP:
 * the WAR in embedded Jetty, called with the JDK client.
 *
 * <p>Deployments, each shared by the tests that need its configuration: {@code production} (on
 * PostgreSQL, the default payStatus flow, giveUpAfter 3 s, retryBackoff 1s..2s, configMessages
 * plus {@code bad sign}), started for the class; a second node of it, {@code payData}
 * (paymentFlow payData, settle 1 s) and {@code wrong key} (a fixedKey the simulator refuses),
 * started by the tests that use them.
 */
class DeliveryProductionIT {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String IMAGE = "design-1756378358-0badc0de.png";
    private static final String SIGNATURE_FAILED = ManufacturerSimulator.SIGNATURE_FAILED;

    /** The {@code production} deployment: the payStatus flow, a giveUpAfter shorter than the outages of these tests. */
    private static ManufacturerSimulator simulator;
    private static DeployedWar war;
    private static ApiCaller api;
    private static DataSource database;
    private static Map<String, Object> productionEntries;

    /** Started by the first payData test, for the others. */
    private static ManufacturerSimulator payDataSimulator;
    private static DeployedWar payDataWar;
    private static ApiCaller payDataApi;

    @BeforeAll
    static void deploy() throws Exception {
        database = TestDatabases.freshPostgres("production");
        simulator = Deliveries.simulator();
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-production-"));
        entries.put("jdbc/pimpmycase", database);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.putAll(Deliveries.manufacturerEntries(simulator));
        entries.put("pimpmycase/manufacturer/giveUpAfter", "3s");
        entries.put("pimpmycase/manufacturer/configMessages", "Data signature failed|merchant account does not exist"
                + "|bad sign");
        productionEntries = entries;
        war = DeployedWar.start(entries);
        war.storeImage(IMAGE, TestImages.png(4, 4));
        api = new ApiCaller(war);
    }

    @AfterAll
    static void stop() throws Exception {
        for (DeployedWar deployed : new DeployedWar[] {war, payDataWar}) {
            if (deployed != null) {
                deployed.close();
            }
        }
        for (ManufacturerSimulator started : new ManufacturerSimulator[] {simulator, payDataSimulator}) {
            if (started != null) {
                Deliveries.closeQuietly(started);
            }
        }
        if (database != null) {
            TestDatabases.dropPostgres(database);
        }
    }

    @AfterEach
    void clearFaults() {
        simulator.clearFaults();
        if (payDataSimulator != null) {
            payDataSimulator.clearFaults();
            payDataSimulator.settlePayments(Duration.ZERO);
        }
    }

    // --- 1. a wrong configuration

    @Test
    void aConfigurationErrorPausesGivingUpIsReportedOnceAndDrainsWhenFixed() throws Exception {
        double configBefore = Deliveries.metric(api, "pimpmycase_delivery_attempts_total", "result", "config");
        JsonNode last;
        Instant firstAttempt;
        try (Records log = Records.start()) {
            simulator.failAll(Fault.signatureFailed());
            Deliveries.submit(api, "CONF-1", "PAY-CONF-1", IMAGE);
            Deliveries.await(api, "CONF-1", r -> r != null && r.get("attempts").asInt() >= 1, SOON, "a first attempt");
            firstAttempt = Instant.now();
            // Longer than giveUpAfter (3 s): still pending, attempted again and again.
            last = Eventually.await(Duration.ofSeconds(40), () -> Deliveries.record(api, "CONF-1"), r -> {
                assertNotEquals("failed", r.get("state").asText(), "a config answer pauses giveUpAfter: " + r);
                return r.get("attempts").asInt() >= 4 && r.get("state").asText().equals("pending")
                        && Duration.between(firstAttempt, Instant.now()).toMillis() >= 5000;
            }, "CONF-1 attempted for longer than giveUpAfter");
            // The answer's msg (after the step's name: the payStatus flow's first call is payStatus).
            assertTrue(last.get("last_error").asText().endsWith(SIGNATURE_FAILED), last.toString());
            assertTrue(last.get("next_attempt_at").isTextual(), last.toString());

            JsonNode delivery = health().get("checks").get("delivery");
            assertTrue(delivery.get("problem").asText().endsWith(SIGNATURE_FAILED), delivery.toString());
            assertTrue(delivery.get("pending").asLong() >= 1, delivery.toString());
            assertEquals(0, delivery.get("failed").asLong(), delivery.toString());

            int attempts = last.get("attempts").asInt();
            assertTrue(Deliveries.metric(api, "pimpmycase_delivery_attempts_total", "result", "config")
                    >= configBefore + attempts, "every attempt counted as config");
            List<String> severe = log.lines(Level.SEVERE).stream().filter(l -> l.contains(SIGNATURE_FAILED)).toList();
            assertEquals(1, severe.size(), attempts + " attempts, one SEVERE line per msg: " + severe);
        }

        simulator.clearFaults(); // the configuration is fixed: the backlog drains by itself
        JsonNode delivered = Deliveries.awaitState(api, "CONF-1", "delivered", SOON);
        assertTrue(delivered.get("attempts").asInt() > last.get("attempts").asInt(), delivered.toString());
        assertNotNull(simulator.received("CONF-1"));
    }

    @Test
    void aFixedKeyTheManufacturerRefusesIsAConfigurationError() throws Exception {
        try (ManufacturerSimulator strict = Deliveries.simulator()) {
            Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-wrong-key-"));
            entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
            entries.putAll(Deliveries.manufacturerEntries(strict));
            entries.put("pimpmycase/manufacturer/fixedKey", "not-the-manufacturers-fixed-key");
            entries.put("pimpmycase/manufacturer/giveUpAfter", "2s");
            try (DeployedWar wrong = DeployedWar.start(entries)) {
                wrong.storeImage(IMAGE, TestImages.png(4, 4));
                ApiCaller caller = new ApiCaller(wrong);
                Deliveries.submit(caller, "KEY-1", "PAY-KEY-1", IMAGE);
                Instant submitted = Instant.now();
                JsonNode record = Eventually.await(Duration.ofSeconds(40), () -> Deliveries.record(caller, "KEY-1"), r -> {
                    assertNotEquals("failed", r.get("state").asText(), r.toString());
                    return r.get("attempts").asInt() >= 3 && r.get("state").asText().equals("pending")
                            && Duration.between(submitted, Instant.now()).toMillis() >= 4000;
                }, "KEY-1 attempted past giveUpAfter");
                // The simulator refuses the login's sign: every attempt ends there.
                assertTrue(record.get("last_error").asText().endsWith(SIGNATURE_FAILED), record.toString());
                assertEquals(0, strict.logins());
                assertEquals(0, strict.calls(ManufacturerSimulator.ORDER_DATA));
                JsonNode health = ApiCaller.json(wrong.get("/health"));
                assertEquals("UP", health.get("status").asText());
                assertTrue(health.get("checks").get("delivery").get("problem").asText().endsWith(SIGNATURE_FAILED),
                        health.toString());
                assertTrue(Deliveries.metric(caller, "pimpmycase_delivery_attempts_total", "result", "config")
                        >= record.get("attempts").asInt());
            }
        }
    }

    // --- 2. rejected at once, or retried

    @Test
    void noPermissionIsRejectedAtOnceAndAnOfflineDeviceIsRetried() throws Exception {
        simulator.failOrder("PERM-1", Fault.noPermission());
        Deliveries.submit(api, "PERM-1", "PAY-PERM-1", IMAGE);
        JsonNode rejected = Deliveries.awaitState(api, "PERM-1", "rejected", SOON);
        assertEquals(ManufacturerSimulator.NO_PERMISSION, rejected.get("last_error").asText());
        assertEquals(1, rejected.get("attempts").asInt());
        assertTrue(rejected.get("next_attempt_at").isNull(), rejected.toString());

        simulator.failOrder("OFFLINE-1", Fault.deviceOffline(), 1);
        Deliveries.submit(api, "OFFLINE-1", "PAY-OFFLINE-1", IMAGE);
        JsonNode retrying = Deliveries.await(api, "OFFLINE-1", r -> r != null && r.get("attempts").asInt() >= 1
                && (!r.get("last_error").isNull() || r.get("state").asText().equals("delivered")), SOON,
                "a failed first attempt");
        if (!retrying.get("state").asText().equals("delivered")) { // else the retry came before we looked
            assertTrue(retrying.get("last_error").asText().endsWith(ManufacturerSimulator.DEVICE_OFFLINE), retrying.toString());
            assertEquals("pending", retrying.get("state").asText(), retrying.toString());
        }
        JsonNode delivered = Deliveries.awaitState(api, "OFFLINE-1", "delivered", SOON);
        assertEquals(2, delivered.get("attempts").asInt());
        assertTrue(simulator.received("OFFLINE-1").history().get(0).outcome().contains(ManufacturerSimulator.DEVICE_OFFLINE),
                simulator.received("OFFLINE-1").history().toString());

        // The offline order's retry came at least a retry delay (1 s) after PERM-1's only attempt.
        assertEquals(1, simulator.received("PERM-1").calls(), "a rejected order is not sent again");
        assertEquals("rejected", Deliveries.record(api, "PERM-1").get("state").asText());
    }

    // --- 3. the login

    @Test
    void anExpiredTokenIsRenewedByLoggingInAgain() throws Exception {
        Deliveries.submit(api, "TOKEN-0", "PAY-TOKEN-0", IMAGE);
        Deliveries.awaitState(api, "TOKEN-0", "delivered", SOON); // logged in now
        int logins = simulator.logins();
        simulator.expireAllTokens();

        Deliveries.submit(api, "TOKEN-1", "PAY-TOKEN-1", IMAGE);
        JsonNode delivered = Deliveries.awaitState(api, "TOKEN-1", "delivered", SOON);
        assertEquals(1, delivered.get("attempts").asInt(), "the repeat after a login is part of the attempt");
        assertEquals(logins + 1, simulator.logins());
        assertTrue(simulator.calls().stream().anyMatch(c -> "PAY-TOKEN-1".equals(c.thirdId())
                && c.outcome().contains("token invalid or expired")),
                "the old token was refused (" + ManufacturerSimulator.TOKEN_EXPIRED + ")");
    }

    @Test
    void twoNodesOnOneDatabaseLogInOnceBetweenThem() throws Exception {
        // A second node of the production deployment: same entries, same database, same images.
        Map<String, Object> entries = new LinkedHashMap<>(productionEntries);
        entries.put("pimpmycase/dataDirectory", Files.createTempDirectory("pimpmycase-node-b-").toString());
        entries.put("pimpmycase/imageDirectory", war.imageDirectory().toString());
        try (DeployedWar nodeB = DeployedWar.start(entries)) {
            ApiCaller b = new ApiCaller(nodeB);
            Deliveries.submit(api, "NODES-A", "PAY-NODES-A", IMAGE);
            Deliveries.awaitState(api, "NODES-A", "delivered", SOON);
            int logins = simulator.logins();
            // Node B's first delivery uses the token node A stored.
            Deliveries.submit(b, "NODES-B", "PAY-NODES-B", IMAGE);
            Deliveries.awaitState(b, "NODES-B", "delivered", SOON);
            assertEquals(logins, simulator.logins(), "node B logs in with the shared token, not again");

            // The token expires; both nodes deliver at once, and the new login is slow, so one node
            // needs a token while the other is logging in: one login between them.
            simulator.expireAllTokens();
            simulator.fail(ManufacturerSimulator.LOGIN, null, Fault.hang(Duration.ofMillis(1500)), 1);
            int loginCalls = simulator.rawCalls(ManufacturerSimulator.LOGIN).size();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Deliveries.submit(i % 2 == 0 ? api : b, "NODES-" + i, "PAY-NODES-" + i, IMAGE);
                ids.add("NODES-" + i);
            }
            for (String id : ids) {
                Deliveries.awaitState(b, id, "delivered", SOON); // one database: either node shows every order
            }
            assertEquals(logins + 1, simulator.logins(), "one login for both nodes");
            assertEquals(loginCalls + 1, simulator.rawCalls(ManufacturerSimulator.LOGIN).size(),
                    simulator.calls().toString());
            assertEquals(1, simulator.rawCalls(ManufacturerSimulator.ORDER_DATA).stream()
                    .filter(c -> ids.stream().anyMatch(id -> c.body().contains("\"third_id\":\"" + id + "\"")))
                    .map(c -> c.header("Authorization")).distinct().count(), "every order sent with the one new token");
        }
    }

    // --- 4. the payData flow

    @Test
    void payDataThenPayStatusThenOrderDataWithTheManufacturersPaymentId() throws Exception {
        startPayData();
        payDataSimulator.settlePayments(Duration.ofSeconds(1));
        submitPaid("PD-1", "PDPAY-1", "\"pay_amount\":35,\"pay_type\":12");
        JsonNode record = Deliveries.awaitState(payDataApi, "PD-1", "delivered", SOON);
        assertEquals(1, record.get("attempts").asInt());

        List<RawCall> calls = callsOf(payDataSimulator, "PDPAY-1", "PD-1");
        assertEquals(List.of(ManufacturerSimulator.PAY_DATA, ManufacturerSimulator.PAY_STATUS,
                ManufacturerSimulator.ORDER_DATA), calls.stream().map(RawCall::path).toList());
        assertTrue(calls.get(0).body().contains("\"pay_amount\":35.0"), calls.get(0).body());
        assertTrue(calls.get(0).body().contains("\"pay_type\":12"), calls.get(0).body());
        assertTrue(calls.get(1).body().contains("\"status\":3") && calls.get(1).body().contains("\"pay_amount\":35.0"),
                calls.get(1).body());
        assertTrue(Duration.between(calls.get(1).at(), calls.get(2).at()).toMillis() >= 1000,
                "orderData payStatusSettleSeconds after payStatus: " + calls);
        String paymentId = payDataSimulator.payment("PDPAY-1").manufacturerPaymentId();
        assertTrue(paymentId.startsWith("MSPY"), paymentId);
        assertEquals(paymentId, payDataSimulator.received("PD-1").lastBody().get("third_pay_id").asText());
        assertEquals(paymentId, record.get("manufacturer_payment_id").asText(), "the list's record");
        for (String key : List.of(ApiCaller.ADMIN_KEY, ApiCaller.SHOP_KEY)) {
            HttpResponse<byte[]> view = payDataApi.get(key, "/api/orders/PD-1");
            assertEquals(200, view.statusCode(), ApiCaller.text(view));
            assertEquals(paymentId, ApiCaller.json(view).get("delivery").get("manufacturer_payment_id").asText());
        }

        // The same third_pay_id again: its payment is reused, payData is not sent again.
        submitPaid("PD-2", "PDPAY-1", "\"pay_amount\":35,\"pay_type\":12");
        Deliveries.awaitState(payDataApi, "PD-2", "delivered", SOON);
        assertEquals(paymentId, payDataSimulator.received("PD-2").lastBody().get("third_pay_id").asText());
        assertEquals(1, payDataSimulator.payment("PDPAY-1").payDataCalls());
        assertEquals(1, payDataSimulator.rawCalls(ManufacturerSimulator.PAY_DATA).stream()
                .filter(c -> c.body().contains("\"PDPAY-1\"")).count());
        assertEquals(paymentId, Deliveries.record(payDataApi, "PD-2").get("manufacturer_payment_id").asText());
    }

    @Test
    void aFailedPayStatusIsRetriedWithoutSendingPayDataAgain() throws Exception {
        startPayData();
        payDataSimulator.fail(ManufacturerSimulator.PAY_STATUS, "PDPAY-3", Fault.deviceOffline(), 1);
        submitPaid("PD-3", "PDPAY-3", "\"pay_amount\":19.99,\"pay_type\":5");
        JsonNode record = Deliveries.awaitState(payDataApi, "PD-3", "delivered", SOON);
        assertEquals(2, record.get("attempts").asInt(), record.toString());
        assertEquals(List.of(ManufacturerSimulator.PAY_DATA, ManufacturerSimulator.PAY_STATUS,
                ManufacturerSimulator.PAY_STATUS, ManufacturerSimulator.ORDER_DATA),
                callsOf(payDataSimulator, "PDPAY-3", "PD-3").stream().map(RawCall::path).toList());
        assertEquals(1, payDataSimulator.payment("PDPAY-3").payDataCalls());
        assertEquals(payDataSimulator.payment("PDPAY-3").manufacturerPaymentId(),
                record.get("manufacturer_payment_id").asText());
    }

    @Test
    void withoutPayAmountAnOrderIsRefusedAtSubmit() throws Exception {
        startPayData();
        HttpResponse<byte[]> refused = payDataApi.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                Deliveries.order("PD-NOPAY", "PDPAY-NOPAY", IMAGE));
        assertEquals(422, refused.statusCode(), ApiCaller.text(refused));
        assertTrue(ApiCaller.text(refused).contains("pay_amount"), ApiCaller.text(refused));
        assertEquals(404, payDataApi.get(ApiCaller.ADMIN_KEY, "/api/orders/PD-NOPAY").statusCode(), "not stored");
        assertNull(payDataSimulator.payment("PDPAY-NOPAY"));
    }

    @Test
    void aPaymentStillSettlingAtTheManufacturerIsRetriedAsTransient() throws Exception {
        startPayData();
        payDataSimulator.settlePayments(Duration.ofSeconds(3)); // longer than our payStatusSettleSeconds (1)
        double transientBefore = Deliveries.metric(payDataApi, "pimpmycase_delivery_attempts_total", "result",
                "transient");
        submitPaid("PD-4", "PDPAY-4", "\"pay_amount\":35,\"pay_type\":12");
        JsonNode record = Deliveries.awaitState(payDataApi, "PD-4", "delivered", SOON);
        assertTrue(record.get("attempts").asInt() >= 2, record.toString());
        ManufacturerSimulator.OrderRecord received = payDataSimulator.received("PD-4");
        assertTrue(received.history().get(0).outcome().contains("not settled yet"), received.history().toString());
        assertTrue(Deliveries.metric(payDataApi, "pimpmycase_delivery_attempts_total", "result", "transient")
                >= transientBefore + 1);
        assertEquals(1, payDataSimulator.payment("PDPAY-4").payDataCalls());
        assertEquals(List.of(3), payDataSimulator.payment("PDPAY-4").statuses(), "payStatus once");
    }

    private static void startPayData() throws Exception {
        if (payDataWar != null) {
            return;
        }
        payDataSimulator = Deliveries.simulator();
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-paydata-"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.putAll(Deliveries.manufacturerEntries(payDataSimulator));
        entries.put("pimpmycase/manufacturer/paymentFlow", "payData");
        entries.put("pimpmycase/manufacturer/payStatusSettleSeconds", 1);
        payDataWar = DeployedWar.start(entries);
        payDataWar.storeImage(IMAGE, TestImages.png(4, 4));
        payDataApi = new ApiCaller(payDataWar);
    }

    private static void submitPaid(String thirdId, String thirdPayId, String paymentFields) throws Exception {
        HttpResponse<byte[]> response = payDataApi.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                Deliveries.paidOrder(thirdId, thirdPayId, IMAGE, paymentFields));
        assertEquals(201, response.statusCode(), ApiCaller.text(response));
    }

    /** The payment calls of {@code thirdPayId} and the orderData calls of {@code thirdId}, in order of arrival. */
    private static List<RawCall> callsOf(ManufacturerSimulator simulator, String thirdPayId, String thirdId) {
        return simulator.rawCalls().stream().filter(c -> switch (c.path()) {
            case ManufacturerSimulator.PAY_DATA, ManufacturerSimulator.PAY_STATUS ->
                c.body().contains("\"third_id\":\"" + thirdPayId + "\"");
            case ManufacturerSimulator.ORDER_DATA -> c.body().contains("\"third_id\":\"" + thirdId + "\"");
            default -> false;
        }).toList();
    }

    // --- 5. the wire

    @Test
    void everyCallIsHttp11WithoutAnUpgradeAndNamesTheService() throws Exception {
        Deliveries.submit(api, "WIRE-1", "PAY-WIRE-1", IMAGE);
        Deliveries.awaitState(api, "WIRE-1", "delivered", SOON);
        List<RawCall> calls = simulator.rawCalls();
        assertTrue(calls.stream().map(RawCall::path).toList().containsAll(List.of(ManufacturerSimulator.LOGIN,
                ManufacturerSimulator.PAY_STATUS, ManufacturerSimulator.ORDER_DATA)), calls.toString());
        if (payDataSimulator != null) {
            calls = new ArrayList<>(calls);
            calls.addAll(payDataSimulator.rawCalls());
        }
        for (RawCall call : calls) {
            assertEquals("HTTP/1.1", call.httpVersion(), call.toString());
            assertFalse(call.h2cUpgradeOffered(), call.toString());
            assertNull(call.header("Upgrade"), call.toString());
            assertEquals("POST", call.method(), call.toString());
            assertNotNull(call.userAgent(), call.toString());
            assertTrue(call.userAgent().startsWith("PimpMyCase-ImageService/")
                    && call.userAgent().length() > "PimpMyCase-ImageService/".length(), call.toString());
        }
    }

    // --- 6. the manufacturer's msg never carries our secrets anywhere

    @Test
    void aMessageEchoingTheFixedKeyIsStrippedEverywhere() throws Exception {
        String key = Deliveries.FIXED_KEY;
        Map<String, String> echoes = Map.of(
                "ECHO-1", "bad sign for key " + key.toUpperCase(Locale.ROOT),
                "ECHO-2", "bad sign, expected a key like " + flipCase(key.substring(3, 14)) + " here");
        try (Records log = Records.start()) {
            for (Map.Entry<String, String> echo : echoes.entrySet()) {
                simulator.failOrder(echo.getKey(), Fault.code(500, echo.getValue()));
                Deliveries.submit(api, echo.getKey(), "PAY-" + echo.getKey(), IMAGE);
            }
            for (String thirdId : echoes.keySet()) {
                JsonNode record = Deliveries.await(api, thirdId, r -> r != null && r.get("attempts").asInt() >= 2
                        && !r.get("last_error").isNull(), SOON, "two config attempts");
                String lastError = record.get("last_error").asText();
                assertTrue(lastError.startsWith("bad sign"), "the msg arrives, stripped: " + lastError);
                assertNoRunOfTheKey(thirdId + " last_error", lastError);
                HttpResponse<byte[]> view = api.get(ApiCaller.ADMIN_KEY, "/api/orders/" + thirdId);
                assertEquals(200, view.statusCode());
                assertNoRunOfTheKey(thirdId + " order view", ApiCaller.text(view));
            }
            JsonNode health = Eventually.await(SOON, DeliveryProductionIT::health,
                    h -> h.get("checks").get("delivery").get("problem").asText("").startsWith("bad sign"),
                    "/health reporting the echo");
            assertNoRunOfTheKey("/health", health.toString());
            assertNoRunOfTheKey("/api/deliveries", ApiCaller.text(api.get(ApiCaller.ADMIN_KEY, "/api/deliveries")));
            assertTrue(log.all().stream().anyMatch(l -> l.contains("bad sign")), "the WAR logged the msg: " + log.all());
            for (String line : log.all()) {
                assertNoRunOfTheKey("the WAR's log", line);
            }
        }
        simulator.clearFaults();
        for (String thirdId : echoes.keySet()) {
            Deliveries.awaitState(api, thirdId, "delivered", SOON);
        }
    }

    private static String flipCase(String text) {
        StringBuilder flipped = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            flipped.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return flipped.toString();
    }

    /** Neither the fixed key nor any run of 8 of its characters, in any letter case. */
    private static void assertNoRunOfTheKey(String where, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String key = Deliveries.FIXED_KEY.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 8 <= key.length(); i++) {
            String run = key.substring(i, i + 8);
            assertFalse(lower.contains(run), where + " holds \"" + run + "\" of the fixed key: " + text);
        }
    }

    private static JsonNode health() throws Exception {
        HttpResponse<byte[]> health = war.get("/health");
        assertEquals(200, health.statusCode(), ApiCaller.text(health));
        return ApiCaller.json(health);
    }

    /** What {@code com.pimpmycase} logs meanwhile, every level, with the level kept. */
    private static final class Records extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("com.pimpmycase");
        private final Level levelBefore = logger.getLevel();
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        static Records start() {
            Records records = new Records();
            records.logger.addHandler(records);
            records.logger.setLevel(Level.ALL);
            return records;
        }

        List<String> lines(Level level) {
            return records.stream().filter(r -> r.getLevel().equals(level)).map(Records::text).toList();
        }

        List<String> all() {
            return records.stream().map(Records::text).toList();
        }

        private static String text(LogRecord record) {
            String text = new SimpleFormatter().formatMessage(record);
            return record.getThrown() == null ? text : text + " " + record.getThrown();
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(levelBefore);
        }
    }
}
