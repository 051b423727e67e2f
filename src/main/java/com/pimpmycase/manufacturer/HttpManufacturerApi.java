package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.order.OrderSubmission;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The manufacturer's API over HTTP (SPEC §9), one {@link #deliver} per attempt: log in when there
 * is no token or it is {@value #RENEW_AFTER_HOURS} h old, send {@code payStatus} (status 3) first
 * when asked, then {@code orderData}; a call answered 401/403 (HTTP or {@code code}) logs in again
 * and is repeated once. Every outcome becomes an {@link AttemptResult}; nothing is thrown.
 *
 * <p>Thread-safe: the dispatcher calls it from several threads. They share the login token, and
 * only one of them logs in at a time (the others wait for, then use, its token).
 *
 * <p>Secrets: the password, the fixed key, the login token and {@code sign} values go only into
 * request headers and bodies; messages are built from status codes, fixed words and the
 * manufacturer's {@code msg}, from which any of them is blanked out should it be echoed.
 */
public final class HttpManufacturerApi implements ManufacturerApi, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpManufacturerApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** §9: tokens are valid 24 h; renewing at 23 h leaves an hour for clocks and slow calls. */
    static final long RENEW_AFTER_HOURS = 23;
    /** The manufacturer answers a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    static final String LOGIN = "user/login";
    static final String PAY_STATUS = "order/payStatus";
    static final String ORDER_DATA = "order/orderData";

    private record LoginToken(String value, Instant obtainedAt) {}

    /** The login did not give a token; the message is safe to log. */
    private static final class LoginFailed extends Exception {
        LoginFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final ManufacturerConfig config;
    private final ManufacturerSign signer;
    private final Clock clock;
    private final ExecutorService executor;
    private final Set<Thread> clientThreads;
    private final Object loginLock = new Object();
    private volatile HttpClient http;
    private volatile LoginToken token;

    public HttpManufacturerApi(ManufacturerConfig config, Clock clock) {
        this.config = config;
        this.signer = new ManufacturerSign(config.systemName(), config.fixedKey());
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "pimpmycase-manufacturer-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        this.http = build(config.requestTimeout(), executor);
        this.clientThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .collect(Collectors.toSet());
    }

    /**
     * The JDK client starts its selector thread at once; it is built with the platform class
     * loader as context loader, so that thread never pins the web application's class loader
     * (and Tomcat's leak check does not count it as ours).
     */
    private static HttpClient build(Duration timeout, ExecutorService executor) {
        Thread current = Thread.currentThread();
        ClassLoader loader = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        } finally {
            current.setContextClassLoader(loader);
        }
    }

    @Override
    public AttemptResult deliver(OrderSubmission order, String picUrl, boolean notifyPaid) {
        try {
            if (notifyPaid) {
                ObjectNode paid = JSON.createObjectNode().put("third_id", order.thirdPayId()).put("status", 3);
                Call result = call(PAY_STATUS, paid);
                if (result.failure != null) {
                    return result.failure;
                }
            }
            Call result = call(ORDER_DATA, orderData(order, picUrl));
            if (result.failure != null) {
                return result.failure;
            }
            JsonNode data = result.data == null ? JSON.missingNode() : result.data;
            return new AttemptResult.Delivered(text(data.get("id")), text(data.get("queue_no")), text(data.get("status")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.RetryLater(false, "interrupted (the service is stopping)");
        }
    }

    /** Exactly the six order fields (§9), in the partner document's order. */
    static ObjectNode orderData(OrderSubmission order, String picUrl) {
        return JSON.createObjectNode()
                .put("third_pay_id", order.thirdPayId())
                .put("third_id", order.thirdId())
                .put("mobile_model_id", order.mobileModelId())
                .put("pic", picUrl)
                .put("device_id", order.deviceId())
                .put("mobile_shell_id", order.mobileShellId());
    }

    /** A call's outcome: {@code data} on success, else the attempt's result. */
    private record Call(JsonNode data, AttemptResult failure) {}

    /** One call, with the login before it when needed and the one repeat after a re-login. */
    private Call call(String path, ObjectNode body) throws InterruptedException {
        String prefix = path.equals(ORDER_DATA) ? "" : "payStatus: ";
        String used;
        try {
            used = currentToken();
        } catch (LoginFailed e) {
            return new Call(null, new AttemptResult.RetryLater(true, e.getMessage()));
        }
        ManufacturerAnswer answer = post(path, body, used);
        if (answer.kind() == ManufacturerAnswer.Kind.AUTH) {
            try {
                used = renewedToken(used);
            } catch (LoginFailed e) {
                return new Call(null, new AttemptResult.RetryLater(true, e.getMessage()));
            }
            answer = post(path, body, used);
            if (answer.kind() == ManufacturerAnswer.Kind.AUTH) {
                return new Call(null, new AttemptResult.RetryLater(true,
                        prefix + answer.message() + " again after a fresh login"));
            }
        }
        return switch (answer.kind()) {
            case SUCCESS -> new Call(answer.data(), null);
            case REJECTED -> new Call(null, new AttemptResult.Rejected(prefix + answer.message()));
            default -> new Call(null, new AttemptResult.RetryLater(false, prefix + answer.message()));
        };
    }

    // --- the login token: one login at a time, shared by every thread

    private String currentToken() throws LoginFailed, InterruptedException {
        LoginToken current = token;
        if (fresh(current)) {
            return current.value();
        }
        synchronized (loginLock) {
            current = token;
            return fresh(current) ? current.value() : login();
        }
    }

    /** After {@code rejected} was refused: a newer token another thread got meanwhile, or a new login. */
    private String renewedToken(String rejected) throws LoginFailed, InterruptedException {
        synchronized (loginLock) {
            LoginToken current = token;
            if (fresh(current) && !current.value().equals(rejected)) {
                return current.value();
            }
            token = null;
            return login();
        }
    }

    private boolean fresh(LoginToken t) {
        return t != null && Duration.between(t.obtainedAt(), clock.instant()).compareTo(Duration.ofHours(RENEW_AFTER_HOURS)) < 0;
    }

    /** Called holding {@link #loginLock}. */
    private String login() throws LoginFailed, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("account", config.account()).put("password", config.password());
        Instant started = clock.instant();
        ManufacturerAnswer answer = post(LOGIN, body, null);
        if (answer.kind() != ManufacturerAnswer.Kind.SUCCESS) {
            String message = "login failed: " + answer.message();
            LOG.warning(() -> "manufacturer API " + message);
            throw new LoginFailed(message);
        }
        JsonNode value = answer.data() == null ? null : answer.data().get("token");
        // The token goes into a header: printable ASCII only, or the request could not be built.
        if (value == null || !value.isTextual() || value.textValue().isEmpty()
                || !value.textValue().chars().allMatch(c -> c > ' ' && c < 127)) {
            LOG.warning("manufacturer API login failed: the answer has no usable data.token");
            throw new LoginFailed("login failed: the answer has no usable data.token");
        }
        token = new LoginToken(value.textValue(), started);
        LOG.info(() -> "logged in to the manufacturer API at " + config.baseUrl() + " as " + config.account());
        return value.textValue();
    }

    // --- one HTTP exchange

    private ManufacturerAnswer post(String path, ObjectNode body, String loginToken) throws InterruptedException {
        HttpClient client = http;
        if (client == null) {
            return ManufacturerAnswer.transientFailure("the client is closed (the service is stopping)");
        }
        Duration timeout = config.requestTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/" + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("req_source", config.reqSource())
                .header("sign", signer.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (loginToken != null) {
            request.header("Authorization", loginToken);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request.build(), LimitedBody.handler(MAX_ANSWER_BYTES));
        try {
            // One deadline for connect, answer and body together.
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ManufacturerAnswer.classify(response.statusCode(), response.body()).redacted(this::redact);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return ManufacturerAnswer.transientFailure(timedOut());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return ManufacturerAnswer.transientFailure(describe(e.getCause()));
        }
    }

    private String timedOut() {
        return "timeout after " + config.requestTimeout().toSeconds() + " s";
    }

    /** A few fixed words per failure: exception messages may carry anything. */
    private String describe(Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (failure instanceof LimitedBody.TooLargeException) {
            return "answer larger than " + MAX_ANSWER_BYTES + " bytes";
        }
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(' ');
        }
        String text = messages.toString().toLowerCase(Locale.ROOT);
        if (failure instanceof ConnectException) {
            // The JDK client's ConnectException often has no message at all; a timeout is caught above.
            return "connection refused";
        }
        if (failure instanceof IOException) {
            return text.contains("reset") || text.contains("closed") || text.contains("eof")
                    || text.contains("no bytes") ? "connection reset" : "I/O error (" + failure.getClass().getSimpleName() + ")";
        }
        LOG.log(Level.WARNING, "unexpected failure calling the manufacturer API: {0}", failure.getClass().getName());
        return "unexpected failure (" + failure.getClass().getSimpleName() + ")";
    }

    /** The manufacturer's msg, should it echo one of our secrets. */
    private String redact(String message) {
        String result = message;
        LoginToken current = token;
        for (String secret : new String[] {config.password(), config.fixedKey(), current == null ? null : current.value()}) {
            if (secret != null && secret.length() >= 4 && result.contains(secret)) {
                result = result.replace(secret, "***");
            }
        }
        return result;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    /**
     * Stops the client's threads. On Java 21+ the JDK client closes itself; on 17 its selector
     * thread ends once the client is unreachable, so the reference is dropped and a collection
     * requested, waiting for that thread to go (it looks every 3 s; undeploy must leave no thread
     * behind, and its context class loader is not the application's, see {@link #build}).
     */
    @Override
    public void close() throws InterruptedException {
        stop(true);
    }

    /** {@link #close()}, optionally without waiting for the JDK's selector thread (tests). */
    void stop(boolean awaitThreads) throws InterruptedException {
        HttpClient client = http;
        http = null;
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing the HTTP client", e);
            }
        }
        client = null;
        executor.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(awaitThreads ? 5 : 0);
        while (clientThreads.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        executor.awaitTermination(awaitThreads ? 1 : 0, TimeUnit.SECONDS);
    }

    /** Whether a thread of the JDK client is still alive (after {@link #close()}: none). */
    boolean threadsAlive() {
        return clientThreads.stream().anyMatch(Thread::isAlive) || !executor.isTerminated();
    }

    @Override
    public String toString() {
        return "HttpManufacturerApi[" + config.baseUrl() + "]";
    }
}
