package com.pimpmycase.manufacturer;

import com.pimpmycase.config.ServiceVersion;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of the manufacturer's API: {@code POST}s of JSON over HTTP/1.1 only (as the
 * manufacturer's proven client speaks: no {@code Upgrade}, no ALPN h2), with Apache HttpClient 5
 * (classic) over a connection pool sized for the delivery workers. One deadline,
 * {@code requestTimeout}, for connect, answer and body together; answers up to
 * {@link #MAX_ANSWER_BYTES}. Nothing is thrown for network trouble: a {@link Reply} carries it in
 * words safe to show ({@link NetworkFailures}).
 *
 * <p>Each exchange runs on a thread of this class while the caller waits: a thread blocked in a
 * socket read ignores interrupts, and the dispatcher interrupts a worker to abandon its attempt;
 * the waiting caller sees the interrupt (or the deadline) and aborts the request, which closes its
 * connection. {@link #close()} shuts the pool and those threads; the client starts no thread of its
 * own (no idle eviction: a connection idle for a while is checked before it is reused instead).
 */
final class ManufacturerHttp implements AutoCloseable {

    /** The delivery workers (SPEC §9): one connection each. */
    static final int MAX_CONNECTIONS = 8;
    /** The manufacturer answers a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 1 << 20;
    static final String USER_AGENT = "PimpMyCase-ImageService/" + ServiceVersion.get();
    /** Exactly {@code application/json}, no charset parameter (the proven client's header). */
    private static final ContentType JSON = ContentType.create("application/json");
    /** A pooled connection idle this long is checked before reuse: the server may have closed it. */
    private static final TimeValue CHECK_IDLE_AFTER = TimeValue.ofSeconds(1);
    private static final String CLOSED = "the client is closed (the service is stopping)";

    /** An answer ({@code failure} null: its status and body) or the words for why there was none. */
    record Reply(int status, byte[] body, String failure) {
        static Reply failed(String failure) {
            return new Reply(0, null, failure);
        }
    }

    private final Duration timeout;
    private final CloseableHttpClient client;
    private final ExecutorService exchanges;
    private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ManufacturerHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = client(Timeout.of(timeout));
        AtomicInteger count = new AtomicInteger();
        this.exchanges = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "pimpmycase-manufacturer-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static CloseableHttpClient client(Timeout timeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .setValidateAfterInactivity(CHECK_IDLE_AFTER)
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom()
                                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                                .setHandshakeTimeout(timeout)
                                .build())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(defaultTls()))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setRedirectsEnabled(false)
                        .build())
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableAutomaticRetries() // a POST is never repeated behind the caller's back
                .disableContentCompression() // no Accept-Encoding: the answers are tiny
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** The JVM's TLS settings (trust store, protocols), as the JDK's client used. */
    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /**
     * {@code body} to {@code uri} with {@code headers}, waiting at most the timeout.
     *
     * @throws InterruptedException when the caller is interrupted; its request is aborted first
     */
    Reply post(URI uri, byte[] body, Map<String, String> headers) throws InterruptedException {
        if (Thread.interrupted()) { // abandoned already (the interrupt kept by DatabaseThread): send nothing
            throw new InterruptedException();
        }
        HttpPost request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, JSON));
        Future<Reply> exchange;
        try {
            if (closed) {
                throw new RejectedExecutionException();
            }
            exchange = exchanges.submit(() -> send(request));
        } catch (RejectedExecutionException e) {
            return Reply.failed(CLOSED);
        }
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort();
            return Reply.failed(NetworkFailures.timedOut(timeout));
        } catch (InterruptedException e) {
            request.abort();
            throw e;
        } catch (ExecutionException e) {
            return Reply.failed(NetworkFailures.describe(e.getCause(), timeout));
        }
    }

    private Reply send(HttpPost request) {
        inFlight.add(request);
        try {
            return client.execute(request, response -> new Reply(response.getCode(),
                    LimitedBody.read(response, MAX_ANSWER_BYTES, request::abort), null));
        } catch (IOException e) {
            return Reply.failed(NetworkFailures.describe(e, timeout));
        } catch (IllegalStateException e) {
            if (closed) { // the pool was shut while this exchange started
                return Reply.failed(CLOSED);
            }
            throw e;
        } finally {
            inFlight.remove(request);
        }
    }

    /** Aborts the exchanges under way, closes every connection and waits for this class's threads. */
    @Override
    public void close() throws InterruptedException {
        stop(true);
    }

    /** {@link #close()}; {@code awaitThreads} false does not wait for the threads to end. */
    void stop(boolean awaitThreads) throws InterruptedException {
        closed = true;
        exchanges.shutdown();
        inFlight.forEach(HttpPost::abort);
        client.close(CloseMode.IMMEDIATE);
        if (awaitThreads) {
            exchanges.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Whether a thread of this client is still alive (after {@link #close()}: none). */
    boolean threadsAlive() {
        return !exchanges.isTerminated();
    }
}
