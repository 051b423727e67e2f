package com.pimpmycase.webhook;

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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manufacturer's webhooks (SPEC §9 "Calls from the manufacturer") over HTTP against the WAR on
 * every server: the envelope, every bad input of both hooks, the order of the checks, delivery
 * off, one log line per call without the sign (read in this JVM: embedded Jetty).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
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

    @Parameter
    ServerKind kind;
    ManufacturerSimulator simulator;
    ServiceUnderTest war;

    /** Once per server kind. */
    @BeforeParameterizedClassInvocation
    void deploy() throws Exception {
        simulator = ManufacturerSimulator.started("acc-factory", "pa55-word-webhook", FIXED_KEY, SYSTEM);
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-webhooks"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com");
        entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
        entries.put("pimpmycase/manufacturer/account", "acc-factory");
        entries.put("pimpmycase/manufacturer/password", "pa55-word-webhook");
        entries.put("pimpmycase/manufacturer/fixedKey", FIXED_KEY);
        war = kind.deploy(entries);
        war.storeImage(IMAGE, TestImages.png(90, 180));
        HttpResponse<byte[]> stored = new ApiCaller(war).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PYEN250828378395\",\"third_id\":\"" + ORDER + "\",\"mobile_model_id\":\"MM1\","
                        + "\"pic\":\"" + IMAGE + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), new String(stored.body(), StandardCharsets.UTF_8));
    }

    @AfterParameterizedClassInvocation
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
        "{\"third_id\":\"" + ORDER + "\",\"status\":16,\"queue_no\":\"7\"}",
        "{\"third_id\":\"" + ORDER + "\",\"status\":2,\"queue_no\":null,\"id\":null}",
        "{\"third_id\":\"" + ORDER + "\",\"status\":3,\"note\":\"extra fields are ignored\",\"n\":[1,{}]}",
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
            status as text        | {"third_id":"PYEN1","status":"3"}                    | status must be an integer
            status a fraction     | {"third_id":"PYEN1","status":3.0}                    | status must be an integer
            status a boolean      | {"third_id":"PYEN1","status":true}                   | status must be an integer
            status null           | {"third_id":"PYEN1","status":null}                   | status must be an integer
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
            status as text        | {"third_id":"OREN1","status":"8"}                      | status must be an integer
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

    // --- delivery off

    @Test
    void bothHooksAre404WhileDeliveryIsOff() throws Exception {
        Assumptions.assumeTrue(kind == ServerKind.EMBEDDED_JETTY, "a second deployment: in embedded Jetty only");
        Path data = Files.createTempDirectory("pimpmycase-webhooks-off");
        try (DeployedWar off = DeployedWar.start(DeployedWar.defaultEntries(data))) {
            String body = "{\"third_id\":\"PYEN250828378395\",\"status\":3}";
            envelope(post(off, PAY, body, signOf(body)), 404, "delivery is not configured");
            envelope(post(off, UPDATE, "{\"third_id\":\"" + ORDER + "\",\"status\":8}", "x"), 404,
                    "delivery is not configured");
            envelope(post(off, PAY, "not json", null), 404, "delivery is not configured");
        }
    }
}
