package com.pimpmycase.delivery;

import com.pimpmycase.db.Sql;
import com.pimpmycase.manufacturer.AttemptResult;
import com.pimpmycase.manufacturer.RetryDelays;
import com.pimpmycase.order.OrderEventKind;
import java.time.Duration;
import java.time.Instant;

/**
 * SPEC §9's delivery policy as plain values, the one home of its arithmetic and wording: what a
 * due delivery comes to before an attempt (it waits while its image is blocked, fails once
 * giveUpAfter has passed, or is claimed), and what an attempt's result writes to the row and the
 * order's timeline. No SQL and no clock: {@link DeliveryClaims} reads the row and the time, asks
 * here, and {@link DeliveryTable} writes the answer.
 */
public final class DeliveryTransition {

    static final String IMAGE_BLOCKED = "image blocked";
    /** A blocked image is looked at again this often, so a lifted block is noticed within 5 s (SPEC §10). */
    static final Duration BLOCKED_RECHECK = Duration.ofSeconds(2);
    static final int MAX_ERROR = 500;
    /** The columns {@code manufacturer_order_id} and {@code queue_no}. */
    static final int MAX_ID = 64;

    /** An entry of the order's timeline. */
    public record Event(OrderEventKind kind, String detail) {
    }

    /** What a due delivery comes to before any attempt. */
    public sealed interface Start {
    }

    /**
     * Its image is blocked (SPEC §10): no attempt; it waits with last_error {@code image blocked},
     * its giveUpAfter clock paused from {@code since} (an earlier pause keeps its start), and is
     * looked at again at {@code recheckAt}, so it goes out soon after the block is lifted.
     */
    public record Pause(Instant since, Instant recheckAt, String lastError) implements Start {
    }

    /** giveUpAfter has passed since its first attempt: failed, with no attempt (SPEC §9). */
    public record GiveUp(Event event) implements Start {
    }

    /** Attempt it under a claim until {@code leaseUntil}; {@code giveUpAt} pushed back by any pause. */
    public record Attempt(Instant giveUpAt, Instant leaseUntil) implements Start {
    }

    /**
     * The row an attempt's result leaves. {@code delivered} is {@code null} but for a delivered
     * answer, whose values are written too.
     */
    public record Row(DeliveryState state, int failures, String lastError, Instant nextAttemptAt, Instant dueAt,
            Instant blockedSince, long picExpiresAt, Handover delivered) {
    }

    /**
     * What a delivered answer records. A {@code null} payment id, status or status time keeps the
     * recorded one (a status-update may have come first).
     */
    public record Handover(Instant deliveredAt, String manufacturerOrderId, String queueNo,
            String manufacturerPaymentId, Integer manufacturerStatus, Instant manufacturerStatusAt) {
    }

    /**
     * An attempt's result: its row, the {@code delivery_attempt} event (written in any case) and the
     * event of its outcome ({@code delivered}, {@code rejected}, {@code failed}; {@code null} when
     * none), written only with the row.
     */
    public record Finish(Row row, Event attempt, Event outcome) {
    }

    private final Duration leaseTime;
    private final Duration giveUpAfter;
    private final RetryDelays retryDelays;

    public DeliveryTransition(Duration leaseTime, Duration giveUpAfter, RetryDelays retryDelays) {
        this.leaseTime = leaseTime;
        this.giveUpAfter = giveUpAfter;
        this.retryDelays = retryDelays;
    }

    public Duration leaseTime() {
        return leaseTime;
    }

    /** What {@code due} comes to at {@code now}: blocked first, then giveUpAfter, else an attempt. */
    public Start start(DeliveryClaims.Candidate due, boolean imageBlocked, Instant now) {
        if (imageBlocked) {
            return new Pause(now, now.plus(BLOCKED_RECHECK), IMAGE_BLOCKED);
        }
        if (isPastGivingUp(due, now)) {
            return new GiveUp(failed());
        }
        return attempt(due, now);
    }

    /** The claim of an attempt of {@code due} starting at {@code now}. */
    Attempt attempt(DeliveryClaims.Candidate due, Instant now) {
        Instant giveUpAt;
        if (due.giveUpAt() == null) {
            giveUpAt = now.plus(giveUpAfter); // the first attempt starts the clock
        } else if (due.blockedSince() != null && due.blockedSince().isBefore(now)) {
            giveUpAt = due.giveUpAt().plus(Duration.between(due.blockedSince(), now)); // paused meanwhile
        } else {
            giveUpAt = due.giveUpAt();
        }
        return new Attempt(giveUpAt, now.plus(leaseTime));
    }

    /**
     * SPEC §9: no attempt starts once giveUpAfter has passed since the first attempt. A paused
     * clock (blocked image, configuration problem) has not run out: the claim pushes it back.
     */
    public boolean isPastGivingUp(DeliveryClaims.Candidate due, Instant now) {
        return due.giveUpAt() != null && due.blockedSince() == null && !now.isBefore(due.giveUpAt());
    }

    /**
     * What {@code result} of {@code claim}'s attempt, ended at {@code end}, writes.
     *
     * @param picExpiresAt the {@code exp} of the link the attempt handed over
     */
    public Finish finish(DeliveryClaims.Claim claim, AttemptResult result, long picExpiresAt, Instant end) {
        Event attempt = new Event(OrderEventKind.DELIVERY_ATTEMPT, "attempt " + claim.attempt() + ": " + describe(result));
        if (result instanceof AttemptResult.Delivered delivered) {
            Integer status = parseStatus(delivered.status());
            Handover handover = new Handover(end, Sql.clip(delivered.manufacturerOrderId(), MAX_ID),
                    Sql.clip(delivered.queueNo(), MAX_ID), delivered.manufacturerPaymentId(), status,
                    status == null ? null : end);
            return new Finish(new Row(DeliveryState.DELIVERED, claim.failures(), null, null, null, null, picExpiresAt,
                    handover), attempt, new Event(OrderEventKind.DELIVERED, "manufacturer order "
                            + delivered.manufacturerOrderId() + ", queue " + delivered.queueNo()));
        }
        if (result instanceof AttemptResult.Rejected rejected) {
            return new Finish(new Row(DeliveryState.REJECTED, claim.failures(), Sql.clip(rejected.message(), MAX_ERROR),
                    null, null, null, picExpiresAt, null), attempt,
                    new Event(OrderEventKind.REJECTED, rejected.message()));
        }
        int failures = claim.failures() + 1;
        Instant next = end.plus(retryDelays.delay(failures));
        String error = Sql.clip(result.message(), MAX_ERROR);
        if (result instanceof AttemptResult.Misconfigured) {
            // Our configuration is wrong for every order: the giveUpAfter clock pauses until the
            // next attempt (start() pushes give_up_at back by the pause), so the backlog waits
            // for the configuration to be fixed instead of failing.
            return new Finish(new Row(DeliveryState.PENDING, failures, error, next, next, end, picExpiresAt, null),
                    attempt, null);
        }
        if (!end.isBefore(claim.giveUpAt())) {
            return new Finish(new Row(DeliveryState.FAILED, failures, error, null, null, null, picExpiresAt, null),
                    attempt, failed());
        }
        // Due at the next attempt, or earlier at the give-up time, when it then becomes failed.
        Instant dueAt = next.isBefore(claim.giveUpAt()) ? next : claim.giveUpAt();
        return new Finish(new Row(DeliveryState.PENDING, failures, error, next, dueAt, null, picExpiresAt, null),
                attempt, null);
    }

    /** An operator's or a round's give-up, with its event. */
    GiveUp giveUp() {
        return new GiveUp(failed());
    }

    private Event failed() {
        return new Event(OrderEventKind.FAILED, "not delivered within " + giveUpAfter + " of its first attempt");
    }

    /** An attempt's result in a log line or the timeline. */
    static String describe(AttemptResult result) {
        if (result instanceof AttemptResult.Delivered) {
            return "delivered";
        }
        return result.result() + " (" + result.message() + ")";
    }

    /** The manufacturer's {@code data.status}, kept as its status when it is a number. */
    static Integer parseStatus(String status) {
        if (status == null || !status.strip().matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(status.strip());
    }
}
