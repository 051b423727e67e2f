package com.pimpmycase.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own promises, which other tests rely on to find faults: it answers as the
 * production API does (HTTP 200, code 500 and its messages; the documented dialect on request),
 * issues payment ids, checks payments named by orders, detects overlapping orderData calls of one
 * order, counts duplicates, checks the sign (over the body as written) and token, records each
 * call as it arrived, answers canned production answers, and obeys its control API over HTTP.
 */
class ManufacturerSimulatorIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ManufacturerSign SIGN = new ManufacturerSign("mobileShell", "sim-it-fixed-key");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ManufacturerSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        // Production, whatever -Dpimpmycase.simulator.dialect says: these tests are about it.
        simulator = ManufacturerSimulator.started("acc", "pw", "sim-it-fixed-key", "mobileShell",
                ManufacturerSimulator.Dialect.PRODUCTION);
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    static JsonNode call(String path, ObjectNode body, String token, String sign) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + path))
                .header("Content-Type", "application/json").header("req_source", "en")
                .header("sign", sign == null ? SIGN.sign(body) : sign)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", token);
        }
        return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A call with {@code body} exactly as given, signed over that text unless {@code sign} is given. */
    static HttpResponse<String> post(String path, String body, String token, String sign, HttpClient client)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + path))
                .header("Content-Type", "application/json").header("req_source", "en")
                .header("sign", sign != null ? sign : ManufacturerSimulator.sign(body, "mobileShell", "sim-it-fixed-key"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A payData body as the existing system's client wrote it (Python's separators). */
    static String payData(String thirdPayId, String amount) {
        return "{\"mobile_model_id\": \"MM020250315000001\", \"device_id\": \"DEV1\", \"third_id\": \"" + thirdPayId
                + "\", \"pay_amount\": " + amount + ", \"pay_type\": 12}";
    }

    static void assertError(String msg, JsonNode answer) {
        assertError(msg, answer, null);
    }

    static void assertError(String msg, JsonNode answer, String why) {
        assertEquals(500, answer.path("code").intValue(), why + ": " + answer);
        assertEquals(msg, answer.path("msg").asText(), why + ": " + answer);
        assertFalse(answer.has("data"), why + ": " + answer);
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    static String login() throws Exception {
        return call("user/login", JSON.createObjectNode().put("account", "acc").put("password", "pw"), null, null)
                .path("data").path("token").asText();
    }

    static ObjectNode order(String thirdId) {
        return JSON.createObjectNode().put("third_pay_id", "P1").put("third_id", thirdId).put("mobile_model_id", "M")
                .put("pic", "https://x/p.png").put("device_id", "D").put("mobile_shell_id", "S");
    }

    @Test
    void detectsTwoCallsOfOneOrderInFlightAtOnce() throws Exception {
        String token = login();
        simulator.failOrder("OREN-A", Fault.hang(Duration.ofSeconds(5)), 1);
        // Its own thread: the common pool may have a single thread, busy elsewhere.
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> first = caller.submit(() -> call("order/orderData", order("OREN-A"), token, null));
            // The second call goes once the first is in the simulator (a call's sign is recorded on
            // arrival, its outcome only after the hang), well within the hang.
            String sign = SIGN.sign(order("OREN-A"));
            Eventually.await(Duration.ofSeconds(10), simulator::secretsSeen, seen -> seen.contains(sign),
                    "the first call arrives");
            assertEquals(200, call("order/orderData", order("OREN-A"), token, null).path("code").intValue());
            assertEquals(200, first.get(30, TimeUnit.SECONDS).path("code").intValue(), "a hang is processed after it");
        } finally {
            caller.shutdownNow();
        }
        assertEquals(java.util.List.of("OREN-A"), simulator.overlaps());
        assertEquals(1, simulator.duplicates());

        // One after the other is no overlap.
        call("order/orderData", order("OREN-B"), token, null);
        call("order/orderData", order("OREN-B"), token, null);
        assertEquals(java.util.List.of("OREN-A"), simulator.overlaps());
        assertEquals(2, simulator.received("OREN-B").accepted());
        assertEquals(simulator.received("OREN-B").manufacturerOrderId(),
                call("order/orderData", order("OREN-B"), token, null).path("data").path("id").asText(),
                "a repeat gets the same manufacturer id");
    }

    @Test
    void answersErrorsAsProductionDoes() throws Exception {
        String token = login();
        HttpResponse<String> badSign = post("order/orderData", order("OREN-C").toString(), token, "0".repeat(32),
                HTTP);
        assertEquals(200, badSign.statusCode(), "every error is HTTP 200");
        assertEquals("{\"msg\":\"Data signature failed\",\"code\":500}", badSign.body(), "no data, msg first");
        assertEquals("application/json;charset=UTF-8", badSign.headers().firstValue("Content-Type").orElse(null));

        assertError(ManufacturerSimulator.TOKEN_EXPIRED, call("order/orderData", order("OREN-C"), "made-up", null));
        assertError(ManufacturerSimulator.TOKEN_EXPIRED, call("order/orderData", order("OREN-C"), null, null));
        assertTrue(ManufacturerSimulator.TOKEN_EXPIRED.contains("token"), "SPEC §9 reloginMessages match it");
        assertError("The merchant account does not exist",
                call("user/login", JSON.createObjectNode().put("account", "nobody").put("password", "pw"), null, null));
        JsonNode wrongPassword = call("user/login", JSON.createObjectNode().put("account", "acc").put("password", "x"),
                null, null);
        assertError(ManufacturerSimulator.WRONG_PASSWORD, wrongPassword);
        for (String word : new String[] {"token", "login", "expired"}) {
            assertFalse(wrongPassword.path("msg").asText().toLowerCase().contains(word),
                    "a wrong password must not look like a relogin message: " + wrongPassword);
        }
        simulator.expireAllTokens();
        assertError(ManufacturerSimulator.TOKEN_EXPIRED, call("order/orderData", order("OREN-C"), token, null));
        assertEquals(0, simulator.received("OREN-C").accepted());
        assertError("invalid parameter: pic", call("order/orderData", order("OREN-C").put("pic", ""), login(), null));
        HttpResponse<String> noReqSource = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/order/orderData"))
                .header("Content-Type", "application/json").header("sign", SIGN.sign(order("OREN-C")))
                .header("Authorization", login()).POST(HttpRequest.BodyPublishers.ofString(order("OREN-C").toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError("invalid parameter: req_source", JSON.readTree(noReqSource.body()));

        JsonNode loggedIn = call("user/login", JSON.createObjectNode().put("account", "acc").put("password", "pw"),
                null, null);
        assertEquals("操作成功", loggedIn.path("msg").asText(), "production's success msg");
        assertEquals("acc", loggedIn.path("data").path("account").asText());
        assertTrue(loggedIn.path("data").path("token").asText().startsWith("eyJhbGciOiJIUzUxMiJ9."), "a JWT");
    }

    @Test
    void theDocumentedDialectAnswersAsBefore() throws Exception {
        simulator.dialect(ManufacturerSimulator.Dialect.DOCUMENTED);
        String token = login();
        JsonNode badSign = call("order/orderData", order("OREN-E"), token, "0".repeat(32));
        assertEquals(401, badSign.path("code").intValue());
        assertEquals("invalid sign", badSign.path("msg").asText());
        assertTrue(badSign.has("data"));
        JsonNode badToken = call("order/orderData", order("OREN-E"), "made-up", null);
        assertEquals(401, badToken.path("code").intValue());
        assertEquals("token invalid or expired", badToken.path("msg").asText());
        assertEquals(401, call("user/login", JSON.createObjectNode().put("account", "acc").put("password", "x"), null,
                null).path("code").intValue());
        assertEquals(400, call("order/orderData", order("OREN-E").put("pic", ""), token, null).path("code").intValue());
        assertEquals("success", call("order/payStatus", JSON.createObjectNode().put("third_id", "P-E").put("status", 3),
                token, null).path("msg").asText());
        simulator.reset();
        assertEquals(ManufacturerSimulator.Dialect.PRODUCTION, simulator.dialect(), "reset restores the dialect");
        try (ManufacturerSimulator documented = ManufacturerSimulator.started("acc", "pw", "sim-it-fixed-key",
                "mobileShell", ManufacturerSimulator.Dialect.DOCUMENTED)) {
            documented.reset();
            assertEquals(ManufacturerSimulator.Dialect.DOCUMENTED, documented.dialect(), "the constructor's");
        }
        String before = System.getProperty(ManufacturerSimulator.Dialect.PROPERTY);
        System.setProperty(ManufacturerSimulator.Dialect.PROPERTY, "documented");
        try {
            assertEquals(ManufacturerSimulator.Dialect.DOCUMENTED,
                    new ManufacturerSimulator(0, "acc", "pw", "k", "mobileShell").dialect(), "the JVM's default");
        } finally {
            if (before == null) {
                System.clearProperty(ManufacturerSimulator.Dialect.PROPERTY);
            } else {
                System.setProperty(ManufacturerSimulator.Dialect.PROPERTY, before);
            }
        }
    }

    @Test
    void payDataIssuesOnePaymentIdPerThirdId() throws Exception {
        String token = login();
        String body = payData("PYEN250315000001", "35.0");
        JsonNode first = JSON.readTree(post("order/payData", body, token, null, HTTP).body());
        assertEquals(200, first.path("code").intValue(), first.toString());
        String id = first.path("data").path("id").asText();
        assertTrue(id.matches("MSPY10\\d{12}"), id);
        assertEquals("PYEN250315000001", first.path("data").path("third_id").asText());
        assertEquals(2, first.path("data").size(), first.toString());
        JsonNode again = JSON.readTree(post("order/payData", body, token, null, HTTP).body());
        assertEquals(id, again.path("data").path("id").asText(), "de-duplicated on third_id");
        String other = JSON.readTree(post("order/payData", payData("PYEN250315000002", "19.99"), token, null, HTTP)
                .body()).path("data").path("id").asText();
        assertNotEquals(id, other);

        // The sign is over the body as written: 35.00 signs as "35.00", which a parsed double is not.
        String trailingZero = payData("PYEN250315000003", "35.00");
        assertError(ManufacturerSimulator.SIGNATURE_FAILED, JSON.readTree(post("order/payData", trailingZero, token,
                SIGN.sign(JSON.readTree(trailingZero)), HTTP).body()));
        assertEquals(200, JSON.readTree(post("order/payData", trailingZero, token, null, HTTP).body()).path("code")
                .intValue());
        assertError("invalid parameter: pay_amount", JSON.readTree(post("order/payData",
                payData("PYEN250315000004", "0"), token, null, HTTP).body()));

        ManufacturerSimulator.PaymentRecord payment = simulator.payment("PYEN250315000001");
        assertEquals(id, payment.manufacturerPaymentId());
        assertEquals("35.0", payment.payAmount());
        assertEquals(12, payment.payType());
        assertEquals(2, payment.payDataCalls());
        assertEquals("35.00", simulator.payment("PYEN250315000003").payAmount());
    }

    @Test
    void payStatusAnswersWithoutDataAndRecordsTheAmount() throws Exception {
        String token = login();
        HttpResponse<String> answer = post("order/payStatus",
                "{\"third_id\": \"PYEN250315000005\", \"status\": 3, \"pay_amount\": 35.0}", token, null, HTTP);
        assertEquals("{\"msg\":\"操作成功\",\"code\":200}", answer.body());
        assertFalse(JSON.readTree(answer.body()).has("data"));
        call("order/payStatus", JSON.createObjectNode().put("third_id", "PYEN250315000005").put("status", 4), token,
                null);
        assertEquals(List.of(3, 4), simulator.payments().get("PYEN250315000005"));
        assertEquals(Arrays.asList("35.0", null), simulator.payment("PYEN250315000005").statusAmounts());
        assertNotNull(simulator.payment("PYEN250315000005").paidAt());
        assertError("invalid parameter: status", call("order/payStatus",
                JSON.createObjectNode().put("third_id", "PYEN250315000005").put("status", 9), token, null));
    }

    @Test
    void anOrderNamingAPaymentIdNeedsThatPaymentPaidAndSettled() throws Exception {
        String token = login();
        assertError(ManufacturerSimulator.PAYMENT_MISSING, call("order/orderData",
                order("OREN-F").put("third_pay_id", "MSPY10250315999999"), token, null));
        assertNull(simulator.received("OREN-F").manufacturerOrderId(), "not accepted");

        simulator.settlePayments(Duration.ofMillis(800));
        String id = JSON.readTree(post("order/payData", payData("PYEN250315000006", "27.98"), token, null, HTTP)
                .body()).path("data").path("id").asText();
        assertError(ManufacturerSimulator.PAYMENT_MISSING, call("order/orderData",
                order("OREN-G").put("third_pay_id", id), token, null), "issued but not paid");
        post("order/payStatus", "{\"third_id\": \"PYEN250315000006\", \"status\": 3, \"pay_amount\": 27.98}", token,
                null, HTTP);
        assertError(ManufacturerSimulator.PAYMENT_MISSING, call("order/orderData",
                order("OREN-G").put("third_pay_id", id), token, null), "paid, not settled yet");
        Eventually.await(Duration.ofSeconds(10), () -> call("order/orderData", order("OREN-G").put("third_pay_id", id),
                token, null), a -> a.path("code").intValue() == 200, "accepted once settled");
        assertEquals(1, simulator.received("OREN-G").accepted());

        // The payStatus flow's plain third_pay_id needs nothing.
        assertEquals(200, call("order/orderData", order("OREN-H"), token, null).path("code").intValue());
    }

    @Test
    void recordsEachCallAsItArrived() throws Exception {
        String token = login();
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = order("OREN-I").toString();
        String sign = SIGN.sign(order("OREN-I"));
        post("order/orderData", body, token, null, http11);
        ManufacturerSimulator.RawCall call = last(simulator.rawCalls(ManufacturerSimulator.ORDER_DATA));
        assertEquals("HTTP/1.1", call.httpVersion());
        assertFalse(call.h2cUpgradeOffered());
        assertEquals("POST", call.method());
        assertEquals(body, call.body());
        assertEquals(sign, call.header("sign"), "recorded");
        assertEquals(token, call.header("authorization"));
        assertEquals("en", call.header("req_source"));
        assertTrue(call.userAgent().startsWith("Java-http-client"), call.userAgent());
        assertTrue(call.headerNames().containsAll(List.of("Content-Type", "req_source", "sign", "Authorization")),
                call.headerNames().toString());
        assertFalse(call.toString().contains(sign) || call.toString().contains(token), "never printed: " + call);

        // The JDK's client, at its default version, offers h2c on plain http (and stays at 1.1 here).
        HttpClient defaults = HttpClient.newHttpClient();
        post("order/orderData", order("OREN-J").toString(), token, null, defaults);
        ManufacturerSimulator.RawCall offered = last(simulator.rawCalls(ManufacturerSimulator.ORDER_DATA));
        assertTrue(offered.h2cUpgradeOffered(), offered.toString());
        assertEquals("HTTP/1.1", offered.httpVersion());

        // The control API shows them, secrets masked, the login's password too.
        String received = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port()
                + "/_sim/received")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String secret : new String[] {sign, token, "\"pw\""}) {
            assertFalse(received.contains(secret), "a secret in /_sim/received: " + secret);
        }
        JsonNode calls = JSON.readTree(received).path("calls");
        assertEquals(simulator.rawCalls().size(), calls.size());
        JsonNode shown = calls.get(calls.size() - 1);
        assertEquals("order/orderData", shown.path("path").asText());
        assertEquals("HTTP/1.1", shown.path("http_version").asText());
        assertTrue(shown.path("h2c_upgrade_offered").booleanValue());
        assertTrue(shown.path("user_agent").asText().startsWith("Java-http-client"));
        assertTrue(shown.path("headers").toString().contains("{\"name\":\"sign\",\"value\":\"***\"}"),
                shown.toString());
        assertEquals(order("OREN-J").toString(), shown.path("body").asText());
        assertTrue(calls.get(0).path("body").asText().contains("\"password\":\"***\""), calls.get(0).toString());
    }

    @Test
    void answersWithACannedProductionAnswer() throws Exception {
        ProductionExchanges.LOGIN_OK.answerOn(simulator, 1);
        HttpResponse<String> login = post("user/login", ProductionExchanges.LOGIN_OK.request(), null, null, HTTP);
        assertEquals(ProductionExchanges.LOGIN_OK.answer(), login.body());
        String token = ProductionExchanges.TOKEN;
        simulator.answerWith(ManufacturerSimulator.PAY_DATA, ProductionExchanges.PAY_DATA_OK.answer(), 1);
        assertEquals(ProductionExchanges.PAY_DATA_OK.answerJson(), JSON.readTree(post("order/payData",
                ProductionExchanges.PAY_DATA_OK.request(), token, null, HTTP).body()));
        // Taken as said: the token works, the payment id is the payment's.
        assertEquals(JSON.readTree(ProductionExchanges.PAY_STATUS_OK.answer()), JSON.readTree(post("order/payStatus",
                ProductionExchanges.PAY_STATUS_OK.request(), token, null, HTTP).body()));
        ProductionExchanges.ORDER_DATA_DEVICE_OFFLINE.answerOn(simulator, 1);
        String order = ProductionExchanges.ORDER_DATA_DEVICE_OFFLINE.request();
        assertEquals(ProductionExchanges.ORDER_DATA_DEVICE_OFFLINE.answer(),
                post("order/orderData", order, token, null, HTTP).body());
        assertEquals(200, JSON.readTree(post("order/orderData", order, token, null, HTTP).body()).path("code")
                .intValue(), "once only; then the simulator's own answer, the payment known");
        assertEquals(ProductionExchanges.PAYMENT_ID, simulator.payment(ProductionExchanges.THIRD_PAY_ID)
                .manufacturerPaymentId());
        assertTrue(simulator.secretsSeen().contains(token));
        for (ProductionExchanges exchange : ProductionExchanges.all()) {
            assertEquals(exchange.success() ? 200 : 500, exchange.answerJson().path("code").intValue());
            assertEquals(exchange.answerJson().fieldNames().next(), "msg", exchange.name());
            assertEquals(exchange.success() && !exchange.path().equals(ManufacturerSimulator.PAY_STATUS),
                    exchange.answerJson().has("data"), exchange.name() + ": data only on a success, never on payStatus");
            JsonNode request = exchange.requestJson();
            assertTrue(request.isObject() && exchange.request().contains("\": "), exchange.name());
        }
    }

    @Test
    void obeysItsControlApi() throws Exception {
        String control = "http://127.0.0.1:" + simulator.port() + "/_sim/";
        HttpResponse<String> told = HTTP.send(HttpRequest.newBuilder(URI.create(control + "fail"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"fault\":\"code\",\"code\":500,\"msg\":\"device is unavailable\",\"third_id\":\"OREN-D\",\"times\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, told.statusCode(), told.body());
        String token = login();
        JsonNode failed = call("order/orderData", order("OREN-D"), token, null);
        assertEquals(500, failed.path("code").intValue());
        assertEquals("device is unavailable", failed.path("msg").asText());
        assertEquals(200, call("order/orderData", order("OREN-D"), token, null).path("code").intValue(), "times: 1");

        JsonNode received = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(control + "received?third_id=OREN-D"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(2, received.path("calls").intValue());
        assertEquals(1, received.path("accepted").intValue());
        assertTrue(received.path("history").get(0).path("outcome").asText().startsWith("fault code 500"));

        // Production's messages by name, a code 500 with any msg, a canned answer, the settle time.
        control(control, "fail", "{\"fault\":\"device_offline\",\"path\":\"order/orderData\",\"times\":1}");
        assertError("The device is offline.", call("order/orderData", order("OREN-D"), token, null));
        control(control, "fail", "{\"fault\":\"code\",\"msg\":\"No permission to access the current device\",\"times\":1}");
        assertError("No permission to access the current device", call("order/orderData", order("OREN-D"), token, null));
        control(control, "fail", "{\"fault\":\"payment_missing\",\"times\":1}");
        assertError("Payment information does not exist", call("order/orderData", order("OREN-D"), token, null));
        control(control, "answer", "{\"path\":\"order/payStatus\",\"body\":{\"msg\":\"made up\",\"code\":500},\"times\":1}");
        assertError("made up", call("order/payStatus", JSON.createObjectNode().put("third_id", "P").put("status", 3),
                token, null));
        control(control, "settle", "{\"millis\":3000}");
        assertEquals(Duration.ofSeconds(3), simulator.settleDuration());
        control(control, "dialect", "{\"dialect\":\"documented\"}");
        assertEquals(ManufacturerSimulator.Dialect.DOCUMENTED, simulator.dialect());
        assertEquals("documented", JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(control + "received"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("dialect").asText());

        control(control, "reset", "");
        assertNull(simulator.received("OREN-D"));
        assertEquals(ManufacturerSimulator.Dialect.PRODUCTION, simulator.dialect());
        assertEquals(Duration.ZERO, simulator.settleDuration());
    }

    @Test
    void faultFactoriesAnswerProductionsMessages() {
        assertEquals(ManufacturerSimulator.Fault.code(500, "Data signature failed"), Fault.signatureFailed());
        assertEquals(ManufacturerSimulator.Fault.code(500, "The device is offline."), Fault.deviceOffline());
        assertEquals(ManufacturerSimulator.Fault.code(500, "No permission to access the current device"),
                Fault.noPermission());
        assertEquals(ManufacturerSimulator.Fault.code(500, "The merchant account does not exist"),
                Fault.merchantMissing());
        assertEquals(ManufacturerSimulator.Fault.code(500, "Payment information does not exist"),
                Fault.paymentMissing());
    }

    @Test
    void theRawSignMatchesTheSharedVectors() throws Exception {
        JsonNode vectors = JSON.readTree(getClass().getResourceAsStream("/manufacturer-sign-vectors.json"));
        for (JsonNode vector : vectors.path("cases")) {
            assertEquals(vector.path("sign").asText(), ManufacturerSimulator.sign(vector.path("body").asText(),
                    vectors.path("systemName").asText(), vectors.path("fixedKey").asText()), vector.path("name").asText());
        }
    }

    static void control(String control, String action, String body) throws Exception {
        HttpResponse<String> told = HTTP.send(HttpRequest.newBuilder(URI.create(control + action))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, told.statusCode(), action + ": " + told.body());
    }
}
