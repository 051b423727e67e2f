package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.RetryDelays;
import com.pimpmycase.manufacturer.JdbcManufacturerSession;
import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import com.pimpmycase.manufacturer.AttemptResult;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderSubmission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The claim ("lease") on a delivery, in the deliveries table itself (docs/DELIVERY.md): a node
 * claims a due row by a conditional update on the row version it read, so of all nodes reading
 * the same row exactly one wins; it renews the claim while its attempt lasts; the attempt's result
 * is written only while the claim is still its own. A claim not renewed expires and the row is due
 * again for any node.
 */
public final class DeliveryClaims {

    static final String IMAGE_BLOCKED = "image blocked";
    /** A blocked image is looked at again this often, so a lifted block is noticed within 5 s (SPEC §10). */
    static final Duration BLOCKED_RECHECK = Duration.ofSeconds(2);
    private static final int MAX_ERROR = 500;

    /** A due delivery as a dispatcher read it, with the order it delivers. */
    public record Candidate(String thirdId, long version, DeliveryState state, int attempts, int failures,
            Instant giveUpAt, Instant blockedSince, OrderSubmission order) {

        public String pic() {
            return order.pic();
        }
    }

    /** A delivery this node holds: {@code leaseId} is unique to this claim. */
    public record Claim(String thirdId, String leaseId, int attempt, int failures, Instant giveUpAt,
            OrderSubmission order) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final OrderEvents events;
    private final Duration leaseTime;
    private final Duration giveUpAfter;
    private final RetryDelays retryDelays;

    public DeliveryClaims(DataSource dataSource, Clock clock, OrderEvents events, Duration leaseTime,
            Duration giveUpAfter, RetryDelays retryDelays) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.leaseTime = leaseTime;
        this.giveUpAfter = giveUpAfter;
        this.retryDelays = retryDelays;
    }

    public Duration leaseTime() {
        return leaseTime;
    }

    /**
     * Up to {@code limit} deliveries due now, oldest order first: pending ones whose time has come
     * and delivering ones whose claim expired (their node died or gave up).
     */
    public List<Candidate> due(int limit) throws SQLException {
        List<Candidate> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT d.third_id, d.version, d.state, d.attempts, d.failures, d.give_up_at, d.blocked_since,"
                        + " o.third_pay_id, o.mobile_model_id, o.pic, o.device_id, o.mobile_shell_id, o.pay_amount, o.pay_type"
                        + " FROM deliveries d JOIN orders o ON o.third_id = d.third_id"
                        + " WHERE d.due_at <= ? AND d.state IN ('pending', 'delivering')"
                        + " ORDER BY d.order_seq LIMIT ?")) {
            Sql.time(select, 1, clock.instant());
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String thirdId = rs.getString("third_id");
                    OrderSubmission order = new OrderSubmission(rs.getString("third_pay_id"), thirdId,
                            rs.getString("mobile_model_id"), rs.getString("pic"), rs.getString("device_id"),
                            rs.getString("mobile_shell_id"), rs.getBigDecimal("pay_amount"),
                            rs.getObject("pay_type", Integer.class));
                    due.add(new Candidate(thirdId, rs.getLong("version"), DeliveryState.of(rs.getString("state")),
                            rs.getInt("attempts"), rs.getInt("failures"), Sql.time(rs, "give_up_at"),
                            Sql.time(rs, "blocked_since"), order));
                }
            }
        }
        return due;
    }

    /** Claims {@code candidate} for one attempt; {@code null} when another node (or a change) came first. */
    public Claim claim(Candidate candidate) throws SQLException {
        Instant now = clock.instant();
        Instant giveUpAt;
        if (candidate.giveUpAt() == null) {
            giveUpAt = now.plus(giveUpAfter); // the first attempt of this clock starts it
        } else if (candidate.blockedSince() != null && candidate.blockedSince().isBefore(now)) {
            giveUpAt = candidate.giveUpAt().plus(Duration.between(candidate.blockedSince(), now)); // paused while blocked
        } else {
            giveUpAt = candidate.giveUpAt();
        }
        String leaseId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE deliveries SET state = 'delivering', attempts = attempts + 1, last_attempt_at = ?,"
                        + " give_up_at = ?, blocked_since = NULL, due_at = ?, lease_id = ?, version = version + 1"
                        + " WHERE third_id = ? AND version = ? AND state IN ('pending', 'delivering')")) {
            Sql.time(update, 1, now);
            Sql.time(update, 2, giveUpAt);
            Sql.time(update, 3, now.plus(leaseTime));
            update.setString(4, leaseId);
            update.setString(5, candidate.thirdId());
            update.setLong(6, candidate.version());
            if (update.executeUpdate() != 1) {
                return null;
            }
        }
        return new Claim(candidate.thirdId(), leaseId, candidate.attempts() + 1, candidate.failures(), giveUpAt,
                candidate.order());
    }

    /**
     * Whether {@code candidate}'s giveUpAfter has passed: then it is made {@code failed} instead of
     * attempted (SPEC §9: no attempt starts once giveUpAfter has passed since the first attempt).
     */
    public boolean isPastGivingUp(Candidate candidate) {
        return candidate.giveUpAt() != null && candidate.blockedSince() == null
                && !clock.instant().isBefore(candidate.giveUpAt());
    }

    /** Makes {@code candidate} failed; {@code false} when it changed since it was read. */
    public boolean giveUp(Candidate candidate) throws SQLException {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deliveries SET state = 'failed', due_at = NULL, next_attempt_at = NULL, lease_id = NULL,"
                    + " version = version + 1 WHERE third_id = ? AND version = ?")) {
                update.setString(1, candidate.thirdId());
                update.setLong(2, candidate.version());
                if (update.executeUpdate() != 1) {
                    return false; // changed since it was read: nothing written
                }
            }
            events.append(connection, candidate.thirdId(), OrderEventKind.FAILED,
                    "not delivered within " + giveUpAfter + " of its first attempt");
            return true;
        });
    }

    /**
     * The image of {@code candidate} is blocked (SPEC §10): no attempt; it keeps waiting with
     * {@code last_error} "image blocked", its giveUpAfter clock paused, and is looked at again
     * shortly, so it goes out soon after the block is lifted.
     */
    public boolean pauseBlocked(Candidate candidate) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE deliveries SET state = 'pending', last_error = ?,"
                        + " blocked_since = COALESCE(blocked_since, ?), due_at = ?, lease_id = NULL,"
                        + " version = version + 1 WHERE third_id = ? AND version = ?")) {
            update.setString(1, IMAGE_BLOCKED);
            Sql.time(update, 2, now);
            Sql.time(update, 3, now.plus(BLOCKED_RECHECK));
            update.setString(4, candidate.thirdId());
            update.setLong(5, candidate.version());
            return update.executeUpdate() == 1;
        }
    }

    /** Extends {@code claim} by the lease time from now; {@code false} when it is no longer this node's. */
    public boolean renew(Claim claim) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE deliveries SET due_at = ?, version = version + 1"
                        + " WHERE third_id = ? AND lease_id = ? AND state = 'delivering'")) {
            Sql.time(update, 1, clock.instant().plus(leaseTime));
            update.setString(2, claim.thirdId());
            update.setString(3, claim.leaseId());
            return update.executeUpdate() == 1;
        }
    }

    /** What writing an attempt's result did. */
    public enum Applied {
        /** The result is the delivery's new state. */
        WRITTEN,
        /** The claim was no longer this node's, or the order was delivered meanwhile: nothing changed but the event. */
        CLAIM_LOST
    }

    /**
     * Writes the result of {@code claim}'s attempt, with its events, if the claim is still this
     * node's (so an attempt in flight never overwrites {@code delivered}, nor another node's claim).
     *
     * @param picExpiresAt the {@code exp} of the link the attempt handed over
     */
    public Applied finish(Claim claim, AttemptResult result, long picExpiresAt) throws SQLException {
        Instant end = clock.instant();
        return Transactions.inTransaction(dataSource, connection -> {
            boolean written = write(connection, claim, result, picExpiresAt, end);
            events.append(connection, claim.thirdId(), OrderEventKind.DELIVERY_ATTEMPT,
                    "attempt " + claim.attempt() + ": " + describe(result));
            if (written) {
                appendOutcomeEvent(connection, claim, result, end);
            }
            return written ? Applied.WRITTEN : Applied.CLAIM_LOST;
        });
    }

    private boolean write(Connection connection, Claim claim, AttemptResult result, long picExpiresAt, Instant end)
            throws SQLException {
        String guard = " WHERE third_id = ? AND lease_id = ? AND state = 'delivering'";
        if (result instanceof AttemptResult.Delivered delivered) {
            Integer status = parseStatus(delivered.status());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deliveries SET state = 'delivered', delivered_at = ?, manufacturer_order_id = ?,"
                    + " queue_no = ?, manufacturer_payment_id = COALESCE(?, manufacturer_payment_id),"
                    + " manufacturer_status = COALESCE(?, manufacturer_status),"
                    + " manufacturer_status_at = CASE WHEN ? IS NULL THEN manufacturer_status_at ELSE ? END,"
                    + " pic_expires_at = ?, last_error = NULL, next_attempt_at = NULL, due_at = NULL, lease_id = NULL,"
                    + " version = version + 1" + guard)) {
                Sql.time(update, 1, end);
                update.setString(2, Sql.clip(delivered.manufacturerOrderId(), 64));
                update.setString(3, Sql.clip(delivered.queueNo(), 64));
                update.setString(4, delivered.manufacturerPaymentId());
                setInteger(update, 5, status);
                setInteger(update, 6, status);
                Sql.time(update, 7, end);
                update.setLong(8, picExpiresAt);
                update.setString(9, claim.thirdId());
                update.setString(10, claim.leaseId());
                return update.executeUpdate() == 1;
            }
        }
        if (result instanceof AttemptResult.Rejected rejected) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deliveries SET state = 'rejected', last_error = ?, pic_expires_at = ?,"
                    + " next_attempt_at = NULL, due_at = NULL, lease_id = NULL, version = version + 1" + guard)) {
                update.setString(1, Sql.clip(rejected.message(), MAX_ERROR));
                update.setLong(2, picExpiresAt);
                update.setString(3, claim.thirdId());
                update.setString(4, claim.leaseId());
                return update.executeUpdate() == 1;
            }
        }
        int failures = claim.failures() + 1;
        Instant next = end.plus(retryDelays.delay(failures));
        // A config answer pauses the giveUpAfter clock until the next attempt (claim() pushes
        // give_up_at back by the pause): the backlog waits for the configuration to be fixed.
        boolean paused = result instanceof AttemptResult.Misconfigured;
        boolean givingUp = !paused && !end.isBefore(claim.giveUpAt());
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE deliveries SET state = ?, failures = ?, last_error = ?, pic_expires_at = ?,"
                + " next_attempt_at = ?, due_at = ?, blocked_since = ?, lease_id = NULL, version = version + 1"
                + guard)) {
            update.setString(1, givingUp ? DeliveryState.FAILED.wireName() : DeliveryState.PENDING.wireName());
            update.setInt(2, failures);
            update.setString(3, Sql.clip(result.message(), MAX_ERROR));
            update.setLong(4, picExpiresAt);
            Sql.time(update, 5, givingUp ? null : next);
            // Due at the next attempt, or earlier at the give-up time, when it becomes failed.
            Sql.time(update, 6, givingUp ? null
                    : (paused || next.isBefore(claim.giveUpAt()) ? next : claim.giveUpAt()));
            Sql.time(update, 7, paused ? end : null);
            update.setString(8, claim.thirdId());
            update.setString(9, claim.leaseId());
            return update.executeUpdate() == 1;
        }
    }

    private void appendOutcomeEvent(Connection connection, Claim claim, AttemptResult result, Instant end)
            throws SQLException {
        if (result instanceof AttemptResult.Delivered delivered) {
            events.append(connection, claim.thirdId(), OrderEventKind.DELIVERED, "manufacturer order "
                    + delivered.manufacturerOrderId() + ", queue " + delivered.queueNo());
        } else if (result instanceof AttemptResult.Rejected rejected) {
            events.append(connection, claim.thirdId(), OrderEventKind.REJECTED, rejected.message());
        } else if (!(result instanceof AttemptResult.Misconfigured) && !end.isBefore(claim.giveUpAt())) {
            events.append(connection, claim.thirdId(), OrderEventKind.FAILED,
                    "not delivered within " + giveUpAfter + " of its first attempt");
        }
    }

    /**
     * Gives the claim back without a result (the node is stopping): the delivery is due again at
     * once, for any node. {@code false} when it was no longer this node's.
     */
    public boolean release(Claim claim, String why) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE deliveries SET state = 'pending', last_error = ?, due_at = ?, lease_id = NULL,"
                        + " version = version + 1 WHERE third_id = ? AND lease_id = ? AND state = 'delivering'")) {
            update.setString(1, why);
            Sql.time(update, 2, clock.instant());
            update.setString(3, claim.thirdId());
            update.setString(4, claim.leaseId());
            return update.executeUpdate() == 1;
        }
    }

    static String describe(AttemptResult result) {
        if (result instanceof AttemptResult.Delivered) {
            return "delivered";
        }
        return result.result() + " (" + result.message() + ")";
    }

    /** The manufacturer's {@code data.status}, kept as its status when it is a number. */
    private static Integer parseStatus(String status) {
        if (status == null || !status.strip().matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(status.strip());
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
