package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.order.PayAmount;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One delivery attempt over HTTP (SPEC §9): the payment steps of the configured
 * {@code paymentFlow}, then {@code orderData}. The first answer that is not a success ends the
 * attempt and classifies it; every outcome is an {@link AttemptResult}, nothing is thrown.
 *
 * <ul>
 *   <li>{@code none}: {@code orderData} only.
 *   <li>{@code payStatus}: {@code payStatus} status 3 for the order's {@code third_pay_id}, then
 *       {@code orderData}, on every attempt.
 *   <li>{@code payData}: once per {@code third_pay_id} ({@link PaymentRegistrations}): {@code payData}
 *       → the manufacturer's payment id, {@code payStatus} with the amount; then, once
 *       {@code payStatusSettleSeconds} have passed since that {@code payStatus}, {@code orderData}
 *       whose {@code third_pay_id} is the payment id. A retry resumes at the first step not yet
 *       answered with success.
 * </ul>
 */
public final class HttpManufacturerApi implements ManufacturerApi, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpManufacturerApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** §4's id rule: the payment id goes into orderData and our database. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * "Payment information does not exist" this soon after our {@code payStatus} is the
     * manufacturer still settling the payment (§9): transient, whatever the message lists say.
     */
    static final Duration SETTLING_WINDOW = Duration.ofMinutes(5);

    /** Waits between payStatus and orderData; a test's can be instant. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ManufacturerConfig config;
    private final Clock clock;
    private final ManufacturerCalls calls;
    private final PaymentRegistrations payments;
    private final Sleeper sleeper;
    private final DatabaseThread database = new DatabaseThread();

    /** With the login token and payment registrations in memory (one node: tests and tools). */
    public HttpManufacturerApi(ManufacturerConfig config, Clock clock) {
        this(config, clock, LoginTokens.inMemory(), PaymentRegistrations.inMemory(),
                d -> Thread.sleep(d.toMillis()));
    }

    public HttpManufacturerApi(ManufacturerConfig config, Clock clock, LoginTokens tokens,
            PaymentRegistrations payments, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.calls = new ManufacturerCalls(config, clock, database.around(tokens));
        this.payments = database.around(payments);
        this.sleeper = sleeper;
    }

    @Override
    public AttemptResult deliver(OrderSubmission order, String picUrl) {
        try {
            if (!config.registersPayment()) {
                return orderData(order, picUrl, order.thirdPayId(), null, false);
            }
            if (config.paymentFlow() == ManufacturerConfig.PaymentFlow.PAY_STATUS) {
                ManufacturerCalls.Step paid = calls.call(ManufacturerCalls.PAY_STATUS, JSON.createObjectNode()
                        .put("third_id", order.thirdPayId()).put("status", 3));
                if (!paid.ok()) {
                    return paid.failure();
                }
                return orderData(order, picUrl, order.thirdPayId(), null, true);
            }
            if (order.payAmount() == null) {
                return new AttemptResult.Rejected("pay_amount missing");
            }
            Registered registered = registerPayment(order);
            if (registered.failure() != null) {
                return registered.failure();
            }
            Instant payStatusAt = registered.registration().payStatusAt();
            Duration wait = Duration.between(clock.instant(), payStatusAt.plus(config.payStatusSettle()));
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
            boolean settling = Duration.between(payStatusAt, clock.instant()).compareTo(SETTLING_WINDOW) < 0;
            return orderData(order, picUrl, registered.registration().manufacturerPaymentId(),
                    registered.registration().manufacturerPaymentId(), settling);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.RetryLater(false, "interrupted (the service is stopping)");
        }
    }

    private AttemptResult orderData(OrderSubmission order, String picUrl, String thirdPayId, String paymentId,
            boolean afterPayStatus) throws InterruptedException {
        ManufacturerCalls.Step result = calls.call(ManufacturerCalls.ORDER_DATA, orderDataBody(order, picUrl, thirdPayId));
        if (!result.ok()) {
            return afterPayStatus && result.paymentNotFound() ? settlingRace(result.failure()) : result.failure();
        }
        JsonNode data = result.data() == null ? JSON.missingNode() : result.data();
        return new AttemptResult.Delivered(text(data.get("id")), text(data.get("queue_no")), text(data.get("status")),
                paymentId);
    }

    /** The same message, as the transient failure it is (§9). */
    private static AttemptResult settlingRace(AttemptResult failure) {
        return new AttemptResult.RetryLater(false, failure.message() + " (the payment is still settling)");
    }

    /** Exactly the six order fields (§9), in the partner document's order. */
    static ObjectNode orderDataBody(OrderSubmission order, String picUrl, String thirdPayId) {
        return JSON.createObjectNode()
                .put("third_pay_id", thirdPayId)
                .put("third_id", order.thirdId())
                .put("mobile_model_id", order.mobileModelId())
                .put("pic", picUrl)
                .put("device_id", order.deviceId())
                .put("mobile_shell_id", order.mobileShellId());
    }

    /** The registration of the order's payment, or the failure that ended the attempt. */
    private record Registered(PaymentRegistrations.Registration registration, AttemptResult failure) {}

    private Registered registerPayment(OrderSubmission order) throws InterruptedException {
        String thirdPayId = order.thirdPayId();
        String leaseId = UUID.randomUUID().toString();
        try {
            PaymentRegistrations.Registration registration = payments.find(thirdPayId);
            if (registration.complete()) {
                return new Registered(registration, null);
            }
            Instant now = clock.instant();
            // Up to two calls, each with a login and a repeat: the lease outlasts them all.
            Instant until = now.plus(config.requestTimeout().multipliedBy(6)).plusSeconds(10);
            if (!payments.lease(thirdPayId, leaseId, now, until)) {
                return new Registered(null, new AttemptResult.RetryLater(false,
                        "payment " + thirdPayId + " is being registered by another attempt"));
            }
            try {
                return registerUnderLease(order, payments.find(thirdPayId));
            } finally {
                payments.release(thirdPayId, leaseId);
            }
        } catch (SQLException e) {
            LOG.warning("cannot read or write the payment registration of " + thirdPayId + ": " + e.getSQLState());
            return new Registered(null, new AttemptResult.RetryLater(false, "the order database is unavailable"));
        }
    }

    private Registered registerUnderLease(OrderSubmission order, PaymentRegistrations.Registration found)
            throws InterruptedException, SQLException {
        String thirdPayId = order.thirdPayId();
        PaymentRegistrations.Registration registration = found;
        boolean payDataJustDone = false;
        if (registration.payDataAt() == null) {
            ManufacturerCalls.Step registered = calls.call(ManufacturerCalls.PAY_DATA, JSON.createObjectNode()
                    .put("mobile_model_id", order.mobileModelId())
                    .put("device_id", order.deviceId())
                    .put("third_id", thirdPayId)
                    .put("pay_amount", PayAmount.forWire(order.payAmount()))
                    .put("pay_type", order.payType() != null ? order.payType() : config.payType()));
            if (!registered.ok()) {
                return new Registered(null, registered.failure());
            }
            String paymentId = registered.data() == null ? null : text(registered.data().get("id"));
            if (paymentId == null || !ID.matcher(paymentId).matches()) {
                return new Registered(null, new AttemptResult.RetryLater(false,
                        "payData: the answer has no usable data.id"));
            }
            Instant at = clock.instant();
            payments.payDataDone(thirdPayId, paymentId, at);
            registration = new PaymentRegistrations.Registration(paymentId, at, registration.payStatusAt());
            payDataJustDone = true;
        }
        if (registration.payStatusAt() == null) {
            ManufacturerCalls.Step paid = calls.call(ManufacturerCalls.PAY_STATUS, JSON.createObjectNode()
                    .put("third_id", thirdPayId)
                    .put("status", 3)
                    .put("pay_amount", PayAmount.forWire(order.payAmount())));
            if (!paid.ok()) {
                return new Registered(null, payDataJustDone && paid.paymentNotFound()
                        ? settlingRace(paid.failure()) : paid.failure());
            }
            Instant at = clock.instant();
            payments.payStatusDone(thirdPayId, at);
            registration = new PaymentRegistrations.Registration(registration.manufacturerPaymentId(),
                    registration.payDataAt(), at);
        }
        return new Registered(registration, null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    /** Aborts the calls under way, shuts the connection pool; no thread of the client is left. */
    @Override
    public void close() throws InterruptedException {
        stop(true);
    }

    /** {@link #close()}, optionally without waiting for the client's threads to end (tests). */
    void stop(boolean awaitThreads) throws InterruptedException {
        calls.stop(awaitThreads);
        database.close();
    }

    /** Whether a thread of the client is still alive (after {@link #close()}: none). */
    boolean threadsAlive() {
        return calls.threadsAlive() || !database.terminated();
    }

    @Override
    public String toString() {
        return "HttpManufacturerApi[" + config.baseUrl() + ", paymentFlow=" + config.paymentFlow().wireName() + "]";
    }
}
