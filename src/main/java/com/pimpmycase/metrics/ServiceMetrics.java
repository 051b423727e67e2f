package com.pimpmycase.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

/**
 * The series of SPEC §11, in one Prometheus registry per deployment. Every labelled series is
 * created here, once, for every value its label can take (configured partner types, refusal
 * types, outcomes, routes): the series exist at zero before anything happens, a client cannot
 * create one (anything unconfigured counts as {@code partner_type="unknown"}), and the request
 * path only indexes an array or looks up a map, never the registry.
 *
 * <p>Imports no feature package: the composition root hands in the label values and tells each
 * feature what to count.
 */
public final class ServiceMetrics implements AutoCloseable {

    /** The partner type of a refusal whose token names no configured type (or has none). */
    public static final String UNKNOWN = "unknown";

    /** What an image request ended as: {@code pimpmycase_image_requests_total{outcome}}. */
    public enum ImageOutcome {
        /** 200 or 206. */
        SERVED,
        NOT_MODIFIED,
        /** 422: a token refusal. */
        REFUSED,
        NOT_FOUND,
        /** 400, 405, 412, 416. */
        BAD_REQUEST,
        /** 5xx. */
        ERROR;

        final String label = name().toLowerCase(Locale.ROOT);

        /** What an image request answered with {@code status} ended as: the one mapping of SPEC §11. */
        public static ImageOutcome of(int status) {
            return switch (status) {
                case 200, 206 -> SERVED;
                case 304 -> NOT_MODIFIED;
                case 422 -> REFUSED;
                case 404 -> NOT_FOUND;
                default -> status >= 500 ? ERROR : BAD_REQUEST;
            };
        }
    }

    /** Which part of the service answered: the {@code route} of the duration histogram. */
    public enum Route {
        IMAGE, PREVIEW, API, CONSOLE, HEALTH, OTHER;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** SPEC §9's delivery states: {@code pimpmycase_deliveries{state}} (zero until deliveries exist). */
    public enum DeliveryState {
        OFF, AWAITING_PAYMENT, PENDING, DELIVERING, DELIVERED, REJECTED, FAILED;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** How a delivery attempt ended: {@code pimpmycase_delivery_attempts_total{result}}. */
    public enum DeliveryResult {
        DELIVERED, REJECTED, TRANSIENT, AUTH, CONFIG;

        final String label = name().toLowerCase(Locale.ROOT);

        /** The {@code result} label value (also the dashboard's). */
        public String label() {
            return label;
        }
    }

    /** The manufacturer's webhooks (SPEC §9): the {@code webhook} label of {@code pimpmycase_webhook_calls_total}. */
    public enum Webhook {
        PAY_STATUS("payStatus"), STATUS_UPDATE("status-update");

        final String label;

        Webhook(String label) {
            this.label = label;
        }
    }

    /** How a webhook call ended: the {@code outcome} label of {@code pimpmycase_webhook_calls_total}. */
    public enum WebhookOutcome {
        ACCEPTED,
        /** A replay of an earlier status report, or a paid payment reported pending again: answered 200, not applied. */
        IGNORED,
        UNAUTHORIZED,
        /** 400, 405, 413. */
        INVALID,
        /** 409. */
        CONFLICT,
        UNKNOWN_ORDER,
        /** Delivery is not configured (404). */
        OFF;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /**
     * Told about the events the console's hourly counts keep (SPEC §12): one hook where every image
     * outcome, token refusal and delivery attempt already passes, so nothing else is instrumented
     * twice. Called on the request thread: an implementation only adds in memory.
     */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void imageRequest(ImageOutcome outcome) {
        }

        default void tokenRefused(String type) {
        }

        default void deliveryAttempt(DeliveryResult result) {
        }
    }

    /**
     * Histogram buckets: few, so the exposition stays small; from a cached image (a few ms) to a
     * slow client taking a large one (seconds).
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] imageRequests = new Counter[ImageOutcome.values().length];
    /** refusal type → partner type (configured ones and {@link #UNKNOWN}) → counter. */
    private final Map<String, Map<String, Counter>> tokenRefusals = new HashMap<>();
    private final Counter imageBytesSent;
    private final Timer[] durations = new Timer[Route.values().length];
    private final Counter ordersStored;
    private final AtomicLongArray deliveries = new AtomicLongArray(DeliveryState.values().length);
    private final AtomicLongArray oldestPendingSeconds = new AtomicLongArray(1);
    private final Counter[] deliveryAttempts = new Counter[DeliveryResult.values().length];
    private final Counter[][] webhookCalls = new Counter[Webhook.values().length][WebhookOutcome.values().length];
    /** Registers notification listeners with the JVM's collectors: removed on {@link #close()}. */
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private volatile Observer observer = Observer.NONE;

    /**
     * @param refusalTypes every {@code type} of a token refusal (SPEC §3's 422 types, {@code missing} included)
     * @param partnerTypes the configured partner types
     */
    public ServiceMetrics(Collection<String> refusalTypes, Collection<String> partnerTypes) {
        for (ImageOutcome outcome : ImageOutcome.values()) {
            imageRequests[outcome.ordinal()] = Counter.builder("pimpmycase.image.requests")
                    .description("Image requests by outcome").tag("outcome", outcome.label).register(registry);
        }
        Set<String> partners = new LinkedHashSet<>(partnerTypes);
        partners.add(UNKNOWN);
        for (String type : refusalTypes) {
            Map<String, Counter> byPartner = new HashMap<>();
            for (String partner : partners) {
                byPartner.put(partner, Counter.builder("pimpmycase.token.refusals")
                        .description("Refused image and preview requests by refusal type and partner type")
                        .tag("type", type).tag("partner_type", partner).register(registry));
            }
            tokenRefusals.put(type, Map.copyOf(byPartner));
        }
        imageBytesSent = Counter.builder("pimpmycase.image.bytes.sent")
                .description("Image body bytes handed to the container (or to sendfile)").register(registry);
        for (Route route : Route.values()) {
            durations[route.ordinal()] = Timer.builder("pimpmycase.http.request.duration")
                    .description("Time to answer a request, by route").tag("route", route.label)
                    .serviceLevelObjectives(BUCKETS).register(registry);
        }
        ordersStored = Counter.builder("pimpmycase.orders.stored").description("Orders stored (201)")
                .register(registry);
        for (DeliveryState state : DeliveryState.values()) {
            Gauge.builder("pimpmycase.deliveries", () -> deliveries.get(state.ordinal()))
                    .description("Orders per delivery state").tag("state", state.label).strongReference(true)
                    .register(registry);
        }
        Gauge.builder("pimpmycase.delivery.oldest.pending", () -> oldestPendingSeconds.get(0))
                .description("Age of the oldest pending delivery").baseUnit("seconds").strongReference(true)
                .register(registry);
        for (DeliveryResult result : DeliveryResult.values()) {
            deliveryAttempts[result.ordinal()] = Counter.builder("pimpmycase.delivery.attempts")
                    .description("Delivery attempts by result").tag("result", result.label).register(registry);
        }
        for (Webhook webhook : Webhook.values()) {
            for (WebhookOutcome outcome : WebhookOutcome.values()) {
                webhookCalls[webhook.ordinal()][outcome.ordinal()] = Counter.builder("pimpmycase.webhook.calls")
                        .description("Calls of the manufacturer's webhooks by webhook and outcome")
                        .tag("webhook", webhook.label).tag("outcome", outcome.label).register(registry);
            }
        }
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** From now on also tells {@code observer} (one at a time; the composition root sets it at start). */
    public void observeWith(Observer observer) {
        this.observer = observer;
    }

    public void imageRequest(ImageOutcome outcome) {
        imageRequests[outcome.ordinal()].increment();
        observer.imageRequest(outcome);
    }

    /**
     * One refused image or preview request.
     *
     * @param partnerType the token's partner type, {@code null} when there was no parsable token;
     *     counted as {@link #UNKNOWN} unless configured
     */
    public void tokenRefused(String type, String partnerType) {
        Map<String, Counter> byPartner = tokenRefusals.get(type);
        if (byPartner == null) {
            throw new IllegalArgumentException("not a token refusal type: " + type);
        }
        Counter counter = partnerType == null ? null : byPartner.get(partnerType);
        (counter == null ? byPartner.get(UNKNOWN) : counter).increment();
        observer.tokenRefused(type);
    }

    public void imageBytesSent(long bytes) {
        if (bytes > 0) {
            imageBytesSent.increment(bytes);
        }
    }

    public void requestTook(Route route, long nanos) {
        durations[route.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    public void orderStored() {
        ordersStored.increment();
    }

    /** For the delivery outbox (SPEC §9): how many orders are in {@code state} now. */
    public void deliveries(DeliveryState state, long orders) {
        deliveries.set(state.ordinal(), orders);
    }

    /** For the delivery outbox: age of the oldest pending delivery, 0 when none. */
    public void oldestPendingDelivery(long seconds) {
        oldestPendingSeconds.set(0, seconds);
    }

    public void deliveryAttempt(DeliveryResult result) {
        deliveryAttempts[result.ordinal()].increment();
        observer.deliveryAttempt(result);
    }

    public void webhookCall(Webhook webhook, WebhookOutcome outcome) {
        webhookCalls[webhook.ordinal()][outcome.ordinal()].increment();
    }

    /**
     * The embedded connection pool as Micrometer's JDBC pool metrics name it
     * ({@code jdbc_connections_active}, {@code jdbc_connections_max}).
     */
    public void connectionPool(String name, IntSupplier active, IntSupplier max) {
        Gauge.builder("jdbc.connections.active", active::getAsInt).description("Connections in use")
                .tag("name", name).strongReference(true).register(registry);
        Gauge.builder("jdbc.connections.max", max::getAsInt).description("Most connections the pool opens")
                .tag("name", name).strongReference(true).register(registry);
    }

    /** Writes every series in the Prometheus text format (version 0.0.4). */
    public void scrape(OutputStream out) throws IOException {
        registry.scrape(out);
    }

    /** The media type of {@link #scrape}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
