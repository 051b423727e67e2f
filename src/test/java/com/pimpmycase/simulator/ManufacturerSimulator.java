package com.pimpmycase.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
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
 * <p>It behaves like the manufacturer's <em>production</em> API as the existing system's request
 * log shows it ({@link Dialect#PRODUCTION}, the default): every answer is HTTP 200 with
 * {@code {"code":…,"msg":…}}, and every error is {@code code} 500 with an English {@code msg}
 * ({@link #SIGNATURE_FAILED}, {@link #MERCHANT_MISSING}, {@link #WRONG_PASSWORD},
 * {@link #TOKEN_EXPIRED}, {@link #INVALID_PARAMETER} plus the field, {@link #PAYMENT_MISSING}).
 * {@link Dialect#DOCUMENTED} answers as the API documentation suggested instead, with
 * {@code code} 400/401 (what tests written before the production log relied on); choose it per
 * simulator, with {@link #dialect(Dialect)}, or for every simulator of a JVM with
 * {@code -Dpimpmycase.simulator.dialect=documented}.
 *
 * <p>The calls:
 * <ul>
 * <li>{@code user/login} checks account and password and issues tokens valid 24 h;
 * <li>every other call checks {@code sign} over the body <em>exactly as received</em> (numbers
 * as written, {@code 35.0} stays {@code 35.0}; the rule of {@code ManufacturerSign}) and the raw
 * login token in {@code Authorization};
 * <li>{@code order/payData} {@code {"mobile_model_id","device_id","third_id","pay_amount","pay_type"}}
 * issues the manufacturer's payment id {@code MSPY…}, the same for the same {@code third_id};
 * <li>{@code order/payStatus} {@code {"third_id","status"[,"pay_amount"]}} records the status
 * (and amount) per {@code third_id} and answers success without {@code data};
 * <li>{@code order/orderData} de-duplicates orders on {@code third_id} (a repeated order is
 * answered like the first and counted as a duplicate); a {@code third_pay_id} starting
 * {@code MSPY} must be a payment id it issued whose {@code payStatus} 3 arrived at least
 * {@link #settlePayments(Duration)} ago, else {@link #PAYMENT_MISSING}.
 * </ul>
 * It records everything it receives — per call the HTTP version, every header (the values of
 * {@code sign} and {@code Authorization} are kept but never printed), the {@code User-Agent},
 * whether an {@code Upgrade: h2c} was offered, the raw body ({@link #rawCalls()}) — detects two
 * {@code orderData} calls of one {@code third_id} in flight at once (an <em>overlap</em>, which §9
 * forbids), and can be told to fail or to answer with a canned body: per order, for every call,
 * or for the next n calls ({@link Fault}, {@link #answerWith(String, String, int)}).
 *
 * <p>Driven from the same JVM through this class, or from another process through its control
 * API ({@link SimulatorControl}): {@code GET /_sim/received}, {@code POST /_sim/fail},
 * {@code /_sim/answer}, {@code /_sim/clear-faults}, {@code /_sim/expire-tokens},
 * {@code /_sim/delay}, {@code /_sim/settle}, {@code /_sim/dialect}, {@code /_sim/reset}
 * (docs/DELIVERY.md, "The manufacturer simulator").
 * Standalone: {@code main(port, account, password, fixedKey, systemName)}.
 */
public final class ManufacturerSimulator implements AutoCloseable {

    /** The path prefix of the manufacturer's API, as in the documented base URL. */
    public static final String PREFIX = "/mobileShell/en";
    public static final String LOGIN = "user/login";
    public static final String PAY_DATA = "order/payData";
    public static final String PAY_STATUS = "order/payStatus";
    public static final String ORDER_DATA = "order/orderData";
    static final List<String> PATHS = List.of(LOGIN, PAY_DATA, PAY_STATUS, ORDER_DATA);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    /** The merchant's id in a production login answer (made up). */
    static final String MERCHANT_ID = "MEA100000000042";
    private static final DateTimeFormatter PAYMENT_DAY = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_BODY = 1 << 20;

    // --- the production API's messages (code 500), as in its request log

    /** The {@code msg} of every success in production ("operation succeeded"). */
    public static final String PRODUCTION_SUCCESS = "操作成功";
    /** A wrong {@code sign}, on any call. */
    public static final String SIGNATURE_FAILED = "Data signature failed";
    /** A login with an account the manufacturer does not know. */
    public static final String MERCHANT_MISSING = "The merchant account does not exist";
    /** A login with a known account and a wrong password (not in the production log: a guess without token/login/expired). */
    public static final String WRONG_PASSWORD = "Incorrect account or password";
    /** A call without a login token, or with one unknown or expired (not in the production log: a guess). */
    public static final String TOKEN_EXPIRED = "The token has expired, please log in again";
    /** A field missing or of the wrong type, followed by {@code ": <field>"} (not in the production log: a guess). */
    public static final String INVALID_PARAMETER = "invalid parameter";
    /** An {@code orderData} whose {@code MSPY…} payment is unknown or not settled yet. */
    public static final String PAYMENT_MISSING = "Payment information does not exist";
    public static final String DEVICE_OFFLINE = "The device is offline.";
    public static final String NO_PERMISSION = "No permission to access the current device";

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

    /** How the simulator answers what it refuses itself (faults answer as told either way). */
    public enum Dialect {
        /** As the production API: HTTP 200, {@code code} 500 and its English messages, no {@code data}. */
        PRODUCTION,
        /**
         * As the documentation suggested and this simulator did before the production log was
         * read: {@code code} 400 (bad body, headers, fields), 401 {@code invalid sign}, 401
         * {@code account or password incorrect}, 401 {@code token invalid or expired}; every
         * answer carries {@code "data"} ({@code null} on errors and payStatus).
         */
        DOCUMENTED;

        /** The system property that sets the default dialect, e.g. {@code -Dpimpmycase.simulator.dialect=documented}. */
        public static final String PROPERTY = "pimpmycase.simulator.dialect";

        /**
         * The dialect of a simulator constructed without one: {@link #PRODUCTION} unless the
         * system property {@value #PROPERTY} says otherwise (a way to run tests written for the
         * documented answers unchanged, e.g. while the product's client learns production's).
         */
        public static Dialect byDefault() {
            String value = System.getProperty(PROPERTY);
            return value == null || value.isBlank() ? PRODUCTION : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    // --- faults

    /** What the simulator does instead of (or before) answering normally. */
    public record Fault(Kind kind, int status, String msg, Duration duration) {

        public enum Kind { HTTP, CODE, NOT_JSON, HANG, RESET, HUGE, ANSWER }

        /** An HTTP status with a plain-text body (a proxy's or server's error page). */
        public static Fault httpStatus(int status) {
            return new Fault(Kind.HTTP, status, null, null);
        }

        /** An HTTP status with the manufacturer's envelope {@code {"code":status,"msg":msg}}. */
        public static Fault httpStatus(int status, String msg) {
            return new Fault(Kind.HTTP, status, msg, null);
        }

        /**
         * HTTP 200 with {@code {"code":code,"msg":msg}}, e.g. 500 {@link #DEVICE_OFFLINE} ({@code status}
         * holds the code); in the {@link Dialect#DOCUMENTED} dialect with {@code "data":null} too.
         */
        public static Fault code(int code, String msg) {
            return new Fault(Kind.CODE, code, msg, null);
        }

        /** Code 500 {@value ManufacturerSimulator#SIGNATURE_FAILED}: the service's fixed key or system name is wrong. */
        public static Fault signatureFailed() {
            return code(500, SIGNATURE_FAILED);
        }

        /** Code 500 {@value ManufacturerSimulator#DEVICE_OFFLINE}: transient. */
        public static Fault deviceOffline() {
            return code(500, DEVICE_OFFLINE);
        }

        /** Code 500 {@value ManufacturerSimulator#NO_PERMISSION}: the order names a device not ours. */
        public static Fault noPermission() {
            return code(500, NO_PERMISSION);
        }

        /** Code 500 {@value ManufacturerSimulator#MERCHANT_MISSING}: the account is wrong. */
        public static Fault merchantMissing() {
            return code(500, MERCHANT_MISSING);
        }

        /** Code 500 {@value ManufacturerSimulator#PAYMENT_MISSING}: the payment is unknown or not settled yet. */
        public static Fault paymentMissing() {
            return code(500, PAYMENT_MISSING);
        }

        /** Code 500 {@value ManufacturerSimulator#TOKEN_EXPIRED}: log in again. */
        public static Fault tokenExpired() {
            return code(500, TOKEN_EXPIRED);
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

        /**
         * HTTP 200, {@code application/json}, with exactly {@code body} (e.g. an answer from the
         * production log, {@link ProductionExchanges}); the call is not processed otherwise.
         */
        public static Fault answer(String body) {
            if (body == null) {
                throw new IllegalArgumentException("a canned answer needs a body");
            }
            return new Fault(Kind.ANSWER, 200, body, null);
        }
    }

    /** A fault for calls of {@code path} (null: every call but login), of {@code thirdId} or any, {@code remaining} times (−1: until cleared). */
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

    /** One call as received: its path, the body's {@code third_id}, when, and what the simulator did. */
    public record Received(String path, String thirdId, Instant at, String outcome) {}

    /** One request header; the value of {@code sign} and {@code Authorization} is never printed. */
    public record Header(String name, String value) {
        /** Whether the value is a secret: the {@code sign} or the login token. */
        public boolean secret() {
            return name.equalsIgnoreCase("sign") || name.equalsIgnoreCase(HttpHeader.AUTHORIZATION.asString());
        }

        /** The value, or {@code ***} for a secret one. */
        public String printable() {
            return secret() ? "***" : value;
        }

        @Override
        public String toString() {
            return name + ": " + printable();
        }
    }

    /**
     * One request exactly as it arrived (recorded on arrival, before any fault): path (e.g.
     * {@code order/orderData}, or the full path of an unknown API), method, HTTP version
     * ({@code HTTP/1.1}, {@code HTTP/2}), every header in order, the {@code User-Agent}, whether the
     * client offered an upgrade to {@code h2c} ({@code Upgrade: h2c}, as the JDK's HttpClient does
     * unless told to use HTTP/1.1), and the body as text. {@link #toString()} prints neither the
     * {@code sign}, the token nor a login's password.
     */
    public record RawCall(String path, String method, Instant at, String httpVersion, List<Header> headers,
            String userAgent, boolean h2cUpgradeOffered, String body) {

        /** The first value of header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst()
                    .orElse(null);
        }

        /** The header names, in order of arrival. */
        public List<String> headerNames() {
            return headers.stream().map(Header::name).toList();
        }

        /** The body with a login's {@code password} value replaced by {@code ***}. */
        public String printableBody() {
            if (!LOGIN.equals(path) || body == null) {
                return body;
            }
            JsonNode node = parse(body.getBytes(StandardCharsets.UTF_8));
            if (node instanceof ObjectNode object && object.has("password")) {
                return object.deepCopy().put("password", "***").toString();
            }
            return body.contains("password") ? "(a login body, not shown)" : body;
        }

        @Override
        public String toString() {
            return "RawCall[" + method + " " + path + " " + httpVersion + " at " + at + ", headers " + headers
                    + ", h2c offered " + h2cUpgradeOffered + ", body " + printableBody() + "]";
        }
    }

    /** Everything received for one {@code third_id} (an order's, or a payment's {@code third_pay_id}). */
    public record OrderRecord(String thirdId, int calls, int accepted, int duplicates, Instant firstReceivedAt,
            Instant firstAcceptedAt, Instant lastReceivedAt, String manufacturerOrderId, String queueNo,
            JsonNode lastBody, List<Received> history) {}

    /**
     * Everything received for one payment, by its {@code third_id} (our {@code third_pay_id}):
     * the {@code MSPY…} id issued by {@code payData} ({@code null} if none arrived), the
     * {@code pay_amount} (as written in the body) and {@code pay_type} of the last {@code payData},
     * how many {@code payData} calls were accepted, the statuses of {@code payStatus} in order with
     * the {@code pay_amount} of each (as written, {@code null} when absent), and when status 3
     * first arrived.
     */
    public record PaymentRecord(String thirdPayId, String manufacturerPaymentId, String payAmount, Integer payType,
            int payDataCalls, List<Integer> statuses, List<String> statusAmounts, Instant paidAt) {}

    private static final class Log {
        final List<Received> history = new ArrayList<>();
        int accepted;
        Instant firstAcceptedAt;
        String id;
        String queueNo;
        JsonNode lastBody;
    }

    private static final class Payment {
        String id;
        String payAmount;
        Integer payType;
        int payDataCalls;
        final List<Integer> statuses = new ArrayList<>();
        final List<String> amounts = new ArrayList<>();
        Instant paidAt;
    }

    private final int port;
    private final String account;
    private final String password;
    private final String systemName;
    private final String fixedKey;
    private final Dialect initialDialect;
    private final Clock clock;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Log> orders = new LinkedHashMap<>(); // guarded by this
    private final Map<String, Payment> payments = new LinkedHashMap<>(); // guarded by this
    private final Map<String, String> paymentIds = new LinkedHashMap<>(); // MSPY id -> third_id; guarded by this
    private final List<Received> all = new ArrayList<>(); // guarded by this
    private final List<RawCall> raw = new ArrayList<>(); // guarded by this
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    /** Every login token issued and every sign received: tests check none of them is ever logged. */
    private final List<String> secretsSeen = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong(1000);
    private final AtomicLong paymentSequence = new AtomicLong();
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile Duration settle = Duration.ZERO;
    private volatile Dialect dialect;
    /** Bumped by {@link #reset()}: a call still hanging from before it is not recorded after it. */
    private volatile int generation;
    private volatile CountDownLatch closing = new CountDownLatch(1);
    private Server server;

    /**
     * A simulator on {@code port} (0: any free port) answering as production does (or as
     * {@link Dialect#byDefault()} says); {@link #start()} it.
     */
    public ManufacturerSimulator(int port, String account, String password, String fixedKey, String systemName) {
        this(port, account, password, fixedKey, systemName, Dialect.byDefault());
    }

    /** A simulator on {@code port} (0: any free port) answering in {@code dialect}; {@link #start()} it. */
    public ManufacturerSimulator(int port, String account, String password, String fixedKey, String systemName,
            Dialect dialect) {
        this.port = port;
        this.account = account;
        this.password = password;
        this.systemName = systemName;
        this.fixedKey = fixedKey;
        this.initialDialect = dialect;
        this.dialect = dialect;
        this.clock = Clock.systemUTC();
    }

    /** Started on a free port, answering as production does (or as {@link Dialect#byDefault()} says). */
    public static ManufacturerSimulator started(String account, String password, String fixedKey, String systemName)
            throws Exception {
        return started(account, password, fixedKey, systemName, Dialect.byDefault());
    }

    /** Started on a free port, answering in {@code dialect}. */
    public static ManufacturerSimulator started(String account, String password, String fixedKey, String systemName,
            Dialect dialect) throws Exception {
        ManufacturerSimulator simulator = new ManufacturerSimulator(0, account, password, fixedKey, systemName,
                dialect);
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

    // --- how it answers

    /** From now on, answers what it refuses itself in {@code dialect} ({@link #reset()} restores the constructor's). */
    public void dialect(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * An {@code orderData} naming an {@code MSPY…} payment is refused with
     * {@link #PAYMENT_MISSING} until its {@code payStatus} 3 arrived at least this long ago
     * (the manufacturer settling the payment; production needed about 3 s). Default 0;
     * {@link #reset()} restores it.
     */
    public void settlePayments(Duration settle) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative: " + settle);
        }
        this.settle = settle;
    }

    /** The settle time of {@link #settlePayments(Duration)}. */
    public Duration settleDuration() {
        return settle;
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

    /** Every call but login ({@code payData}, {@code payStatus}, {@code orderData}) fails so, until cleared. */
    public void failAll(Fault fault) {
        fail(null, null, fault, -1);
    }

    /** The next {@code n} calls other than login fail so. */
    public void failNext(int n, Fault fault) {
        fail(null, null, fault, n);
    }

    /**
     * The general form: calls of {@code path} ({@link #LOGIN}, {@link #PAY_DATA},
     * {@link #PAY_STATUS}, {@link #ORDER_DATA}; {@code null}: every call but login) whose body's
     * {@code third_id} is {@code thirdId} ({@code null}: any) fail so, {@code times} times (−1:
     * until cleared). Rules apply in the order they were given; the first that matches is used.
     */
    public void fail(String path, String thirdId, Fault fault, int times) {
        rules.add(new Rule(path, thirdId, fault, new AtomicInteger(times)));
    }

    /**
     * The next {@code times} calls of {@code path} (−1: until cleared) are answered HTTP 200 with
     * exactly {@code jsonBody} instead of being checked and processed, e.g. an answer of
     * {@link ProductionExchanges}. The call itself is recorded as usual. A canned {@code code} 200
     * is taken as said, so that later calls work: a login's {@code data.token} is accepted, a
     * {@code payData}'s {@code data.id} is the payment id of the request's {@code third_id}, a
     * {@code payStatus}'s status is recorded; a canned {@code orderData} records no order.
     */
    public void answerWith(String path, String jsonBody, int times) {
        fail(path, null, Fault.answer(jsonBody), times);
    }

    public void clearFaults() {
        rules.clear();
    }

    /** Every login token issued so far stops working (the next call answers {@link #TOKEN_EXPIRED}, or code 401). */
    public void expireAllTokens() {
        tokens.clear();
    }

    /** Every answer waits this long first (a slow manufacturer). */
    public void answerDelay(Duration delay) {
        answerDelay = delay;
    }

    /** Forgets what was received and every fault and token; restores delay, settle time and dialect. */
    public synchronized void reset() {
        generation++;
        CountDownLatch hanging = closing;
        closing = new CountDownLatch(1);
        hanging.countDown();
        rules.clear();
        tokens.clear();
        orders.clear();
        payments.clear();
        paymentIds.clear();
        all.clear();
        raw.clear();
        overlaps.clear();
        logins.set(0);
        secretsSeen.clear();
        answerDelay = Duration.ZERO;
        settle = Duration.ZERO;
        dialect = initialDialect;
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

    /** Every call, in order of arrival (of its outcome). */
    public synchronized List<Received> calls() {
        return List.copyOf(all);
    }

    /** How many calls of {@code path} arrived. */
    public synchronized long calls(String path) {
        return all.stream().filter(r -> r.path().equals(path)).count();
    }

    /** Every request as it arrived, in order of arrival (control API calls excepted). */
    public synchronized List<RawCall> rawCalls() {
        return List.copyOf(raw);
    }

    /** Every request of {@code path} as it arrived. */
    public synchronized List<RawCall> rawCalls(String path) {
        return raw.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The payment statuses received per {@code third_id} of {@code payStatus}, in order. */
    public synchronized Map<String, List<Integer>> payments() {
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        payments.forEach((k, v) -> {
            if (!v.statuses.isEmpty()) {
                copy.put(k, List.copyOf(v.statuses));
            }
        });
        return copy;
    }

    /** What was received for the payment {@code thirdPayId} ({@code payData} and {@code payStatus}), or {@code null}. */
    public synchronized PaymentRecord payment(String thirdPayId) {
        Payment payment = payments.get(thirdPayId);
        return payment == null ? null : paymentRecord(thirdPayId, payment);
    }

    /** Every payment received, in order of first receipt. */
    public synchronized List<PaymentRecord> paymentRecords() {
        List<PaymentRecord> result = new ArrayList<>();
        payments.forEach((id, payment) -> result.add(paymentRecord(id, payment)));
        return result;
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

    private static PaymentRecord paymentRecord(String thirdPayId, Payment payment) {
        return new PaymentRecord(thirdPayId, payment.id, payment.payAmount, payment.payType, payment.payDataCalls,
                List.copyOf(payment.statuses), java.util.Collections.unmodifiableList(new ArrayList<>(payment.amounts)),
                payment.paidAt);
    }

    // --- handling

    private void handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/_sim/")) {
            SimulatorControl.handle(this, path.substring("/_sim/".length()), request, response, callback);
            return;
        }
        String call = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : path;
        byte[] bytes = bytes(request, MAX_BODY);
        Instant arrived = clock.instant();
        noteRaw(call, request, bytes, arrived);
        if (!PATHS.contains(call)) {
            answer(response, callback, 404, "text/plain", "no such API: " + path);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            answer(response, callback, 405, "text/plain", "POST only");
            return;
        }
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
                if (rule.fault().kind() == Fault.Kind.ANSWER) {
                    adopt(call, body, bytes, rule.fault().msg(), at);
                }
                fault(request, response, callback, rule.fault());
                return;
            }
            if (rule != null) {
                closing.await(rule.fault().duration().toMillis(), TimeUnit.MILLISECONDS);
                if (started != generation) {
                    answer(response, callback, 503, "text/plain", "simulator reset while this call hung");
                    return;
                }
                at = clock.instant(); // a payment settles while an order hangs
            }
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            String reqSource = request.getHeaders().get("req_source");
            String missingHeader = type == null || !type.startsWith("application/json") ? "Content-Type"
                    : reqSource == null || reqSource.isBlank() ? "req_source" : null;
            ObjectNode answer = process(call, body, rawValues(bytes), missingHeader, signHeader,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION), at, rule != null);
            apiAnswer(response, callback, 200, JSON.writeValueAsString(answer));
        } finally {
            if (orderData) {
                inFlight.get(thirdId).decrementAndGet();
            }
        }
    }

    /** The manufacturer's own checks and answer. */
    private ObjectNode process(String call, JsonNode body, Map<String, String> raw, String missingHeader,
            String signHeader,
            String authorization, Instant at, boolean hung) {
        String thirdId = body != null && body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        String prefix = hung ? "after a hang: " : "";
        if (body == null || !body.isObject()) {
            note(call, thirdId, at, prefix + "bad JSON");
            return error(400, "request body is not a JSON object", INVALID_PARAMETER);
        }
        if (missingHeader != null) {
            note(call, thirdId, at, prefix + "missing headers");
            return error(400, "Content-Type: application/json and req_source are required",
                    INVALID_PARAMETER + ": " + missingHeader);
        }
        if (!verifySign(raw, signHeader)) {
            note(call, thirdId, at, prefix + "invalid sign");
            return error(401, "invalid sign", SIGNATURE_FAILED);
        }
        if (call.equals(LOGIN)) {
            return login(body, at, prefix);
        }
        Instant issued = authorization == null ? null : tokens.get(authorization);
        if (issued == null || Duration.between(issued, at).compareTo(TOKEN_LIFETIME) >= 0) {
            note(call, thirdId, at, prefix + "token invalid or expired");
            return error(401, "token invalid or expired", TOKEN_EXPIRED);
        }
        return switch (call) {
            case PAY_DATA -> payData(body, raw, at, prefix);
            case PAY_STATUS -> payStatus(body, raw, at, prefix);
            default -> orderData(body, at, prefix);
        };
    }

    private ObjectNode login(JsonNode body, Instant at, String prefix) {
        if (!account.equals(body.path("account").asText(null))) {
            note(LOGIN, null, at, prefix + "unknown account");
            return error(401, "account or password incorrect", MERCHANT_MISSING);
        }
        if (!password.equals(body.path("password").asText(null))) {
            note(LOGIN, null, at, prefix + "wrong password");
            return error(401, "account or password incorrect", WRONG_PASSWORD);
        }
        String token = newToken(at);
        tokens.put(token, at);
        secretsSeen.add(token);
        logins.incrementAndGet();
        note(LOGIN, null, at, prefix + "logged in");
        ObjectNode answer = success();
        ObjectNode data = answer.putObject("data");
        if (dialect == Dialect.PRODUCTION) {
            data.put("id", MERCHANT_ID).put("account", account);
        }
        data.put("token", token);
        return answer;
    }

    private ObjectNode payData(JsonNode body, Map<String, String> raw, Instant at, String prefix) {
        String thirdId = body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        for (String field : new String[] {"mobile_model_id", "device_id", "third_id"}) {
            if (!body.path(field).isTextual() || body.get(field).textValue().isEmpty()) {
                return badField(PAY_DATA, thirdId, at, prefix, field);
            }
        }
        JsonNode amount = body.get("pay_amount");
        if (amount == null || !amount.isNumber() || amount.decimalValue().signum() <= 0) {
            return badField(PAY_DATA, thirdId, at, prefix, "pay_amount");
        }
        JsonNode payType = body.get("pay_type");
        if (payType == null || !payType.isIntegralNumber() || !payType.canConvertToInt()) {
            return badField(PAY_DATA, thirdId, at, prefix, "pay_type");
        }
        String id;
        synchronized (this) {
            Payment payment = payments.computeIfAbsent(thirdId, k -> new Payment());
            if (payment.id == null) {
                // As production: MSPY10 + the day (yyMMdd) + a 6-digit sequence.
                payment.id = "MSPY10" + PAYMENT_DAY.format(at)
                        + String.format(Locale.ROOT, "%06d", paymentSequence.incrementAndGet() % 1_000_000);
                paymentIds.put(payment.id, thirdId);
            }
            payment.payAmount = raw.get("pay_amount");
            payment.payType = payType.intValue();
            payment.payDataCalls++;
            id = payment.id;
        }
        note(PAY_DATA, thirdId, at, prefix + "payment " + id);
        ObjectNode answer = success();
        answer.putObject("data").put("id", id).put("third_id", thirdId);
        return answer;
    }

    private ObjectNode payStatus(JsonNode body, Map<String, String> raw, Instant at, String prefix) {
        JsonNode status = body.get("status");
        String thirdPayId = body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        if (thirdPayId == null || thirdPayId.isEmpty()) {
            return badField(PAY_STATUS, thirdPayId, at, prefix, "third_id");
        }
        if (status == null || !status.isInt() || status.intValue() < 1 || status.intValue() > 5) {
            return badField(PAY_STATUS, thirdPayId, at, prefix, "status");
        }
        JsonNode amount = body.get("pay_amount");
        if (amount != null && !amount.isNull() && !amount.isNumber()) {
            return badField(PAY_STATUS, thirdPayId, at, prefix, "pay_amount");
        }
        synchronized (this) {
            Payment payment = payments.computeIfAbsent(thirdPayId, k -> new Payment());
            payment.statuses.add(status.intValue());
            payment.amounts.add(raw.get("pay_amount"));
            if (status.intValue() == 3 && payment.paidAt == null) {
                payment.paidAt = at;
            }
        }
        note(PAY_STATUS, thirdPayId, at, prefix + "status " + status.intValue());
        ObjectNode answer = success();
        if (dialect == Dialect.DOCUMENTED) {
            answer.putNull("data");
        }
        return answer;
    }

    private ObjectNode orderData(JsonNode body, Instant at, String prefix) {
        String thirdId = body.path("third_id").isTextual() ? body.get("third_id").textValue() : null;
        for (String field : new String[] {"third_pay_id", "third_id", "mobile_model_id", "pic", "device_id",
            "mobile_shell_id"}) {
            if (!body.path(field).isTextual() || body.get(field).textValue().isEmpty()) {
                note(ORDER_DATA, thirdId, at, prefix + "missing " + field);
                return error(400, "missing field: " + field, INVALID_PARAMETER + ": " + field);
            }
        }
        String thirdPayId = body.get("third_pay_id").textValue();
        if (thirdPayId.startsWith("MSPY")) {
            String refusal = null;
            synchronized (this) {
                String paymentOf = paymentIds.get(thirdPayId);
                Payment payment = paymentOf == null ? null : payments.get(paymentOf);
                if (payment == null) {
                    refusal = "unknown payment " + thirdPayId;
                } else if (payment.paidAt == null) {
                    refusal = "payment " + thirdPayId + " not paid";
                } else if (Duration.between(payment.paidAt, at).compareTo(settle) < 0) {
                    refusal = "payment " + thirdPayId + " not settled yet";
                }
            }
            if (refusal != null) {
                note(ORDER_DATA, thirdId, at, prefix + refusal);
                return codeAnswer(500, PAYMENT_MISSING);
            }
        }
        ObjectNode answer = success();
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

    /**
     * A canned success is taken as said, so that the calls after it work: a login's
     * {@code data.token} is accepted from then on (and counted as a login), a {@code payData}'s
     * {@code data.id} becomes the payment id of the request's {@code third_id}, a
     * {@code payStatus}'s status is recorded. A canned {@code orderData} records no order.
     */
    private void adopt(String call, JsonNode request, byte[] bytes, String canned, Instant at) {
        JsonNode answer = parse(canned.getBytes(StandardCharsets.UTF_8));
        if (answer == null || answer.path("code").asInt() != 200) {
            return;
        }
        JsonNode data = answer.path("data");
        String thirdId = request != null && request.path("third_id").isTextual()
                ? request.get("third_id").textValue() : null;
        Map<String, String> raw = rawValues(bytes);
        switch (call) {
            case LOGIN -> {
                if (data.path("token").isTextual()) {
                    tokens.put(data.get("token").textValue(), at);
                    secretsSeen.add(data.get("token").textValue());
                    logins.incrementAndGet();
                }
            }
            case PAY_DATA -> {
                if (thirdId != null && data.path("id").isTextual()) {
                    synchronized (this) {
                        Payment payment = payments.computeIfAbsent(thirdId, k -> new Payment());
                        payment.id = data.get("id").textValue();
                        payment.payAmount = raw == null ? null : raw.get("pay_amount");
                        payment.payType = request.path("pay_type").isInt() ? request.get("pay_type").intValue() : null;
                        payment.payDataCalls++;
                        paymentIds.put(payment.id, thirdId);
                    }
                }
            }
            case PAY_STATUS -> {
                if (thirdId != null && request.path("status").isInt()) {
                    synchronized (this) {
                        Payment payment = payments.computeIfAbsent(thirdId, k -> new Payment());
                        payment.statuses.add(request.get("status").intValue());
                        payment.amounts.add(raw == null ? null : raw.get("pay_amount"));
                        if (request.get("status").intValue() == 3 && payment.paidAt == null) {
                            payment.paidAt = at;
                        }
                    }
                }
            }
            default -> { } // an order is recorded only when the simulator accepts it itself
        }
    }

    private ObjectNode badField(String call, String thirdId, Instant at, String prefix, String field) {
        note(call, thirdId, at, prefix + "bad field " + field);
        return error(400, call.equals(PAY_STATUS) ? "third_id (string) and status (1..5) are required"
                : "missing field: " + field, INVALID_PARAMETER + ": " + field);
    }

    /** A refusal of the simulator's own: the documented code and msg, or production's code 500 and msg. */
    private ObjectNode error(int documentedCode, String documentedMsg, String productionMsg) {
        return dialect == Dialect.DOCUMENTED ? codeAnswer(documentedCode, documentedMsg)
                : codeAnswer(500, productionMsg);
    }

    /** In production {@code {"msg":msg,"code":code}}; documented {@code {"code":code,"msg":msg,"data":null}}. */
    private ObjectNode codeAnswer(int code, String msg) {
        if (dialect == Dialect.DOCUMENTED) {
            ObjectNode node = JSON.createObjectNode().put("code", code).put("msg", msg);
            node.putNull("data");
            return node;
        }
        return JSON.createObjectNode().put("msg", msg).put("code", code);
    }

    /**
     * {@code code} 200: in production {@code {"msg":"操作成功","code":200}} (its keys in that
     * order, its msg always Chinese), documented {@code {"code":200,"msg":"success"}}.
     */
    private ObjectNode success() {
        return dialect == Dialect.DOCUMENTED ? JSON.createObjectNode().put("code", 200).put("msg", "success")
                : JSON.createObjectNode().put("msg", PRODUCTION_SUCCESS).put("code", 200);
    }

    private synchronized void note(String call, String thirdId, Instant at, String outcome) {
        Received received = new Received(call, thirdId, at, outcome);
        all.add(received);
        if (call.equals(ORDER_DATA) && thirdId != null) {
            orders.computeIfAbsent(thirdId, k -> new Log()).history.add(received);
        }
    }

    private void noteRaw(String call, Request request, byte[] bytes, Instant at) {
        List<Header> headers = new ArrayList<>();
        boolean h2c = false;
        for (HttpField field : request.getHeaders()) {
            headers.add(new Header(field.getName(), field.getValue()));
            if (field.getName().equalsIgnoreCase("Upgrade") && field.getValue() != null
                    && field.getValue().toLowerCase(Locale.ROOT).contains("h2c")) {
                h2c = true;
            }
        }
        RawCall call1 = new RawCall(call, request.getMethod(), at,
                request.getConnectionMetaData().getHttpVersion().asString(), List.copyOf(headers),
                request.getHeaders().get(HttpHeader.USER_AGENT), h2c, new String(bytes, StandardCharsets.UTF_8));
        synchronized (this) {
            raw.add(call1);
        }
    }

    private void fault(Request request, Response response, Callback callback, Fault fault) throws IOException {
        switch (fault.kind()) {
            case HTTP -> {
                if (fault.msg() == null) {
                    answer(response, callback, fault.status(), "text/plain", "simulated HTTP " + fault.status());
                } else {
                    answer(response, callback, fault.status(), "application/json",
                            JSON.writeValueAsString(codeAnswer(fault.status(), fault.msg())));
                }
            }
            case CODE -> apiAnswer(response, callback, 200, JSON.writeValueAsString(codeAnswer(fault.status(),
                    fault.msg())));
            case ANSWER -> apiAnswer(response, callback, 200, fault.msg());
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
            case ANSWER -> "canned answer";
        };
    }

    // --- the sign, over the body as received

    /** By code point, as the rule says; {@link String#compareTo} orders UTF-16 units instead. */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private boolean verifySign(Map<String, String> values, String received) {
        String expected = values == null ? null : sign(values, systemName, fixedKey);
        return received != null && expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), received.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The top-level primitive values of a JSON object body as written, by field name in code
     * point order: strings as they are, numbers and booleans as their text in the body
     * ({@code 35.0}, {@code 35.00} and {@code 3.5e1} differ); {@code null}, objects and arrays
     * left out. {@code null} when {@code body} is not exactly one JSON object.
     */
    static Map<String, String> rawValues(byte[] body) {
        Map<String, String> values = new TreeMap<>(CODE_POINT_ORDER);
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        values.put(name, parser.getText());
                    case START_OBJECT, START_ARRAY -> parser.skipChildren();
                    default -> { } // null
                }
            }
            return parser.nextToken() == null ? values : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The manufacturer's {@code sign} of a body as received ({@link #rawValues(byte[])}): the
     * values concatenated, then {@code systemName}, then {@code fixedKey}; lowercase hex MD5.
     */
    static String sign(Map<String, String> rawValues, String systemName, String fixedKey) {
        StringBuilder text = new StringBuilder();
        rawValues.values().forEach(text::append);
        text.append(systemName).append(fixedKey);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** The {@code sign} of {@code body} exactly as written (a test client's helper; {@code null} if not one JSON object). */
    public static String sign(String body, String systemName, String fixedKey) {
        Map<String, String> values = rawValues(body.getBytes(StandardCharsets.UTF_8));
        return values == null ? null : sign(values, systemName, fixedKey);
    }

    /** An answer of the API itself: in production with nginx's headers and {@code application/json;charset=UTF-8}. */
    private void apiAnswer(Response response, Callback callback, int status, String body) {
        if (dialect == Dialect.DOCUMENTED) {
            answer(response, callback, status, "application/json", body);
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.SERVER, "nginx/1.20.1");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
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

    /**
     * A login token shaped like production's, an HS512 JWT ({@code eyJhbGciOiJIUzUxMiJ9.…}); its
     * signature is random, so it is unique and means nothing outside this simulator.
     */
    private String newToken(Instant at) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"" + MERCHANT_ID + "\",\"iat\":" + at.getEpochSecond() + ",\"exp\":"
                + at.plus(TOKEN_LIFETIME).getEpochSecond() + "}";
        return "eyJhbGciOiJIUzUxMiJ9." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(randomBytes(64));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /**
     * Standalone: {@code port account password fixedKey [systemName [production|documented]]};
     * runs until killed and prints its base URL. E.g. {@code java -cp target/test-classes:<test
     * classpath> …ManufacturerSimulator 18080 acc-factory pa55 fixed-key mobileShell}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ManufacturerSimulator <port> <account> <password> <fixedKey> [systemName"
                    + " [production|documented]]");
            System.exit(2);
        }
        ManufacturerSimulator simulator = new ManufacturerSimulator(Integer.parseInt(args[0]), args[1], args[2],
                args[3], args.length > 4 ? args[4] : "mobileShell",
                args.length > 5 ? Dialect.valueOf(args[5].toUpperCase(Locale.ROOT)) : Dialect.byDefault()).start();
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
