package com.pimpmycase.delivery;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An operator's "deliver this order now" (SPEC §9 {@code POST /api/orders/{third_id}/delivery/retry}):
 * a delivery that is not delivered and not in flight becomes due at once with a fresh giveUpAfter
 * clock, whatever its state, {@code off} included; with {@code force} a delivered one too (a forged
 * or mistaken status-update made it delivered). And {@code POST /api/deliveries/retry?state=failed}:
 * every failed delivery at once.
 */
public final class DeliveryRetries {

    /** What a retry request came to. */
    public sealed interface Outcome {
        record NotFound() implements Outcome {}
        record NotConfigured() implements Outcome {}
        record AlreadyDelivered() implements Outcome {}
        record BeingDelivered() implements Outcome {}
        record Blocked(String filename) implements Outcome {}
        record Started(DeliveryRecord record) implements Outcome {}
    }

    /** Why a retry was refused, as the API answers it (status and detail); the console shows the same. */
    public record Refusal(int status, String message) {}

    /** The refusal of {@code outcome} for order {@code thirdId}, or {@code null} when the retry started. */
    public static Refusal refusal(Outcome outcome, String thirdId) {
        if (outcome instanceof Outcome.Started) {
            return null;
        }
        if (outcome instanceof Outcome.NotFound) {
            return new Refusal(404, "Order not found");
        }
        if (outcome instanceof Outcome.NotConfigured) {
            return new Refusal(409, "Delivery to the manufacturer is not configured");
        }
        if (outcome instanceof Outcome.AlreadyDelivered) {
            return new Refusal(409, "Order " + thirdId + " is already delivered");
        }
        if (outcome instanceof Outcome.BeingDelivered) {
            return new Refusal(409, "Order " + thirdId + " is being delivered");
        }
        return new Refusal(409, "Image " + ((Outcome.Blocked) outcome).filename() + " is blocked");
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderEvents events;
    private final ImageBlocks blocks;
    private final boolean configured;
    private final Runnable wake;

    public DeliveryRetries(Jdbi jdbi, Clock clock, OrderEvents events, ImageBlocks blocks, boolean configured,
            Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.blocks = blocks;
        this.configured = configured;
        this.wake = wake;
    }

    /** @param by the API client (or operator) asking, for the order's timeline */
    public Outcome retry(String thirdId, String by) throws SQLException {
        return retry(thirdId, by, false);
    }

    /**
     * @param force re-send even a {@code delivered} order (SPEC §9 {@code ?force=true}: a forged or
     *     mistaken status-update made it delivered; the manufacturer de-duplicates on third_id)
     */
    public Outcome retry(String thirdId, String by, boolean force) throws SQLException {
        Outcome outcome = Transactions.inTransaction(jdbi, h -> retry(h, thirdId, by, force));
        if (outcome instanceof Outcome.Started) {
            wake.run();
        }
        return outcome;
    }

    private record Locked(String pic, DeliveryState state) {
    }

    private Outcome retry(Handle h, String thirdId, String by, boolean force) throws SQLException {
        Locked locked = h.createQuery("SELECT o.pic, d.state FROM orders o JOIN deliveries d ON d.third_id = o.third_id"
                + " WHERE o.third_id = :thirdId FOR UPDATE").bind("thirdId", thirdId)
                .map((rs, ctx) -> new Locked(rs.getString("pic"), DeliveryState.of(rs.getString("state"))))
                .findFirst().orElse(null);
        if (locked == null) {
            return new Outcome.NotFound();
        }
        DeliveryState state = locked.state();
        if (!configured) {
            return new Outcome.NotConfigured();
        }
        if (state == DeliveryState.DELIVERED && !force) {
            return new Outcome.AlreadyDelivered();
        }
        if (state == DeliveryState.DELIVERING) {
            return new Outcome.BeingDelivered();
        }
        if (blocks.isBlocked(locked.pic())) {
            return new Outcome.Blocked(locked.pic());
        }
        restart(h, thirdId);
        events.append(h, thirdId, OrderEventKind.DELIVERY_RETRY, (state == DeliveryState.DELIVERED
                ? "re-delivery forced by " : "requested by ") + by + " (was " + state.wireName() + ")");
        return new Outcome.Started(JdbcDeliveryRecords.of(h, thirdId));
    }

    /** Due now, with a fresh giveUpAfter clock; a forced re-delivery is no longer delivered. */
    private void restart(Handle h, String thirdId) {
        h.createUpdate("UPDATE deliveries SET state = 'pending', failures = 0, give_up_at = NULL, blocked_since = NULL,"
                + " delivered_at = NULL, next_attempt_at = :now, due_at = :now, lease_id = NULL, version = version + 1"
                + " WHERE third_id = :thirdId").bind("now", clock.instant()).bind("thirdId", thirdId).execute();
    }

    /** What re-driving every failed delivery came to: {@code null} when delivery is not configured. */
    public Integer retryFailed(String by) throws SQLException {
        if (!configured) {
            return null;
        }
        int retried = Transactions.inTransaction(jdbi, h -> retryFailed(h, by));
        if (retried > 0) {
            wake.run();
        }
        return retried;
    }

    private record Failed(String thirdId, String pic) {
    }

    /**
     * SPEC §9 {@code POST /api/deliveries/retry?state=failed}: every {@code failed} delivery due now
     * with a fresh clock, as one retry request each; one whose image is blocked stays failed (a
     * retry of it alone is refused, 409).
     */
    private int retryFailed(Handle h, String by) throws SQLException {
        List<Failed> failed = h.createQuery("SELECT d.third_id, o.pic FROM deliveries d JOIN orders o"
                + " ON o.third_id = d.third_id WHERE d.state = 'failed' ORDER BY d.order_seq FOR UPDATE")
                .map((rs, ctx) -> new Failed(rs.getString("third_id"), rs.getString("pic"))).list();
        int retried = 0;
        for (Failed order : failed) {
            if (blocks.isBlocked(order.pic())) {
                continue;
            }
            restart(h, order.thirdId());
            events.append(h, order.thirdId(), OrderEventKind.DELIVERY_RETRY,
                    "requested by " + by + " for every failed delivery (was failed)");
            retried++;
        }
        return retried;
    }
}
