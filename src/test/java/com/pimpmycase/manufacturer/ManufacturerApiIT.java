package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.simulator.ManufacturerSimulator.Received;
import com.pimpmycase.testing.CapturedLog;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link HttpManufacturerApi} against the simulator over real HTTP: one test per row of SPEC §9's
 * answer table, the payStatus before orderData, the login and its renewal, and no secret in any
 * message or log line. No WAR needed.
 */
class ManufacturerApiIT {

    static final String ACCOUNT = "acc-factory";
    static final String PASSWORD = "factory-pa55word-7f3a";
    static final String FIXED_KEY = "it-fixed-key-91b0c2d4";
    static final String SYSTEM = "mobileShell";
    /** Generous: a call stalled on a busy machine must not time out and fail a test of something else. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** For the test of the timeout itself, so that it stays short. */
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    static ManufacturerSimulator simulator;
    static int orderNumber;

    /** payStatus before orderData; {@link #apiWithoutPayment} sends orderData only. They share one login. */
    HttpManufacturerApi api;
    HttpManufacturerApi apiWithoutPayment;
    CapturedLog log;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = ManufacturerSimulator.started(ACCOUNT, PASSWORD, FIXED_KEY, SYSTEM);
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        simulator.close();
    }

    @BeforeEach
    void freshClient() {
        simulator.reset();
        log = CapturedLog.start(Level.ALL);
        clients(config(simulator.baseUrl(), PASSWORD), Clock.systemUTC());
    }

    /** {@link #api} and {@link #apiWithoutPayment} for {@code config}, sharing one login token. */
    void clients(ManufacturerConfig config, Clock clock) {
        LoginTokens tokens = LoginTokens.inMemory();
        api = new HttpManufacturerApi(config, clock, tokens, PaymentRegistrations.inMemory(),
                d -> Thread.sleep(d.toMillis()));
        apiWithoutPayment = new HttpManufacturerApi(config.withPaymentFlow(ManufacturerConfig.PaymentFlow.NONE,
                Duration.ZERO), clock, tokens, PaymentRegistrations.inMemory(), d -> Thread.sleep(d.toMillis()));
    }

    /** Replaces both clients. */
    void reconfigure(ManufacturerConfig config, Clock clock) throws InterruptedException {
        api.stop(false);
        apiWithoutPayment.stop(false);
        clients(config, clock);
    }

    @AfterEach
    void noSecretWasLoggedOrAnswered() throws Exception {
        api.stop(false); // close() also waits up to 3 s for the JDK's selector thread: closeLeavesNoThread
        apiWithoutPayment.stop(false);

        log.close();
        assertNoSecretIn(log.lines());
    }

    static ManufacturerConfig config(String baseUrl, String password) {
        return config(baseUrl, password, TIMEOUT);
    }

    static ManufacturerConfig config(String baseUrl, String password, Duration timeout) {
        return new ManufacturerConfig(URI.create(baseUrl), ACCOUNT, password, FIXED_KEY, SYSTEM, "en",
                ManufacturerConfig.DeliverOn.SUBMIT, true, timeout, Duration.ofSeconds(15), Duration.ofMinutes(15),
                Duration.ofHours(72));
    }

    static OrderSubmission order() {
        int n = ++orderNumber;
        return new OrderSubmission("PYEN" + n, "OREN" + n, "MM102503290004", "design-" + n + ".png", "CXYLOGD8OQUK",
                "MS102503290010");
    }

    static String pic(OrderSubmission order) {
        return "https://cases.example.com/image/" + order.pic() + "?token=1756551196:chinese_manufacturing:abc123";
    }

    AttemptResult deliver(OrderSubmission order, boolean notifyPaid) {
        AttemptResult result = (notifyPaid ? api : apiWithoutPayment).deliver(order, pic(order));
        assertNoSecretIn(List.of(String.valueOf(result)));
        return result;
    }

    static void assertNoSecretIn(List<String> lines) {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, FIXED_KEY));
        secrets.addAll(simulator.secretsSeen());
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "a secret in: " + line);
            }
        }
    }

    private static List<String> paths() {
        return simulator.calls().stream().map(Received::path).toList();
    }

    // --- HTTP 200 and code 200: delivered

    @Test
    void deliveredKeepsTheManufacturersIdQueueNumberAndStatus() {
        OrderSubmission order = order();
        AttemptResult result = deliver(order, false);

        AttemptResult.Delivered delivered = assertInstanceOf(AttemptResult.Delivered.class, result);
        ManufacturerSimulator.OrderRecord received = simulator.received(order.thirdId());
        assertEquals(received.manufacturerOrderId(), delivered.manufacturerOrderId());
        assertNotNull(delivered.manufacturerOrderId());
        assertEquals(received.queueNo(), delivered.queueNo());
        assertEquals("1", delivered.status());
        assertEquals("delivered", result.result());
        assertEquals(List.of("user/login", "order/orderData"), paths(), "no payStatus without notifyPaid");

        // Exactly the six order fields, pic being the URL handed in.
        JsonNode body = received.lastBody();
        assertEquals(6, body.size(), body.toString());
        assertEquals(order.thirdPayId(), body.get("third_pay_id").textValue());
        assertEquals(order.thirdId(), body.get("third_id").textValue());
        assertEquals(order.mobileModelId(), body.get("mobile_model_id").textValue());
        assertEquals(pic(order), body.get("pic").textValue());
        assertEquals(order.deviceId(), body.get("device_id").textValue());
        assertEquals(order.mobileShellId(), body.get("mobile_shell_id").textValue());
    }

    @Test
    void payStatusPaidGoesFirstWhenAskedFor() {
        OrderSubmission order = order();
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order, true));
        assertEquals(List.of("user/login", "order/payStatus", "order/orderData"), paths());
        assertEquals(List.of(3), simulator.payments().get(order.thirdPayId()));
    }

    @Test
    void aFailedPayStatusClassifiesTheAttemptAndNoOrderIsSent() {
        simulator.fail(ManufacturerSimulator.PAY_STATUS, null, Fault.httpStatus(503), 1);
        OrderSubmission order = order();
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order, true));
        assertFalse(result.auth());
        assertEquals("payStatus: HTTP 503", result.message());
        assertEquals(0, simulator.calls(ManufacturerSimulator.ORDER_DATA));
    }

    @Test
    void theLoginTokenIsReusedAcrossAttempts() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), true));
        }
        assertEquals(1, simulator.logins());
    }

    // --- HTTP 401/403 or code 401/403: log in again and repeat once

    @ParameterizedTest(name = "{0} once")
    @CsvSource({"http, 401", "http, 403", "code, 401", "code, 403"})
    void anAuthAnswerLogsInAgainAndRepeatsTheCall(String kind, int status) {
        Fault fault = kind.equals("http") ? Fault.httpStatus(status) : Fault.code(status, "token expired");
        simulator.failNext(1, fault);
        OrderSubmission order = order();
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order, false));
        assertEquals(2, simulator.logins());
        assertEquals(List.of("user/login", "order/orderData", "user/login", "order/orderData"), paths());
        assertEquals(1, simulator.received(order.thirdId()).accepted());
    }

    @Test
    void anExpiredTokenIsRenewedTheSameWay() {
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), false));
        simulator.expireAllTokens(); // the manufacturer answers code 401 "token invalid or expired"
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), false));
        assertEquals(2, simulator.logins());
    }

    @ParameterizedTest(name = "{0} twice")
    @CsvSource({"http, 401", "code, 403"})
    void anAuthAnswerAfterAFreshLoginIsAnAuthFailure(String kind, int status) {
        Fault fault = kind.equals("http") ? Fault.httpStatus(status) : Fault.code(status, "no permission");
        simulator.failNext(2, fault);
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), false));
        assertTrue(result.auth());
        assertEquals("auth", result.result());
        assertTrue(result.message().startsWith(kind.equals("http") ? "HTTP " + status : "code " + status),
                result.message());
        assertEquals(2, simulator.calls(ManufacturerSimulator.ORDER_DATA), "repeated once, not more");
    }

    @Test
    void aFailedLoginIsAnAuthFailure() throws Exception {
        reconfigure(config(simulator.baseUrl(), "wrong-pw-x"), Clock.systemUTC());
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), true));
        assertTrue(result.auth());
        assertEquals("login failed: code 500: " + ManufacturerSimulator.WRONG_PASSWORD, result.message(),
                "production answers code 500 with a msg no list names: an auth failure");
        assertEquals(List.of("user/login"), paths());
    }

    @Test
    void aLoginAnsweredWithAServerErrorIsAnAuthFailureToo() {
        simulator.fail(ManufacturerSimulator.LOGIN, null, Fault.httpStatus(503), 1);
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), false));
        assertTrue(result.auth());
        assertEquals("login failed: HTTP 503", result.message());
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), false), "the next attempt logs in again");
    }

    // --- HTTP 400/404/422 or code 400/404: rejected, with the manufacturer's msg

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http | 400 | mobile_model_id MM1 is unknown | mobile_model_id MM1 is unknown
            http | 404 |                                | HTTP 404
            http | 422 | pic must be a URL              | pic must be a URL
            code | 400 | device CXY is not registered    | device CXY is not registered
            code | 404 | no such shell model            | no such shell model
            """)
    void aRefusalIsRejectedWithTheManufacturersMessage(String kind, int status, String msg, String expected) {
        Fault fault = kind.equals("http")
                ? (msg == null ? Fault.httpStatus(status) : Fault.httpStatus(status, msg))
                : Fault.code(status, msg);
        simulator.failNext(1, fault);
        AttemptResult.Rejected result = assertInstanceOf(AttemptResult.Rejected.class, deliver(order(), false));
        assertEquals(expected, result.message());
        assertEquals("rejected", result.result());
        assertEquals(1, simulator.calls(ManufacturerSimulator.ORDER_DATA), "no repeat");
    }

    @Test
    void aSecretEchoedInTheManufacturersMessageIsBlankedOut() {
        simulator.failNext(1, Fault.code(400, "bad login " + PASSWORD + " for key " + FIXED_KEY));
        AttemptResult.Rejected result = assertInstanceOf(AttemptResult.Rejected.class, deliver(order(), false));
        assertEquals("bad login *** for key ***", result.message());
    }

    @Test
    void aLongOrMultiLineMessageIsKeptToOneShortLine() {
        simulator.failNext(1, Fault.code(400, "line one\nline two " + "x".repeat(500)));
        AttemptResult.Rejected result = assertInstanceOf(AttemptResult.Rejected.class, deliver(order(), false));
        assertFalse(result.message().contains("\n"));
        assertEquals(ManufacturerText.MAX_LENGTH, result.message().length());
    }

    // --- anything else: retry later (transient)

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP 503       | HTTP 503
            HTTP 500       | HTTP 500
            HTTP 429       | HTTP 429
            HTTP 302       | HTTP 302
            code 500       | code 500: device is unavailable
            code 999       | code 999: device is unavailable
            not JSON       | HTTP 200 with a body that is not the manufacturer's JSON
            reset          | connection reset
            huge           | answer larger than 1048576 bytes
            """)
    void anythingElseIsTransient(String answer, String expected) {
        Fault fault = switch (answer) {
            case "code 500" -> Fault.code(500, "device is unavailable");
            case "code 999" -> Fault.code(999, "device is unavailable");
            case "not JSON" -> Fault.notJson();
            case "reset" -> Fault.reset();
            case "huge" -> Fault.hugeBody();
            default -> Fault.httpStatus(Integer.parseInt(answer.substring(5)));
        };
        simulator.failNext(1, fault);
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), false));
        assertFalse(result.auth());
        assertEquals("transient", result.result());
        assertEquals(expected, result.message());
    }

    @Test
    void aHangIsATimeoutAfterRequestTimeoutSeconds() throws Exception {
        reconfigure(config(simulator.baseUrl(), PASSWORD, SHORT_TIMEOUT), Clock.systemUTC());
        // Logs in first, so the timed call is the hanging one (again should a busy moment exceed 1 s).
        Eventually.await(Duration.ofSeconds(30), () -> deliver(order(), false),
                r -> r instanceof AttemptResult.Delivered, "a delivery, logged in");
        // The hang is long enough that a client waiting for the answer is told apart from one that
        // gives up at the timeout, even on a busy machine; reset() or close() after the test ends it.
        simulator.failNext(1, Fault.hang(Duration.ofSeconds(10)));
        long started = System.nanoTime();
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), false));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals("timeout after 1 s", result.message());
        assertFalse(result.auth());
        assertTrue(took.compareTo(SHORT_TIMEOUT) >= 0 && took.compareTo(Duration.ofSeconds(8)) < 0, took.toString());
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        reconfigure(config("http://127.0.0.1:" + closedPort + "/mobileShell/en", PASSWORD),
                Clock.systemUTC());
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), false));
        assertTrue(result.auth(), "the login is the first call, and a failed login is result auth");
        assertEquals("login failed: connection refused", result.message());
    }

    @Test
    void aRefusedConnectionAfterLoginIsTransient() throws Exception {
        deliver(order(), false);
        simulator.failNext(1, Fault.reset());
        AttemptResult.RetryLater result = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order(), false));
        assertEquals("connection reset", result.message());
    }

    // --- the login token's age

    @Test
    void theTokenIsRenewedWhenItIsLoginRenewAfterOld() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
        reconfigure(config(simulator.baseUrl(), PASSWORD), clock);
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), false));
        clock.advance(ManufacturerConfig.DEFAULT_LOGIN_RENEW_AFTER.minusSeconds(1)); // 1 h, as the proven client
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), false));
        assertEquals(1, simulator.logins());
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order(), false));
        assertEquals(2, simulator.logins());
        assertEquals(List.of("user/login", "order/orderData", "order/orderData", "user/login", "order/orderData"),
                paths());
    }

    // --- threads

    @Test
    void closeLeavesNoThread() throws Exception {
        deliver(order(), true);
        assertTrue(api.threadsAlive());
        api.close();
        assertFalse(api.threadsAlive());
    }

    @Test
    void manyThreadsShareOneLogin() throws Exception {
        simulator.answerDelay(Duration.ofMillis(100)); // the login takes a while: the others wait for it
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<AttemptResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                OrderSubmission order = order();
                results.add(threads.submit(() -> api.deliver(order, pic(order))));
            }
            for (Future<AttemptResult> result : results) {
                assertInstanceOf(AttemptResult.Delivered.class, result.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, simulator.logins());
        assertEquals(16, simulator.orders().size());
    }

    @Test
    void afterARejectedTokenOnlyOneThreadLogsInAgain() throws Exception {
        deliver(order(), false);
        simulator.expireAllTokens();
        simulator.answerDelay(Duration.ofMillis(100));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<AttemptResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                OrderSubmission order = order();
                results.add(threads.submit(() -> apiWithoutPayment.deliver(order, pic(order))));
            }
            for (Future<AttemptResult> result : results) {
                assertInstanceOf(AttemptResult.Delivered.class, result.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, simulator.logins());
    }
}
