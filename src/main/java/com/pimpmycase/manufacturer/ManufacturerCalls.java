package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.config.ManufacturerConfig;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * One call to the manufacturer's API at a time, as SPEC §9 says each is made: {@code POST} over
 * HTTP/1.1 with the protocol's headers and {@code sign}, the login token from {@link LoginTokens}
 * (a new login when there is none or it is {@code loginRenewAfter} old), and one repeat after a
 * fresh login when the answer says the token is no good. Every answer is classified by §9's table;
 * every message it produces is safe to log and show ({@link ManufacturerText}). Nothing is thrown
 * for what the manufacturer answers or for network trouble.
 *
 * <p>Thread-safe: the dispatcher's workers call it at once. One of this node's threads logs in at
 * a time; across nodes, the login lease in the database decides.
 */
final class ManufacturerCalls implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManufacturerCalls.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String LOGIN = "user/login";
    static final String PAY_DATA = "order/payData";
    static final String PAY_STATUS = "order/payStatus";
    static final String ORDER_DATA = "order/orderData";

    /** How often a node waiting for another node's login looks for the token it stores. */
    private static final long LOGIN_WAIT_POLL_MILLIS = 200;

    /** A call's outcome: {@code data} on success, else the attempt's result. */
    record Step(JsonNode data, AttemptResult failure, boolean paymentNotFound) {
        static Step failed(AttemptResult failure) {
            return new Step(null, failure, false);
        }

        boolean ok() {
            return failure == null;
        }
    }

    /** Logging in did not give a token: the attempt's result says why. */
    private static final class LoginFailed extends Exception {
        final transient AttemptResult result;

        LoginFailed(AttemptResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** One request and its answer, with the secrets it carried (for {@link ManufacturerText}). */
    private record Exchange(ManufacturerAnswer answer, String sign) {}

    private final ManufacturerConfig config;
    private final ManufacturerSign signer;
    private final ManufacturerText text;
    private final LoginTokens tokens;
    private final Clock clock;
    private final ManufacturerHttp http;
    private final Object loginLock = new Object();

    ManufacturerCalls(ManufacturerConfig config, Clock clock, LoginTokens tokens) {
        this.config = config;
        this.signer = new ManufacturerSign(config.systemName(), config.fixedKey());
        this.text = new ManufacturerText(config.secrets());
        this.tokens = tokens;
        this.clock = clock;
        this.http = new ManufacturerHttp(config.requestTimeout());
    }

    /** {@code path} with {@code body}: logged in first when needed, repeated once after a fresh login. */
    Step call(String path, ObjectNode body) throws InterruptedException {
        String prefix = prefix(path);
        String used;
        try {
            used = token(null);
        } catch (LoginFailed e) {
            return Step.failed(e.result);
        }
        Exchange exchange = post(path, body, used);
        if (exchange.answer().kind() == ManufacturerAnswer.Kind.AUTH) {
            try {
                used = token(used);
            } catch (LoginFailed e) {
                return Step.failed(e.result);
            }
            exchange = post(path, body, used);
            if (exchange.answer().kind() == ManufacturerAnswer.Kind.AUTH) {
                return Step.failed(new AttemptResult.RetryLater(true,
                        prefix + safe(exchange, used) + " again after a fresh login"));
            }
        }
        ManufacturerAnswer answer = exchange.answer();
        String message = prefix + safe(exchange, used);
        return switch (answer.kind()) {
            case SUCCESS -> new Step(answer.data(), null, false);
            case REJECTED -> new Step(null, new AttemptResult.Rejected(message), answer.paymentNotFound());
            case CONFIG -> new Step(null, new AttemptResult.Misconfigured(message, safe(exchange, used)),
                    answer.paymentNotFound());
            default -> new Step(null, new AttemptResult.RetryLater(false, message), answer.paymentNotFound());
        };
    }

    private static String prefix(String path) {
        return switch (path) {
            case PAY_DATA -> "payData: ";
            case PAY_STATUS -> "payStatus: ";
            default -> "";
        };
    }

    private String safe(Exchange exchange, String token) {
        String safe = text.safe(exchange.answer().message(), listOf(token, exchange.sign()));
        return safe == null ? "no message" : safe;
    }

    private static List<String> listOf(String... values) {
        List<String> list = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                list.add(v);
            }
        }
        return list;
    }

    // --- the login token: shared by every node through LoginTokens

    /**
     * A token younger than loginRenewAfter and other than {@code rejected} (a token the
     * manufacturer just refused), from the shared store, or from a new login when there is none.
     * While another node holds the login lease, waits for the token it stores.
     */
    private String token(String rejected) throws LoginFailed, InterruptedException {
        try {
            LoginTokens.Stored stored = tokens.current(); // the usual case: no lock needed
            if (fresh(stored) && !stored.token().equals(rejected)) {
                return stored.token();
            }
        } catch (SQLException e) {
            // answered below, under the lock
        }
        synchronized (loginLock) {
            long deadline = System.nanoTime() + config.requestTimeout().multipliedBy(2).plusSeconds(5).toNanos();
            while (true) {
                LoginTokens.Stored stored;
                String leaseId = UUID.randomUUID().toString();
                boolean leased;
                try {
                    stored = tokens.current();
                    if (fresh(stored) && !stored.token().equals(rejected)) {
                        return stored.token();
                    }
                    Instant now = clock.instant();
                    leased = tokens.lease(leaseId, now, now.plus(config.requestTimeout()).plusSeconds(5),
                            stored == null ? null : stored.token());
                } catch (SQLException e) {
                    LOG.warning("cannot read the manufacturer's login token from the database: " + e.getSQLState());
                    throw new LoginFailed(new AttemptResult.RetryLater(false, "the order database is unavailable"));
                }
                if (leased) {
                    return loginUnderLease(leaseId);
                }
                if (System.nanoTime() > deadline) {
                    throw new LoginFailed(new AttemptResult.RetryLater(true,
                            "login failed: another node is logging in and has stored no token yet"));
                }
                Thread.sleep(LOGIN_WAIT_POLL_MILLIS);
            }
        }
    }

    private boolean fresh(LoginTokens.Stored stored) {
        return stored != null && stored.token() != null && stored.obtainedAt() != null
                && Duration.between(stored.obtainedAt(), clock.instant()).compareTo(config.loginRenewAfter()) < 0;
    }

    private String loginUnderLease(String leaseId) throws LoginFailed, InterruptedException {
        LoginTokens.Stored got;
        try {
            got = login();
        } catch (LoginFailed | InterruptedException e) {
            try {
                tokens.release(leaseId);
            } catch (SQLException ignored) {
                // the lease expires by itself
            }
            throw e;
        }
        try {
            tokens.store(leaseId, got);
        } catch (SQLException e) {
            // This node can still use it; the others log in themselves.
            LOG.warning("cannot store the manufacturer's login token in the database: " + e.getSQLState());
        }
        return got.token();
    }

    private LoginTokens.Stored login() throws LoginFailed, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("account", config.account()).put("password", config.password());
        Instant started = clock.instant();
        Exchange exchange = post(LOGIN, body, null);
        ManufacturerAnswer answer = exchange.answer();
        if (answer.kind() != ManufacturerAnswer.Kind.SUCCESS) {
            String msg = safe(exchange, null);
            String message = "login failed: " + msg;
            if (answer.kind() == ManufacturerAnswer.Kind.CONFIG) {
                throw new LoginFailed(new AttemptResult.Misconfigured(message, msg)); // reported, at most every 5 min
            }
            LOG.warning(() -> "manufacturer API " + message);
            throw new LoginFailed(new AttemptResult.RetryLater(true, message));
        }
        JsonNode value = answer.data() == null ? null : answer.data().get("token");
        // The token goes into a header: printable ASCII only, or the request could not be built.
        if (value == null || !value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > 1000
                || !value.textValue().chars().allMatch(c -> c > ' ' && c < 127)) {
            LOG.warning("manufacturer API login failed: the answer has no usable data.token");
            throw new LoginFailed(new AttemptResult.RetryLater(true, "login failed: the answer has no usable data.token"));
        }
        LOG.info(() -> "logged in to the manufacturer API at " + config.baseUrl() + " as " + config.account());
        return new LoginTokens.Stored(value.textValue(), started);
    }

    // --- one HTTP exchange

    private Exchange post(String path, ObjectNode body, String loginToken) throws InterruptedException {
        String sign = signer.sign(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("req_source", config.reqSource());
        headers.put("sign", sign);
        if (loginToken != null) {
            headers.put("Authorization", loginToken);
        }
        ManufacturerHttp.Reply reply = http.post(URI.create(config.baseUrl() + "/" + path), bytes(body), headers);
        ManufacturerAnswer answer = reply.failure() != null
                ? ManufacturerAnswer.transientFailure(reply.failure())
                : ManufacturerAnswer.classify(reply.status(), reply.body(), config.messages());
        return new Exchange(answer, sign);
    }

    static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** Aborts the calls under way and shuts the connection pool and its threads. */
    @Override
    public void close() throws InterruptedException {
        http.close();
    }

    void stop(boolean awaitThreads) throws InterruptedException {
        http.stop(awaitThreads);
    }

    boolean threadsAlive() {
        return http.threadsAlive();
    }
}
