package com.pimpmycase.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.manufacturer.ManufacturerSign;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The manufacturer's API (SPEC §9) as a real HTTP server, for tests, benchmarks and the
 * development server; it is test code and never part of the WAR.
 *
 * <p>It behaves like the manufacturer: {@code user/login} checks account and password and issues
 * tokens valid 24 h; {@code order/payStatus} and {@code order/orderData} check {@code sign} (same
 * rule, {@link ManufacturerSign}) and the raw login token in {@code Authorization}, and
 * de-duplicate orders on {@code third_id} (a repeated order is answered like the first and
 * counted as a duplicate). It records everything it receives, detects two {@code orderData} calls
 * of one {@code third_id} in flight at once (an <em>overlap</em>, which §9 forbids), and can be
 * told to fail: per order, for every call, or for the next n calls ({@link Fault}).
 *
 * <p>Driven from the same JVM through this class, or from another process through its control
 * API: {@code GET /_sim/received}, {@code POST /_sim/fail}, {@code /_sim/clear-faults},
 * {@code /_sim/expire-tokens}, {@code /_sim/delay}, {@code /_sim/reset} (README, "The simulator").
 * Standalone: {@code main(port, account, password, fixedKey, systemName)}.
 */
public final class ManufacturerSimulator implements AutoCloseable {

    /** The path prefix of the manufacturer's API, as in the documented base URL. */
    public static final String PREFIX = "/mobileShell/en";
    public static final String LOGIN = "user/login";
    public static final String PAY_STATUS = "order/payStatus";
    public static final String ORDER_DATA = "order/orderData";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    private static final int MAX_BODY = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

    // --- faults

    /** What the simulator does instead of (or before) answering normally. */
    public record Fault(Kind kind, int status, String msg, Duration duration) {

        public enum Kind { HTTP, CODE, NOT_JSON, HANG, RESET, HUGE }

        /** An HTTP status with a plain-text body (a proxy's or server's error page). */
        public static Fault httpStatus(int status) {
            return new Fault(Kind.HTTP, status, null, null);
        }

        /** An HTTP status with the manufacturer's envelope {@code {"code":status,"msg":msg}}. */
        public static Fault httpStatus(int status, String msg) {
            return new Fault(Kind.HTTP, status, msg, null);
        }

        /** HTTP 200 with {@code {"code":code,"msg":msg}}, e.g. 500 "device is unavailable" ({@code status} holds the code). */
        public static Fault code(int code, String msg) {
            return new Fault(Kind.CODE, code, msg, null);
        }

        /** HTTP 200 with an HTML body. */
        public static Fault notJson() {
            return new Fault(Kind.NOT_JSON, 200, null, null);
        }

        /**
         * Holds the call for {@code duration}, then handles it normally (the manufacturer was
         * slow: it may have the order although the client gave up, as after a lost answer).
         */
        public static Fault hang(Duration duration) {
            return new Fault(Kind.HANG, 0, null, duration);
        }

        /** HTTP 200 with a 2 MiB body (a broken proxy): more than a client should read. */
        public static Fault hugeBody() {
            return new Fault(Kind.HUGE, 200, null, null);
        }

        /** Resets the connection (TCP RST) without answering. */
        public static Fault reset() {
            return new Fault(Kind.RESET, 0, null, null);
        }
    }

    /** A fault for calls of {@code path} (any of the three), of {@code thirdId} or any, {@code remaining} times (−1: until cleared). */
    private record Rule(String path, String thirdId, Fault fault, AtomicInteger remaining) {
        boolean matches(String callPath, String callThirdId) {
            return (path == null ? !callPath.equals(LOGIN) : path.equals(callPath))
                    && (thirdId == null || thirdId.equals(callThirdId));
        }

        boolean take() {
            while (true) {
                int left = remaining.get();
                if (left == 0) {
                    return false;
                }
                if (left < 0 || remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    // --- what was received

    /** One call as received. */
    public record Received(String path, String thirdId, Instant at, String outcome) {}

    /** Everything received for one {@code third_id} (an order's, or a payment's {@code third_pay_id}). */
    public record OrderRecord(String thirdId, int calls, int accepted, int duplicates, Instant firstReceivedAt,
            Instant firstAcceptedAt, Instant lastReceivedAt, String manufacturerOrderId, String queueNo,
            JsonNode lastBody, List<Received> history) {}

    private static final class Log {
        final List<Received> history = new ArrayList<>();
        int accepted;
        Instant firstAcceptedAt;
        String id;
        String queueNo;
        JsonNode lastBody;
    }

    private final int port;
    private final String account;
    private final String password;
    private final ManufacturerSign sign;
    private final Clock clock;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Log> orders = new LinkedHashMap<>(); // guarded by this
    private final Map<String, List<Integer>> payments = new LinkedHashMap<>(); // guarded by this
    private final List<Received> all = new ArrayList<>(); // guarded by this
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    /** Every login token issued and every sign received: tests check none of them is ever logged. */
    private final List<String> secretsSeen = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong(1000);
    private volatile Duration answerDelay = Duration.ZERO;
    /** Bumped by {@link #reset()}: a call still hanging from before it is not recorded after it. */
    private volatile int generation;
    private volatile CountDownLatch closing = new CountDownLatch(1);
    private Server server;

    /** A simulator on {@code port} (0: any free port); {@link #start()} it. */
    public ManufacturerSimulator(int port, String account, String password, String fixedKey, String systemName) {
        this.port = port;
        this.account = account;
        this.password = password;
        this.sign = new ManufacturerSign(systemName, fixedKey);
        this.clock = Clock.systemUTC();
    }

    /** Started on a free port. */
    public static ManufacturerSimulator started(String account, String password, String fixedKey, String systemName)
            throws Exception {
        ManufacturerSimulator simulator = new ManufacturerSimulator(0, account, password, fixedKey, systemName);
        simulator.start();
        return simulator;
    }

    /**
     * For the development server's JNDI file: starts a simulator on {@code port} unless that port
     * is taken, which after a redeploy of {@code mvn jetty:run} means the simulator started by the
     * first deployment still runs there (it lives as long as the JVM).
     */
    public static ManufacturerSimulator runningOn(int port, String account, String password, String fixedKey,
            String systemName) throws Exception {
        ManufacturerSimulator simulator = new ManufacturerSimulator(port, account, password, fixedKey, systemName);
        try {
            simulator.start();
        } catch (IOException portTaken) {
            System.out.println("manufacturer simulator: port " + port + " is taken, assuming it runs there already");
            return null;
        }
        System.out.println("manufacturer simulator (development) on " + simulator.baseUrl()
                + "; what it received: http://127.0.0.1:" + port + "/_sim/received");
        return simulator;
    }

    public synchronized ManufacturerSimulator start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("manufacturer-simulator");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    ManufacturerSimulator.this.handle(request, response, callback);
                } catch (Exception e) {
                    callback.failed(e);
                }
                return true;
            }
        });
        server.setStopTimeout(2000);
        closing = new CountDownLatch(1);
        server.start();
        return this;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The value of {@code pimpmycase/manufacturer/baseUrl} that points at this simulator. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + PREFIX;
    }

    @Override
    public synchronized void close() throws Exception {
        closing.countDown(); // releases hanging calls
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    // --- telling it to fail

    /** Every {@code orderData} call of {@code thirdId} fails so, until {@link #clearFaults()}. */
    public void failOrder(String thirdId, Fault fault) {
        fail(ORDER_DATA, thirdId, fault, -1);
    }

    /** The next {@code times} {@code orderData} calls of {@code thirdId} fail so. */
    public void failOrder(String thirdId, Fault fault, int times) {
        fail(ORDER_DATA, thirdId, fault, times);
    }

    /** Every {@code payStatus} and {@code orderData} call fails so, until cleared. */
    public void failAll(Fault fault) {
        fail(null, null, fault, -1);
    }

    /** The next {@code n} {@code payStatus} or {@code orderData} calls fail so. */
    public void failNext(int n, Fault fault) {
        fail(null, null, fault, n);
    }

    /**
     * The general form: calls of {@code path} ({@link #LOGIN}, {@link #PAY_STATUS},
     * {@link #ORDER_DATA}; {@code null}: payStatus and orderData) whose body's {@code third_id} is
     * {@code thirdId} ({@code null}: any) fail so, {@code times} times (−1: until cleared).
     * Rules apply in the order they were given; the first that matches is used.
     */
    public void fail(String path, String thirdId, Fault fault, int times) {
        rules.add(new Rule(path, thirdId, fault, new AtomicInteger(times)));
    }

    public void clearFaults() {
        rules.clear();
    }

    /** Every login token issued so far stops working (the next call answers code 401). */
    public void expireAllTokens() {
        tokens.clear();
    }

    /** Every answer waits this long first (a slow manufacturer). */
    public void answerDelay(Duration delay) {
        answerDelay = delay;
    }

    /** Forgets what was received and every fault and token. */
    public synchronized void reset() {
        generation++;
        CountDownLatch hanging = closing;
        closing = new CountDownLatch(1);
        hanging.countDown();
        rules.clear();
        tokens.clear();
        orders.clear();
        payments.clear();
        all.clear();
        overlaps.clear();
        logins.set(0);
        secretsSeen.clear();
        answerDelay = Duration.ZERO;
    }

    // --- what it received

    /** What was received for {@code thirdId} ({@code orderData} calls), or {@code null}. */
    public synchronized OrderRecord received(String thirdId) {
        Log log = orders.get(thirdId);
        return log == null ? null : record(thirdId, log);
    }

    /** Every order received, in order of first receipt. */
    public synchronized List<OrderRecord> orders() {
        List<OrderRecord> result = new ArrayList<>();
        orders.forEach((id, log) -> result.add(record(id, log)));
        return result;
    }

    /** Every call, in order of arrival. */
    public synchronized List<Received> calls() {
        return List.copyOf(all);
    }

    /** How many calls of {@code path} arrived. */
    public synchronized long calls(String path) {
        return all.stream().filter(r -> r.path().equals(path)).count();
    }

    /** The payment statuses received per {@code third_pay_id}, in order. */
    public synchronized Map<String, List<Integer>> payments() {
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        payments.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** Every login token issued and every {@code sign} header received so far. */
    public List<String> secretsSeen() {
        return List.copyOf(secretsSeen);
    }

    /** Successful logins. */
    public int logins() {
        return logins.get();
    }

    /** The {@code third_id}s of which two {@code orderData} calls were in flight at once (once per event). */
    public List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    /** Accepted repeats of orders already accepted (the manufacturer de-duplicates them). */
    public synchronized int duplicates() {
        return orders.values().stream().mapToInt(l -> Math.max(0, l.accepted - 1)).sum();
    }

    private static OrderRecord record(String thirdId, Log log) {
        List<Received> calls = log.history;
        return new OrderRecord(thirdId, calls.size(), log.accepted, Math.max(0, log.accepted - 1),
                calls.isEmpty() ? null : calls.get(0).at(), log.firstAcceptedAt,
                calls.isEmpty() ? null : calls.get(calls.size() - 1).at(), log.id, log.queueNo, log.lastBody,
                List.copyOf(calls));
    }

    // --- handling

    private void handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/_sim/")) {
            SimulatorControl.handle(this, path.substring("/_sim/".length()), request, response, callback);
            return;
        }
        String call = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : path;
        if (!call.equals(LOGIN) && !call.equals(PAY_STATUS) && !call.equals(ORDER_DATA)) {
            answer(response, callback, 404, "text/plain", "no such API: " + path);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            answer(response, callback, 405, "text/plain", "POST only");
            return;
        }
        byte[] bytes = bytes(request, MAX_BODY);
        JsonNode body = parse(bytes);
        String signHeader = request.getHeaders().get("sign");
        if (signHeader != null) {
            secretsSeen.add(signHeader);
        }
        String thirdId = body != null && body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        boolean orderData = call.equals(ORDER_DATA) && thirdId != null;
        if (orderData && inFlight.computeIfAbsent(thirdId, k -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.add(thirdId);
        }
        int started = generation;
        try {
            Instant at = clock.instant();
            Rule rule = rules.stream().filter(r -> r.matches(call, thirdId) && r.take()).findFirst().orElse(null);
            Duration delay = answerDelay;
            if (!delay.isZero()) {
                closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (rule != null && rule.fault().kind() != Fault.Kind.HANG) {
                note(call, thirdId, at, "fault " + describe(rule.fault()));
                fault(request, response, callback, rule.fault());
                return;
            }
            if (rule != null) {
                closing.await(rule.fault().duration().toMillis(), TimeUnit.MILLISECONDS);
                if (started != generation) {
                    answer(response, callback, 503, "text/plain", "simulator reset while this call hung");
                    return;
                }
            }
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            String reqSource = request.getHeaders().get("req_source");
            boolean headersOk = type != null && type.startsWith("application/json") && reqSource != null
                    && !reqSource.isBlank();
            ObjectNode answer = process(call, body, headersOk, request.getHeaders().get("sign"),
                    request.getHeaders().get(HttpHeader.AUTHORIZATION), at, rule != null);
            answer(response, callback, 200, "application/json", JSON.writeValueAsString(answer));
        } finally {
            if (orderData) {
                inFlight.get(thirdId).decrementAndGet();
            }
        }
    }

    /** The manufacturer's own checks and answer. */
    private ObjectNode process(String call, JsonNode body, boolean headersOk, String signHeader, String authorization,
            Instant at, boolean hung) {
        String thirdId = body != null && body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        String prefix = hung ? "after a hang: " : "";
        if (body == null || !body.isObject()) {
            note(call, thirdId, at, prefix + "bad JSON");
            return envelope(400, "request body is not a JSON object");
        }
        if (!headersOk) {
            note(call, thirdId, at, prefix + "missing headers");
            return envelope(400, "Content-Type: application/json and req_source are required");
        }
        if (!sign.verify(body, signHeader)) {
            note(call, thirdId, at, prefix + "invalid sign");
            return envelope(401, "invalid sign");
        }
        if (call.equals(LOGIN)) {
            if (!account.equals(body.path("account").asText(null)) || !password.equals(body.path("password").asText(null))) {
                note(call, null, at, prefix + "wrong account or password");
                return envelope(401, "account or password incorrect");
            }
            String token = "sim-" + HexFormat.of().formatHex(randomBytes());
            tokens.put(token, at);
            secretsSeen.add(token);
            logins.incrementAndGet();
            note(call, null, at, prefix + "logged in");
            ObjectNode answer = envelope(200, "success");
            answer.putObject("data").put("token", token);
            return answer;
        }
        Instant issued = authorization == null ? null : tokens.get(authorization);
        if (issued == null || Duration.between(issued, at).compareTo(TOKEN_LIFETIME) >= 0) {
            note(call, thirdId, at, prefix + "token invalid or expired");
            return envelope(401, "token invalid or expired");
        }
        return call.equals(PAY_STATUS) ? payStatus(body, at, prefix) : orderData(body, at, prefix);
    }

    private ObjectNode payStatus(JsonNode body, Instant at, String prefix) {
        JsonNode status = body.get("status");
        String thirdPayId = body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        if (thirdPayId == null || status == null || !status.isInt() || status.intValue() < 1 || status.intValue() > 5) {
            note(PAY_STATUS, thirdPayId, at, prefix + "bad fields");
            return envelope(400, "third_id (string) and status (1..5) are required");
        }
        synchronized (this) {
            payments.computeIfAbsent(thirdPayId, k -> new ArrayList<>()).add(status.intValue());
        }
        note(PAY_STATUS, thirdPayId, at, prefix + "status " + status.intValue());
        return envelope(200, "success");
    }

    private ObjectNode orderData(JsonNode body, Instant at, String prefix) {
        for (String field : new String[] {"third_pay_id", "third_id", "mobile_model_id", "pic", "device_id",
            "mobile_shell_id"}) {
            if (!body.path(field).isTextual() || body.get(field).textValue().isEmpty()) {
                String thirdId = body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
                note(ORDER_DATA, thirdId, at, prefix + "missing " + field);
                return envelope(400, "missing field: " + field);
            }
        }
        String thirdId = body.get("third_id").textValue();
        ObjectNode answer = envelope(200, "success");
        synchronized (this) {
            Log log = orders.computeIfAbsent(thirdId, k -> new Log());
            if (log.id == null) {
                long n = sequence.incrementAndGet();
                log.id = "SIM" + n;
                log.queueNo = String.format("%03d", n % 1000);
                log.firstAcceptedAt = at;
            }
            log.accepted++;
            log.lastBody = body;
            answer.putObject("data").put("id", log.id).put("third_id", thirdId).put("queue_no", log.queueNo)
                    .put("status", 1);
        }
        note(ORDER_DATA, thirdId, at, prefix + "accepted");
        return answer;
    }

    private synchronized void note(String call, String thirdId, Instant at, String outcome) {
        Received received = new Received(call, thirdId, at, outcome);
        all.add(received);
        if (call.equals(ORDER_DATA) && thirdId != null) {
            orders.computeIfAbsent(thirdId, k -> new Log()).history.add(received);
        }
    }

    private void fault(Request request, Response response, Callback callback, Fault fault) throws IOException {
        switch (fault.kind()) {
            case HTTP -> {
                if (fault.msg() == null) {
                    answer(response, callback, fault.status(), "text/plain", "simulated HTTP " + fault.status());
                } else {
                    answer(response, callback, fault.status(), "application/json",
                            JSON.writeValueAsString(envelope(fault.status(), fault.msg())));
                }
            }
            case CODE -> answer(response, callback, 200, "application/json",
                    JSON.writeValueAsString(envelope(fault.status(), fault.msg())));
            case NOT_JSON -> answer(response, callback, 200, "text/html",
                    "<html><body><h1>502 Bad Gateway</h1></body></html>");
            case HUGE -> answer(response, callback, 200, "application/json",
                    "{\"code\":200,\"msg\":\"" + "x".repeat(2 << 20) + "\"}");
            case RESET -> {
                EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
                if (endPoint.getTransport() instanceof SocketChannel channel) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close() then sends RST
                }
                endPoint.close();
                callback.succeeded(); // nothing more goes out: the connection is gone
            }
            default -> throw new IllegalStateException("handled elsewhere: " + fault);
        }
    }

    static String describe(Fault fault) {
        return switch (fault.kind()) {
            case HTTP -> "HTTP " + fault.status();
            case CODE -> "code " + fault.status() + (fault.msg() == null ? "" : " " + fault.msg());
            case NOT_JSON -> "not JSON";
            case HANG -> "hang " + fault.duration().toMillis() + " ms";
            case RESET -> "reset";
            case HUGE -> "huge body";
        };
    }

    static ObjectNode envelope(int code, String msg) {
        ObjectNode node = JSON.createObjectNode().put("code", code).put("msg", msg);
        node.putNull("data");
        return node;
    }

    static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
    }

    /** Strict, like the manufacturer's own parser might be: one value, no duplicate keys. */
    static JsonNode parse(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonNode node = JSON.readTree(parser);
            return node == null || parser.nextToken() != null ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /** The request body, at most {@code max} bytes. */
    static byte[] bytes(Request request, int max) throws Exception {
        ByteBuffer buffer = Content.Source.asByteBufferAsync(request, max).get(30, TimeUnit.SECONDS);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /**
     * Standalone: {@code port account password fixedKey [systemName]}; runs until killed and prints
     * its base URL. E.g. {@code java -cp target/test-classes:<test classpath> …ManufacturerSimulator
     * 18080 acc-factory pa55 fixed-key mobileShell}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ManufacturerSimulator <port> <account> <password> <fixedKey> [systemName]");
            System.exit(2);
        }
        ManufacturerSimulator simulator = new ManufacturerSimulator(Integer.parseInt(args[0]), args[1], args[2],
                args[3], args.length > 4 ? args[4] : "mobileShell").start();
        System.out.println("manufacturer simulator on " + simulator.baseUrl() + " (control API: http://127.0.0.1:"
                + simulator.port() + "/_sim/received)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
