package com.pimpmycase.manufacturer;

import com.pimpmycase.testing.Eventually;
import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.CapturedLog;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manufacturer's webhooks (SPEC §9 "Calls from the manufacturer") over HTTP against the WAR in
 * embedded Jetty, {@code webhookAuth} {@code sign} (the default): the envelope, every bad input of
 * both hooks, the order of the checks, lenient bodies, replays and late calls, metrics, delivery
 * off, one log line per call without the sign. What depends on the container (form bodies, the
 * client address behind a proxy) runs on every server in {@link WebhookServersIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIT {

    static final String PAY = "/api/chinese/order/payStatus";
    static final String UPDATE = "/api/chinese/order/status-update";
    static final String SYSTEM = "mobileShell";
    static final String FIXED_KEY = "webhook-it-fixed-key-4e2a";
    static final String ORDER = "OREN250828378396";
    static final String IMAGE = "order-OREN250828378396-final-1756378358-e5f1af36.png";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ManufacturerSign SIGN = new ManufacturerSign(SYSTEM, FIXED_KEY);

    final ServerKind kind = ServerKind.EMBEDDED_JETTY;
    ManufacturerSimulator simulator;
    ServiceUnderTest war;
    /** The deployment's database, bound as jdbc/pimpmycase, for what no API sets up. */
    DataSource database;

    /**
     * The test's own H2 engine, bound as an object: H2's DataSource is Referenceable, so Jetty
     * would bind a reference and the WAR would open its own (empty) in-memory database.
     */
    record SharedDataSource(JdbcDataSource h2) implements DataSource {
        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return h2.getConnection();
        }

        @Override
        public java.sql.Connection getConnection(String user, String password) throws java.sql.SQLException {
            return h2.getConnection(user, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return h2.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
            h2.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            h2.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return h2.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getLogger("h2");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            return h2.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
            return h2.isWrapperFor(type);
        }
    }

    @BeforeAll
    void deploy() throws Exception {
        simulator = ManufacturerSimulator.started("acc-factory", "pa55-word-webhook", FIXED_KEY, SYSTEM);
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-webhooks"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com");
        entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
        entries.put("pimpmycase/manufacturer/account", "acc-factory");
        entries.put("pimpmycase/manufacturer/password", "pa55-word-webhook");
        entries.put("pimpmycase/manufacturer/fixedKey", FIXED_KEY);
        entries.put("pimpmycase/manufacturer/retryBackoff", "1s..2s");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:webhook-it-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        database = new SharedDataSource(h2);
        entries.put("jdbc/pimpmycase", database);
        // Payment mode: an order waits for its payment, so the simulator's answer (with its own
        // queue_no and id) never races a test's status-update; a test that wants it sent pays it.
        entries.put("pimpmycase/manufacturer/deliverOn", "payment");
        war = kind.deploy(entries);
        war.storeImage(IMAGE, TestImages.png(90, 180));
        HttpResponse<byte[]> stored = new ApiCaller(war).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PYEN-ORDER-NEVER-PAID\",\"third_id\":\"" + ORDER + "\",\"mobile_model_id\":\"MM1\","
                        + "\"pic\":\"" + IMAGE + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), new String(stored.body(), StandardCharsets.UTF_8));
    }

    @AfterAll
    void undeploy() throws Exception {
        if (war != null) {
            war.close();
            war = null;
        }
        simulator.close();
    }

    // --- calling

    static String signOf(String body) throws Exception {
        return SIGN.sign(JSON.readTree(body));
    }

    static HttpResponse<byte[]> post(ServiceUnderTest target, String path, String body, String sign) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)));
        if (sign != null) {
            request.header("sign", sign);
        }
        return target.send(request);
    }

    /** A correctly signed call. */
    HttpResponse<byte[]> signed(String path, String body) throws Exception {
        return post(war, path, body, signOf(body));
    }

    /** The manufacturer's envelope with {@code code} as status and code, and {@code msg}. */
    static JsonNode envelope(HttpResponse<byte[]> response, int code, String msg) throws Exception {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(code, response.statusCode(), text);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), text);
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), "X-Request-Id");
        JsonNode body = JSON.readTree(text);
        assertEquals(2, body.size(), text);
        assertEquals(code, body.get("code").intValue(), text);
        if (msg != null) {
            assertEquals(msg, body.get("msg").textValue(), text);
        }
        assertNull(body.get("detail"), "not the API's error shape");
        return body;
    }

    // --- success

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void payStatusRecordsEveryStatus(int status) throws Exception {
        envelope(signed(PAY, "{\"third_id\":\"PYEN250828378395\",\"status\":" + status + "}"), 200, "success");
    }

    @Test
    void aPaymentMayArriveBeforeItsOrder() throws Exception {
        envelope(signed(PAY, "{\"third_id\":\"PYEN-NO-ORDER-YET\",\"status\":3}"), 200, "success");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"third_id\":\"" + ORDER + "\",\"status\":8}",
        "{\"third_id\":\"" + ORDER + "\",\"status\":1,\"queue_no\":\"001\",\"id\":\"ORDER123456789\"}",
        "{\"third_id\":\"" + ORDER + "\",\"status\":16,\"queue_no\":\"001\",\"id\":\"ORDER123456789\"}",
        "{\"third_id\":\"" + ORDER + "\",\"status\":2,\"queue_no\":null,\"id\":null}",
        "{\"third_id\":\"" + ORDER + "\",\"status\":3,\"note\":{\"a\":\"b\"},\"n\":[1,{}],\"m\":null}",
    })
    void statusUpdateOfAStoredOrder(String body) throws Exception {
        envelope(signed(UPDATE, body), 200, "success");
    }

    @Test
    void anUnknownOrderIs404() throws Exception {
        envelope(signed(UPDATE, "{\"third_id\":\"OREN-UNKNOWN\",\"status\":8}"), 404, "order not found");
    }

    @Test
    void theSignIsLowercaseHexOnly() throws Exception {
        String body = "{\"third_id\":\"PYEN250828378395\",\"status\":3}";
        envelope(post(war, PAY, body, signOf(body).toUpperCase()), 401, "invalid sign"); // SPEC §9: lowercase hex
        envelope(post(war, PAY, body, signOf(body)), 200, "success");
    }

    // --- sign

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no sign             |
            empty sign          | ''
            wrong sign          | 0123456789abcdef0123456789abcdef
            another key's sign  | 1160ef23016b45c3223f92403712bbc5
            """)
    void aMissingOrWrongSignIs401(String name, String sign) throws Exception {
        String body = "{\"third_id\":\"PYEN250828378395\",\"status\":3}"; // the vectors' wrong_key_example body
        envelope(post(war, PAY, body, sign), 401, "invalid sign");
        envelope(post(war, UPDATE, "{\"third_id\":\"" + ORDER + "\",\"status\":8}", sign), 401, "invalid sign");
    }

    @Test
    void aSignOfAnotherBodyIs401() throws Exception {
        String paid = "{\"third_id\":\"PYEN250828378395\",\"status\":3}";
        String failed = "{\"third_id\":\"PYEN250828378395\",\"status\":4}";
        envelope(post(war, PAY, failed, signOf(paid)), 401, "invalid sign");
        // Every field counts, an ignored extra one too.
        String extra = "{\"third_id\":\"PYEN250828378395\",\"status\":3,\"x\":\"1\"}";
        envelope(post(war, PAY, extra, signOf(paid)), 401, "invalid sign");
    }

    // --- unreadable JSON: 400, before the sign is looked at

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body      | ''
            not JSON        | third_id=PYEN1&status=3
            truncated       | {"third_id":"PYEN1","status":
            trailing data   | {"third_id":"PYEN1","status":3} {}
            trailing text   | {"third_id":"PYEN1","status":3}x
            duplicate keys  | {"third_id":"PYEN1","status":3,"status":4}
            an array        | [{"third_id":"PYEN1","status":3}]
            a string        | "PYEN1"
            null            | null
            """)
    void unreadableJsonIs400EvenWithABadSign(String name, String body) throws Exception {
        for (String path : List.of(PAY, UPDATE)) {
            JsonNode answer = envelope(post(war, path, body, "0123456789abcdef0123456789abcdef"), 400, null);
            assertFalse(answer.get("msg").textValue().isBlank());
        }
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        byte[] body = {'{', '"', 't', 'h', 'i', 'r', 'd', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, '"', '}'};
        HttpResponse<byte[]> response = war.send(HttpRequest.newBuilder(war.uri(PAY))
                .header("sign", "x").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        envelope(response, 400, "the body is not UTF-8 text");
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String body = "{\"third_id\":\"PYEN1\",\"status\":3,\"pad\":\"" + "x".repeat(20_000) + "\"}";
        envelope(signed(PAY, body), 413, null);
    }

    // --- fields: 400 with what is wrong, after the sign

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no third_id           | {"status":3}                                         | third_id is required
            no status             | {"third_id":"PYEN1"}                                 | status is required
            nothing               | {}                                                   | third_id is required; status is required
            status not digits     | {"third_id":"PYEN1","status":"3x"}                   | status must be an integer or a string of digits
            status a fraction     | {"third_id":"PYEN1","status":3.0}                    | status must be an integer or a string of digits
            status a boolean      | {"third_id":"PYEN1","status":true}                   | status must be an integer or a string of digits
            status null           | {"third_id":"PYEN1","status":null}                   | status must be an integer or a string of digits
            status text 6         | {"third_id":"PYEN1","status":"6"}                    | status must be between 1 and 5
            status 0              | {"third_id":"PYEN1","status":0}                      | status must be between 1 and 5
            status 6              | {"third_id":"PYEN1","status":6}                      | status must be between 1 and 5
            status negative       | {"third_id":"PYEN1","status":-3}                     | status must be between 1 and 5
            status huge           | {"third_id":"PYEN1","status":12345678901234567890}   | status must be between 1 and 5
            third_id a number     | {"third_id":12345,"status":3}                        | third_id must be a string
            third_id null         | {"third_id":null,"status":3}                         | third_id must be a string
            third_id an object    | {"third_id":{"a":"b"},"status":3}                    | third_id must be a string
            third_id empty        | {"third_id":"","status":3}                           | third_id must be 1-64 characters of A-Z a-z 0-9 _ -
            third_id with a space | {"third_id":"PYEN 1","status":3}                     | third_id must be 1-64 characters of A-Z a-z 0-9 _ -
            third_id with a slash | {"third_id":"../PYEN1","status":3}                   | third_id must be 1-64 characters of A-Z a-z 0-9 _ -
            third_id too long     | {"third_id":"PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP","status":3} | third_id must be 1-64 characters of A-Z a-z 0-9 _ -
            """)
    void payStatusFieldsAreChecked(String name, String body, String msg) throws Exception {
        envelope(signed(PAY, body), 400, msg);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status 17             | {"third_id":"OREN1","status":17}                       | status must be between 1 and 16
            status 0              | {"third_id":"OREN1","status":0}                        | status must be between 1 and 16
            status text, a space  | {"third_id":"OREN1","status":"8 "}                     | status must be an integer or a string of digits
            status text 17        | {"third_id":"OREN1","status":"17"}                     | status must be between 1 and 16
            queue_no a number     | {"third_id":"OREN1","status":8,"queue_no":1}           | queue_no must be a string
            id an object          | {"third_id":"OREN1","status":8,"id":{}}                | id must be a string
            id with a space       | {"third_id":"OREN1","status":8,"id":"ORDER 1"}         | id must be 1-64 characters of A-Z a-z 0-9 _ -
            two problems          | {"third_id":5,"status":99}                             | third_id must be a string; status must be between 1 and 16
            """)
    void statusUpdateFieldsAreChecked(String name, String body, String msg) throws Exception {
        envelope(signed(UPDATE, body), 400, msg);
    }

    // --- the order of the checks

    @Test
    void checksRunInTheOrderOfTheSpec() throws Exception {
        String badSign = "0123456789abcdef0123456789abcdef";
        // unreadable JSON before sign
        envelope(post(war, UPDATE, "{\"third_id\":", badSign), 400, null);
        // sign before fields
        envelope(post(war, UPDATE, "{\"third_id\":5,\"status\":\"x\"}", badSign), 401, "invalid sign");
        // sign before the order lookup
        envelope(post(war, UPDATE, "{\"third_id\":\"OREN-UNKNOWN\",\"status\":8}", badSign), 401, "invalid sign");
        // fields before the order lookup
        envelope(signed(UPDATE, "{\"third_id\":\"OREN-UNKNOWN\",\"status\":99}"), 400, "status must be between 1 and 16");
    }

    // --- methods

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void onlyPostIsAllowed(String method) throws Exception {
        for (String path : List.of(PAY, UPDATE)) {
            HttpResponse<byte[]> response = war.send(HttpRequest.newBuilder(war.uri(path))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            envelope(response, 405, null);
            assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
        }
    }

    @Test
    void noApiKeyIsAskedFor() throws Exception {
        HttpResponse<byte[]> response = signed(PAY, "{\"third_id\":\"PYEN1\",\"status\":2}");
        envelope(response, 200, "success");
        assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty());
    }

    // --- robustness and logs

    @Test
    void garbageNeverGetsA500() throws Exception {
        Random random = new Random(42);
        String[] pieces = {"{", "}", "[", "]", "\"third_id\"", ":", ",", "\"status\"", "3", "\"x\"", "null", "1e999",
            "-", "\\u0000", "\"\\ud800\"", " ", "true", "99999999999999999999999"};
        for (int i = 0; i < 200; i++) {
            StringBuilder body = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                body.append(pieces[random.nextInt(pieces.length)]);
            }
            String path = i % 2 == 0 ? PAY : UPDATE;
            String text = body.toString();
            String sign;
            try {
                sign = i % 3 == 0 ? signOf(text) : "bad";
            } catch (Exception notAnObject) {
                sign = "bad";
            }
            int status = post(war, path, text, sign).statusCode();
            assertTrue(status == 200 || status == 400 || status == 401 || status == 404, text + " -> " + status);
        }
    }

    @Test
    void oneLogLinePerCallWithTheRequestIdAndNeverTheSign() throws Exception {
        Assumptions.assumeTrue(kind == ServerKind.EMBEDDED_JETTY, "the log is read in this JVM");
        String body = "{\"third_id\":\"PYEN250828378395\",\"status\":3}";
        String sign = signOf(body);
        try (CapturedLog log = CapturedLog.start(Level.INFO)) {
            HttpResponse<byte[]> ok = war.send(HttpRequest.newBuilder(war.uri(PAY)).header("sign", sign)
                    .header("X-Request-Id", "webhook-it-1").POST(HttpRequest.BodyPublishers.ofString(body)));
            envelope(ok, 200, "success");
            HttpResponse<byte[]> refused = war.send(HttpRequest.newBuilder(war.uri(PAY)).header("sign", sign + "0")
                    .header("X-Request-Id", "webhook-it-2").POST(HttpRequest.BodyPublishers.ofString(body)));
            envelope(refused, 401, "invalid sign");

            List<String> lines = log.lines().stream().filter(l -> l.contains("webhook")).toList();
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("request_id=webhook-it-1") && lines.get(0).contains("200"), lines.get(0));
            assertTrue(lines.get(1).contains("request_id=webhook-it-2") && lines.get(1).contains("401"), lines.get(1));
            for (String line : log.lines()) {
                assertFalse(line.contains(sign), line);
                assertFalse(line.contains(FIXED_KEY), line);
            }
        }
    }

    @Test
    void theWarHoldsNoSimulator() throws Exception {
        Assumptions.assumeTrue(kind == ServerKind.EMBEDDED_JETTY, "one look at the WAR is enough");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(DeployedWar.war().toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.contains("simulator") || n.contains("Simulator")).toList();
            assertEquals(List.of(), names);
        }
    }

    // --- lenient bodies, replays and late calls (SPEC §9)

    /** Stores an order (delivered soon by the simulator). */
    void store(String thirdId, String thirdPayId) throws Exception {
        HttpResponse<byte[]> stored = new ApiCaller(war).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"" + thirdPayId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                        + "\"pic\":\"" + IMAGE + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), new String(stored.body(), StandardCharsets.UTF_8));
    }

    /** §11's order view (admin). */
    JsonNode orderView(String thirdId) throws Exception {
        HttpResponse<byte[]> view = new ApiCaller(war).get(ApiCaller.ADMIN_KEY, "/api/orders/" + thirdId);
        assertEquals(200, view.statusCode(), ApiCaller.text(view));
        return ApiCaller.json(view);
    }

    List<String> eventDetails(String thirdId, String kind) throws Exception {
        List<String> details = new java.util.ArrayList<>();
        for (JsonNode event : orderView(thirdId).get("events")) {
            if (event.get("kind").asText().equals(kind)) {
                details.add(event.get("detail").asText());
            }
        }
        return details;
    }

    static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aliasesAndAStringStatusAreTheSameFields() throws Exception {
        store("ORALIAS1", "PYALIAS1");
        envelope(signed(UPDATE, "{\"orderId\":\" ORALIAS1 \",\"orderStatus\":\"8\",\"queueNumber\":\"Q-1\","
                + "\"chineseOrderId\":\"M-1\"}"), 200, "success");
        JsonNode delivery = orderView("ORALIAS1").get("delivery");
        assertEquals(8, delivery.get("manufacturer_status").asInt());
        assertEquals("Q-1", delivery.get("queue_no").asText());
        assertEquals("M-1", delivery.get("manufacturer_order_id").asText());
        envelope(signed(PAY, "{\"thirdId\":\"PYALIAS1\",\"status\":\"2\"}"), 200, "success");
        assertEquals(2, orderView("ORALIAS1").get("payment_status").asInt());
        // One field under two of its names is unreadable (before the sign): 400.
        envelope(post(war, UPDATE, "{\"third_id\":\"ORALIAS1\",\"order_id\":\"ORALIAS1\",\"status\":8}", "bad"), 400,
                "field third_id given twice (as third_id and order_id)");
    }

    @Test
    void theForgeryOfAnUnknownFieldIsRefused() throws Exception {
        store("ORSECA12", "PYSECA12");
        // A captured call for ORSECA123 ...
        String captured = "{\"third_id\":\"ORSECA123\",\"status\":8}";
        // ... re-targeted: "zz" moves the "3" out of the id, and the sign stays the same.
        String forged = "{\"third_id\":\"ORSECA12\",\"status\":8,\"zz\":\"3\"}";
        assertEquals(signOf(captured), signOf(forged));
        envelope(post(war, UPDATE, forged, signOf(captured)), 400, null);
        envelope(post(war, UPDATE, "{\"third_id\":\"ORSECA12\",\"zz\":\"3\"}",
                signOf("{\"third_id\":\"ORSECA123\"}")), 400, null);
        assertTrue(orderView("ORSECA12").get("delivery").get("manufacturer_status").isNull(), "nothing recorded");
        // A null, an object or an array does not enter the sign: still ignored.
        envelope(signed(UPDATE, "{\"third_id\":\"ORSECA12\",\"status\":8,\"zz\":null,\"o\":{\"a\":1}}"), 200,
                "success");
    }

    @Test
    void aDifferentQueueNoOrIdIsA409() throws Exception {
        store("ORQUEUE1", "PYQUEUE1");
        String first = "{\"third_id\":\"ORQUEUE1\",\"queue_no\":\"3\",\"status\":12}";
        envelope(signed(UPDATE, first), 200, "success");
        // {"queue_no":"3","status":12} signs like {"queue_no":"31","status":2}
        String shifted = "{\"third_id\":\"ORQUEUE1\",\"queue_no\":\"31\",\"status\":2}";
        assertEquals(signOf(first), signOf(shifted));
        envelope(post(war, UPDATE, shifted, signOf(first)), 409, "queue_no or id differs from the recorded one");
        envelope(signed(UPDATE, "{\"third_id\":\"ORQUEUE1\",\"status\":13,\"id\":\"M-1\"}"), 200, "success");
        envelope(signed(UPDATE, "{\"third_id\":\"ORQUEUE1\",\"status\":14,\"id\":\"M-2\"}"), 409,
                "queue_no or id differs from the recorded one");
        JsonNode delivery = orderView("ORQUEUE1").get("delivery");
        assertEquals(13, delivery.get("manufacturer_status").asInt());
        assertEquals("3", delivery.get("queue_no").asText());
        assertEquals("M-1", delivery.get("manufacturer_order_id").asText());
        List<String> events = eventDetails("ORQUEUE1", "manufacturer_status");
        assertTrue(events.stream().filter(e -> e.contains("differs from the recorded one")).count() == 2, events.toString());
    }

    @Test
    void aNumberIsSignedAsWritten() throws Exception {
        String body = "{\"third_id\":\"PYEN-AMOUNT\",\"status\":3,\"pay_amount\":35.00}";
        String asWritten = md5("35.003PYEN-AMOUNT" + SYSTEM + FIXED_KEY);
        envelope(post(war, PAY, body, md5("35.03PYEN-AMOUNT" + SYSTEM + FIXED_KEY)), 401, "invalid sign");
        envelope(post(war, PAY, body, asWritten), 200, "success");
    }

    @Test
    void aReplayOfAnEarlierReportIsNotApplied() throws Exception {
        store("ORREPLAY1", "PYREPLAY1");
        String printing = "{\"third_id\":\"ORREPLAY1\",\"status\":11,\"queue_no\":\"Q-7\",\"id\":\"M-7\"}";
        String printed = "{\"third_id\":\"ORREPLAY1\",\"status\":12}";
        envelope(signed(UPDATE, printing), 200, "success");
        envelope(signed(UPDATE, printed), 200, "success");
        JsonNode before = orderView("ORREPLAY1").get("delivery");
        Thread.sleep(1100);
        Map<String, Double> counts = webhookCounts();
        envelope(signed(UPDATE, printing), 200, "success"); // captured and replayed, or late
        JsonNode after = orderView("ORREPLAY1").get("delivery");
        assertEquals(12, after.get("manufacturer_status").asInt(), "a replay never rolls the status back");
        assertEquals(before.get("manufacturer_status_at"), after.get("manufacturer_status_at"));
        assertTrue(eventDetails("ORREPLAY1", "manufacturer_status").stream()
                .anyMatch(e -> e.contains("repeats an earlier report")));
        // The latest repeated: nothing changes either.
        envelope(signed(UPDATE, printed), 200, "success");
        assertEquals(before.get("manufacturer_status_at"), orderView("ORREPLAY1").get("delivery").get("manufacturer_status_at"));
        Map<String, Double> later = webhookCounts();
        assertEquals(1.0, delta(counts, later, "status-update", "ignored"));
        assertEquals(1.0, delta(counts, later, "status-update", "accepted"));
    }

    @Test
    void aPaidPaymentNeverGoesBackToPending() throws Exception {
        store("ORPAID1", "PYPAID1");
        envelope(signed(PAY, "{\"third_id\":\"PYPAID1\",\"status\":3}"), 200, "success");
        Map<String, Double> counts = webhookCounts();
        envelope(signed(PAY, "{\"third_id\":\"PYPAID1\",\"status\":1}"), 200, "success");
        envelope(signed(PAY, "{\"third_id\":\"PYPAID1\",\"status\":2}"), 200, "success");
        assertEquals(3, orderView("ORPAID1").get("payment_status").asInt());
        assertEquals(2, eventDetails("ORPAID1", "payment_status").stream()
                .filter(e -> e.contains("ignored: the payment is already paid")).count());
        assertEquals(2.0, delta(counts, webhookCounts(), "payStatus", "ignored"));
        envelope(signed(PAY, "{\"third_id\":\"PYPAID1\",\"status\":4}"), 200, "success");
        assertEquals(4, orderView("ORPAID1").get("payment_status").asInt(), "paid may still become failed");
    }

    @Test
    void aPaymentIsFoundByTheManufacturersPaymentId() throws Exception {
        try (java.sql.Connection c = database.getConnection(); java.sql.PreparedStatement insert = c.prepareStatement(
                "INSERT INTO payment_registrations (third_pay_id, manufacturer_payment_id) VALUES (?, ?)")) {
            insert.setString(1, "PYEN250101000077");
            insert.setString(2, "MSPY10250101000077");
            insert.executeUpdate();
        }
        store("ORMSPY1", "PYEN250101000077");
        envelope(signed(PAY, "{\"third_id\":\"MSPY10250101000077\",\"status\":2}"), 200, "success");
        assertEquals(2, orderView("ORMSPY1").get("payment_status").asInt());
        assertTrue(eventDetails("ORMSPY1", "payment_status").stream()
                .anyMatch(e -> e.contains("reported as MSPY10250101000077")));
    }

    @Test
    void everyCallIsCountedByOutcome() throws Exception {
        store("ORCOUNT1", "PYCOUNT1");
        Map<String, Double> before = webhookCounts();
        envelope(signed(UPDATE, "{\"third_id\":\"ORCOUNT1\",\"status\":8,\"queue_no\":\"1\"}"), 200, "success");
        envelope(signed(UPDATE, "{\"third_id\":\"ORCOUNT1\",\"status\":9}"), 200, "success");
        envelope(signed(UPDATE, "{\"third_id\":\"ORCOUNT1\",\"status\":8,\"queue_no\":\"1\"}"), 200, "success");
        envelope(signed(UPDATE, "{\"third_id\":\"ORCOUNT1\",\"status\":8,\"queue_no\":\"2\"}"), 409, null);
        envelope(signed(UPDATE, "{\"third_id\":\"ORCOUNT-NONE\",\"status\":8}"), 404, "order not found");
        envelope(post(war, UPDATE, "{\"third_id\":\"ORCOUNT1\",\"status\":8}", "bad"), 401, "invalid sign");
        envelope(signed(UPDATE, "{\"third_id\":\"ORCOUNT1\",\"status\":99}"), 400, null);
        envelope(post(war, UPDATE, "{", "bad"), 400, null);
        envelope(war.send(HttpRequest.newBuilder(war.uri(UPDATE)).GET()), 405, null);
        envelope(signed(PAY, "{\"third_id\":\"PYCOUNT1\",\"status\":3}"), 200, "success");
        Map<String, Double> after = webhookCounts();
        assertEquals(2.0, delta(before, after, "status-update", "accepted"));
        assertEquals(1.0, delta(before, after, "status-update", "ignored"));
        assertEquals(1.0, delta(before, after, "status-update", "conflict"));
        assertEquals(1.0, delta(before, after, "status-update", "unknown_order"));
        assertEquals(1.0, delta(before, after, "status-update", "unauthorized"));
        assertEquals(3.0, delta(before, after, "status-update", "invalid"));
        assertEquals(0.0, delta(before, after, "status-update", "off"));
        assertEquals(1.0, delta(before, after, "payStatus", "accepted"));
    }

    @Test
    void aRefusedCallIsLoggedWithWhatHelpsButNoValue() throws Exception {
        try (CapturedLog log = CapturedLog.start(Level.INFO)) {
            HttpResponse<byte[]> refused = war.send(HttpRequest.newBuilder(war.uri(PAY)).header("sign", "f".repeat(32))
                    .header("Content-Type", "application/json").header("X-Request-Id", "webhook-it-refused")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"third_id\":\"PYVALUE-NOT-LOGGED\",\"status\":3}")));
            envelope(refused, 401, "invalid sign");
            List<String> lines = log.lines().stream().filter(l -> l.contains("webhook-it-refused")).toList();
            assertEquals(1, lines.size(), lines.toString());
            String line = lines.get(0);
            for (String part : List.of("outcome=unauthorized", "content_type=application/json", "\"third_id\"",
                    "\"status\"", "failed=sign: does not match the body")) {
                assertTrue(line.contains(part), part + " in " + line);
            }
            assertFalse(line.contains("PYVALUE-NOT-LOGGED"), line);
            assertFalse(line.contains("f".repeat(32)), line);
        }
    }

    /** {@code "<webhook> <outcome>"} → count, from /metrics. */
    Map<String, Double> webhookCounts() throws Exception {
        return webhookCounts(war);
    }

    static Map<String, Double> webhookCounts(ServiceUnderTest target) throws Exception {
        HttpResponse<byte[]> metrics = new ApiCaller(target).get(ApiCaller.ADMIN_KEY, "/metrics");
        assertEquals(200, metrics.statusCode());
        Map<String, Double> counts = new java.util.HashMap<>();
        java.util.regex.Pattern series = java.util.regex.Pattern.compile(
                "pimpmycase_webhook_calls_total\\{outcome=\"([a-z_]+)\",webhook=\"([A-Za-z-]+)\",?} (\\S+)");
        for (String line : ApiCaller.text(metrics).split("\n")) {
            java.util.regex.Matcher m = series.matcher(line);
            if (m.matches()) {
                counts.put(m.group(2) + " " + m.group(1), Double.parseDouble(m.group(3)));
            }
        }
        assertEquals(14, counts.size(), "every series exists from the start: " + counts);
        return counts;
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String webhook, String outcome) {
        return after.get(webhook + " " + outcome) - before.get(webhook + " " + outcome);
    }

    // --- re-delivery (SPEC §9: a forged or mistaken status-update makes an order delivered for good)

    HttpResponse<byte[]> adminPost(String path) throws Exception {
        return war.send(HttpRequest.newBuilder(war.uri(path)).header("Authorization", "Bearer " + ApiCaller.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode awaitState(String thirdId, String state) throws Exception {
        return Eventually.await(java.time.Duration.ofSeconds(20), () -> orderView(thirdId).get("delivery"),
                delivery -> delivery.get("state").asText().equals(state), thirdId + " never became " + state);
    }

    @Test
    void anAdminMayForceTheReDeliveryOfADeliveredOrder() throws Exception {
        store("ORFORCE1", "PYFORCE1");
        // A forged or mistaken status-update: delivered, though the manufacturer never had it.
        envelope(signed(UPDATE, "{\"third_id\":\"ORFORCE1\",\"status\":8}"), 200, "success");
        assertEquals("delivered", orderView("ORFORCE1").get("delivery").get("state").asText());
        assertNull(simulator.received("ORFORCE1"));
        HttpResponse<byte[]> refused = adminPost("/api/orders/ORFORCE1/delivery/retry");
        assertEquals(409, refused.statusCode());
        assertEquals("{\"detail\":\"Order ORFORCE1 is already delivered\"}", ApiCaller.text(refused));
        assertEquals(422, adminPost("/api/orders/ORFORCE1/delivery/retry?force=yes").statusCode());
        assertEquals(404, adminPost("/api/orders/ORFORCE-NONE/delivery/retry?force=true").statusCode());

        HttpResponse<byte[]> forced = adminPost("/api/orders/ORFORCE1/delivery/retry?force=true");
        assertEquals(202, forced.statusCode(), ApiCaller.text(forced));
        awaitState("ORFORCE1", "delivered");
        assertTrue(simulator.received("ORFORCE1").accepted() > 0, "orderData sent");
        assertTrue(eventDetails("ORFORCE1", "delivery_retry").stream()
                .anyMatch(e -> e.equals("re-delivery forced by ops (was delivered)")), eventDetails("ORFORCE1", "delivery_retry").toString());
    }

    @Test
    void anAdminMayRetryEveryFailedDelivery() throws Exception {
        store("ORFAILED1", "PYFAILED1");
        store("ORFAILED2", "PYFAILED1");
        envelope(signed(PAY, "{\"third_id\":\"PYFAILED1\",\"status\":3}"), 200, "success");
        awaitState("ORFAILED1", "delivered");
        awaitState("ORFAILED2", "delivered");
        // As if giveUpAfter had passed during an incident (no API makes a delivery fail on purpose).
        try (java.sql.Connection c = database.getConnection(); java.sql.Statement st = c.createStatement()) {
            assertEquals(2, st.executeUpdate("UPDATE deliveries SET state = 'failed', delivered_at = NULL, due_at = NULL"
                    + " WHERE third_id IN ('ORFAILED1', 'ORFAILED2')"));
        }
        for (String bad : List.of("", "?state=pending", "?state=delivered", "?state=failed&state=failed")) {
            HttpResponse<byte[]> refused = adminPost("/api/deliveries/retry" + bad);
            assertEquals(422, refused.statusCode(), bad + ": " + ApiCaller.text(refused));
            assertEquals("state", ApiCaller.json(refused).get("detail").get(0).get("loc").get(1).asText());
        }
        HttpResponse<byte[]> shop = war.send(HttpRequest.newBuilder(war.uri("/api/deliveries/retry?state=failed"))
                .header("Authorization", "Bearer " + ApiCaller.SHOP_KEY).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, shop.statusCode());
        HttpResponse<byte[]> retried = adminPost("/api/deliveries/retry?state=failed");
        assertEquals(200, retried.statusCode(), ApiCaller.text(retried));
        assertEquals("{\"retried\":2}", ApiCaller.text(retried));
        awaitState("ORFAILED1", "delivered");
        awaitState("ORFAILED2", "delivered");
        assertEquals("{\"retried\":0}", ApiCaller.text(adminPost("/api/deliveries/retry?state=failed")));
    }

    // --- delivery off

    @Test
    void bothHooksAre404WhileDeliveryIsOff() throws Exception {
        Assumptions.assumeTrue(kind == ServerKind.EMBEDDED_JETTY, "a second deployment: in embedded Jetty only");
        Path data = Files.createTempDirectory("pimpmycase-webhooks-off");
        Map<String, Object> offEntries = DeployedWar.defaultEntries(data);
        offEntries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        try (DeployedWar off = DeployedWar.start(offEntries)) {
            String body = "{\"third_id\":\"PYEN250828378395\",\"status\":3}";
            envelope(post(off, PAY, body, signOf(body)), 404, "delivery is not configured");
            envelope(post(off, UPDATE, "{\"third_id\":\"" + ORDER + "\",\"status\":8}", "x"), 404,
                    "delivery is not configured");
            envelope(post(off, PAY, "not json", null), 404, "delivery is not configured");
            Map<String, Double> counts = webhookCounts(off);
            assertEquals(2.0, counts.get("payStatus off"));
            assertEquals(1.0, counts.get("status-update off"));
            HttpResponse<byte[]> retried = off.send(HttpRequest.newBuilder(off.uri("/api/deliveries/retry?state=failed"))
                    .header("Authorization", "Bearer " + ApiCaller.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(409, retried.statusCode());
            assertEquals("{\"detail\":\"Delivery to the manufacturer is not configured\"}", ApiCaller.text(retried));
        }
    }
}
