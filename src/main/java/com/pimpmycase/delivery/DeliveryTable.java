package com.pimpmycase.delivery;

import com.pimpmycase.db.Sql;
import com.pimpmycase.order.OrderSubmission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of the delivery claim (table {@code deliveries}, docs/DELIVERY.md), and nothing else:
 * what to write comes from {@link DeliveryTransition}. Every change is conditional: a claim on the
 * row version that was read (of all nodes that read a row, exactly one wins), a renewal or a
 * result on the claim's {@code lease_id} while the row is still {@code delivering} (an attempt in
 * flight never overwrites {@code delivered}, nor another node's claim). Each method runs on the
 * caller's handle, in the caller's transaction when it has one.
 */
final class DeliveryTable {

    private static final String DUE = "SELECT d.third_id, d.version, d.state, d.attempts, d.failures, d.give_up_at,"
            + " d.blocked_since, o.third_pay_id, o.mobile_model_id, o.pic, o.device_id, o.mobile_shell_id,"
            + " o.pay_amount, o.pay_type FROM deliveries d JOIN orders o ON o.third_id = d.third_id"
            + " WHERE d.due_at <= :now AND d.state IN ('pending', 'delivering') ORDER BY d.order_seq LIMIT :limit";
    private static final String CLAIMED = " WHERE third_id = :thirdId AND lease_id = :leaseId AND state = 'delivering'";
    private static final String READ = " WHERE third_id = :thirdId AND version = :version";

    private final boolean skipsLocked;

    /** Whether the database has {@code FOR UPDATE SKIP LOCKED} is asked once, here. */
    DeliveryTable(Jdbi jdbi) {
        this.skipsLocked = jdbi.withHandle(h -> {
            try {
                return "PostgreSQL".equals(h.getConnection().getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                return false; // the plain way works everywhere
            }
        });
    }

    /** PostgreSQL: a round may lock its due rows, and other nodes' rounds skip them. */
    boolean skipsLocked() {
        return skipsLocked;
    }

    /** Up to {@code limit} deliveries due at {@code now}, oldest order first, read without a lock. */
    List<DeliveryClaims.Candidate> due(Handle h, Instant now, int limit) {
        return h.createQuery(DUE).bind("now", now).bind("limit", limit).map(DeliveryTable::candidate).list();
    }

    /**
     * {@link #due}, each row locked until the caller's transaction ends; rows another node's round
     * holds are skipped, so concurrent rounds take different rows instead of racing for the same
     * oldest ones. PostgreSQL only ({@link #skipsLocked}).
     */
    List<DeliveryClaims.Candidate> lockDue(Handle h, Instant now, int limit) {
        return h.createQuery(DUE + " FOR UPDATE OF d SKIP LOCKED").bind("now", now).bind("limit", limit)
                .map(DeliveryTable::candidate).list();
    }

    private static DeliveryClaims.Candidate candidate(ResultSet rs, StatementContext context)
            throws SQLException {
        String thirdId = rs.getString("third_id");
        OrderSubmission order = new OrderSubmission(rs.getString("third_pay_id"), thirdId,
                rs.getString("mobile_model_id"), rs.getString("pic"), rs.getString("device_id"),
                rs.getString("mobile_shell_id"), rs.getBigDecimal("pay_amount"), rs.getObject("pay_type", Integer.class));
        return new DeliveryClaims.Candidate(thirdId, rs.getLong("version"), DeliveryState.of(rs.getString("state")),
                rs.getInt("attempts"), rs.getInt("failures"), Sql.time(rs, "give_up_at"), Sql.time(rs, "blocked_since"), order);
    }

    /** Claims the row read at {@code version} for one attempt; {@code false} when it changed since. */
    boolean claim(Handle h, String thirdId, long version, Instant now, DeliveryTransition.Attempt attempt,
            String leaseId) {
        return h.createUpdate("UPDATE deliveries SET state = 'delivering', attempts = attempts + 1,"
                + " last_attempt_at = :now, give_up_at = :giveUpAt, blocked_since = NULL, due_at = :leaseUntil,"
                + " lease_id = :leaseId, version = version + 1" + READ + " AND state IN ('pending', 'delivering')")
                .bind("now", now).bind("giveUpAt", attempt.giveUpAt()).bind("leaseUntil", attempt.leaseUntil())
                .bind("leaseId", leaseId).bind("thirdId", thirdId).bind("version", version).execute() == 1;
    }

    /** Leaves the row read at {@code version} waiting, its give-up clock paused; {@code false} when it changed since. */
    boolean pause(Handle h, String thirdId, long version, DeliveryTransition.Pause pause) {
        return h.createUpdate("UPDATE deliveries SET state = 'pending', last_error = :lastError,"
                + " blocked_since = COALESCE(blocked_since, :since), due_at = :recheckAt, lease_id = NULL,"
                + " version = version + 1" + READ)
                .bind("lastError", pause.lastError()).bind("since", pause.since()).bind("recheckAt", pause.recheckAt())
                .bind("thirdId", thirdId).bind("version", version).execute() == 1;
    }

    /** Makes the row read at {@code version} failed; {@code false} when it changed since. */
    boolean fail(Handle h, String thirdId, long version) {
        return h.createUpdate("UPDATE deliveries SET state = 'failed', due_at = NULL, next_attempt_at = NULL,"
                + " lease_id = NULL, version = version + 1" + READ)
                .bind("thirdId", thirdId).bind("version", version).execute() == 1;
    }

    /** Extends the claim to {@code until}; {@code false} when it is no longer {@code leaseId}'s. */
    boolean renew(Handle h, String thirdId, String leaseId, Instant until) {
        return h.createUpdate("UPDATE deliveries SET due_at = :until, version = version + 1" + CLAIMED)
                .bind("until", until).bind("thirdId", thirdId).bind("leaseId", leaseId).execute() == 1;
    }

    /** Writes an attempt's result while the claim is still {@code leaseId}'s; {@code false} otherwise. */
    boolean finish(Handle h, String thirdId, String leaseId, DeliveryTransition.Row row) {
        DeliveryTransition.Handover delivered = row.delivered();
        Update update = h.createUpdate("UPDATE deliveries SET state = :state, failures = :failures,"
                + " last_error = :lastError, next_attempt_at = :nextAttemptAt, due_at = :dueAt,"
                + " blocked_since = :blockedSince, pic_expires_at = :picExpiresAt, lease_id = NULL,"
                + " version = version + 1"
                + (delivered == null ? "" : ", delivered_at = :deliveredAt, manufacturer_order_id = :manufacturerOrderId,"
                        + " queue_no = :queueNo,"
                        + " manufacturer_payment_id = COALESCE(:manufacturerPaymentId, manufacturer_payment_id),"
                        + " manufacturer_status = COALESCE(:manufacturerStatus, manufacturer_status),"
                        + " manufacturer_status_at = COALESCE(:manufacturerStatusAt, manufacturer_status_at)")
                + CLAIMED)
                .bind("state", row.state().wireName()).bind("failures", row.failures())
                .bind("lastError", row.lastError()).bindByType("nextAttemptAt", row.nextAttemptAt(), Instant.class)
                .bindByType("dueAt", row.dueAt(), Instant.class)
                .bindByType("blockedSince", row.blockedSince(), Instant.class)
                .bind("picExpiresAt", row.picExpiresAt()).bind("thirdId", thirdId).bind("leaseId", leaseId);
        if (delivered != null) {
            update.bind("deliveredAt", delivered.deliveredAt())
                    .bind("manufacturerOrderId", delivered.manufacturerOrderId()).bind("queueNo", delivered.queueNo())
                    .bind("manufacturerPaymentId", delivered.manufacturerPaymentId())
                    .bind("manufacturerStatus", delivered.manufacturerStatus())
                    .bindByType("manufacturerStatusAt", delivered.manufacturerStatusAt(), Instant.class);
        }
        return update.execute() == 1;
    }

    /** Gives the claim back without a result: due again at {@code now}, for any node. */
    boolean release(Handle h, String thirdId, String leaseId, String why, Instant now) {
        return h.createUpdate("UPDATE deliveries SET state = 'pending', last_error = :why, due_at = :now,"
                + " lease_id = NULL, version = version + 1" + CLAIMED)
                .bind("why", why).bind("now", now).bind("thirdId", thirdId).bind("leaseId", leaseId).execute() == 1;
    }
}
