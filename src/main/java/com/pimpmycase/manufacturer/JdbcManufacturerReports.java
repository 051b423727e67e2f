package com.pimpmycase.manufacturer;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the manufacturer's webhooks change (SPEC §9), each call in one transaction with its events
 * (anything thrown, a RuntimeException too, rolls the whole call back). Repeating a call changes
 * nothing. A status report makes an order {@code delivered} for good: a dispatcher's attempt still
 * in flight writes its result only while the row is {@code delivering} under its own claim, so it
 * can never undo this.
 *
 * <p>The delivery states ({@code awaiting_payment}, {@code pending}, {@code delivered}) are
 * delivery's ({@code delivery.DeliveryState}, their one home). They appear here as SQL literals
 * because delivery builds on this package (it calls the manufacturer), never the other way round:
 * an import back would make a package cycle, and an interface for three statements would hide
 * them. A new state name must be changed in both places (grep for the literal).
 */
public final class JdbcManufacturerReports implements ManufacturerReports {


    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderEvents events;
    /** Tells this node's dispatcher that deliveries became due (after commit). */
    private final Runnable wake;

    public JdbcManufacturerReports(Jdbi jdbi, Clock clock, OrderEvents events, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.wake = wake;
    }

    @Override
    public PaymentReport reportPayment(String paymentId, int status, String payAmount) throws SQLException {
        PaymentOutcome outcome;
        try {
            outcome = Transactions.inTransaction(jdbi, h -> recordPayment(h, paymentId, status, payAmount));
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // Two first reports of one third_pay_id at once: the other inserted (and the whole
            // transaction rolled back, a RuntimeException too); record it again as an update.
            outcome = Transactions.inTransaction(jdbi, h -> recordPayment(h, paymentId, status, payAmount));
        }
        if (outcome.started() > 0) {
            wake.run();
        }
        return outcome.report();
    }

    private record PaymentOutcome(PaymentReport report, int started) {}

    private PaymentOutcome recordPayment(Handle h, String paymentId, int status, String payAmount)
            throws SQLException {
        String thirdPayId = thirdPayIdOf(h, paymentId);
        Instant now = clock.instant();
        Integer previous = h.createQuery("SELECT status FROM payments WHERE third_pay_id = :thirdPayId FOR UPDATE")
                .bind("thirdPayId", thirdPayId).mapTo(Integer.class).findFirst().orElse(null);
        boolean known = previous != null;
        String detail = "status " + status + " (" + PaymentStatus.name(status) + ")"
                + (payAmount == null ? "" : ", pay_amount " + payAmount)
                + (paymentId.equals(thirdPayId) ? "" : ", reported as " + paymentId);
        if (known && previous == PaymentStatus.PAID && (status == PaymentStatus.PENDING || status == PaymentStatus.PROCESSING)) {
            // A late or replayed call: a paid payment never goes back to pending or processing.
            for (String thirdId : ordersPaidBy(h, thirdPayId)) {
                append(h, thirdId, OrderEventKind.PAYMENT_STATUS, detail + " ignored: the payment is already paid");
            }
            return new PaymentOutcome(PaymentReport.IGNORED, 0);
        }
        if (!known) {
            h.createUpdate("INSERT INTO payments (third_pay_id, status, updated_at) VALUES (:thirdPayId, :status, :now)")
                    .bind("thirdPayId", thirdPayId).bind("status", status).bind("now", now).execute();
        } else if (previous != status) {
            h.createUpdate("UPDATE payments SET status = :status, updated_at = :now WHERE third_pay_id = :thirdPayId")
                    .bind("status", status).bind("now", now).bind("thirdPayId", thirdPayId).execute();
        }
        if (!Objects.equals(previous, status)) {
            for (String thirdId : ordersPaidBy(h, thirdPayId)) {
                append(h, thirdId, OrderEventKind.PAYMENT_STATUS, detail);
            }
        }
        int started = status == PaymentStatus.PAID ? startAwaiting(h, thirdPayId, now) : 0;
        return new PaymentOutcome(PaymentReport.RECORDED, started);
    }

    /**
     * The {@code third_pay_id} a payStatus names: the id itself when it is one we know (SPEC §9:
     * by {@code third_pay_id}), else the payment our {@code payData} registered under that
     * manufacturer payment id ({@code MSPY…}), else the id as given (a payment whose orders may
     * come later).
     */
    private static String thirdPayIdOf(Handle h, String paymentId) {
        for (String known : new String[] {
            "SELECT third_pay_id FROM payments WHERE third_pay_id = :id",
            "SELECT third_pay_id FROM payment_registrations WHERE third_pay_id = :id",
            "SELECT third_pay_id FROM deliveries WHERE third_pay_id = :id FETCH FIRST 1 ROWS ONLY",
            "SELECT third_pay_id FROM payment_registrations WHERE manufacturer_payment_id = :id"
                    + " ORDER BY third_pay_id FETCH FIRST 1 ROWS ONLY",
            "SELECT third_pay_id FROM deliveries WHERE manufacturer_payment_id = :id"
                    + " ORDER BY order_seq FETCH FIRST 1 ROWS ONLY"}) {
            String found = h.createQuery(known).bind("id", paymentId).mapTo(String.class).findFirst().orElse(null);
            if (found != null) {
                return found;
            }
        }
        return paymentId;
    }

    private static List<String> ordersPaidBy(Handle h, String thirdPayId) {
        return h.createQuery("SELECT third_id FROM deliveries WHERE third_pay_id = :thirdPayId ORDER BY order_seq")
                .bind("thirdPayId", thirdPayId).mapTo(String.class).list();
    }

    /** The payment's deliveries awaiting it become due now (state literals: see the class comment). */
    private static int startAwaiting(Handle h, String thirdPayId, Instant now) {
        return h.createUpdate("UPDATE deliveries SET state = 'pending', due_at = :now, next_attempt_at = :now,"
                + " version = version + 1 WHERE third_pay_id = :thirdPayId AND state = 'awaiting_payment'")
                .bind("now", now).bind("thirdPayId", thirdPayId).execute();
    }

    /**
     * Starts every {@code awaiting_payment} delivery whose third_pay_id is paid. Closes the one
     * race of payment mode: an order committed while its payment report was being recorded.
     */
    public int startPaidAwaiting() throws SQLException {
        Instant now = clock.instant();
        int started = Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE deliveries SET state = 'pending',"
                + " due_at = :now, next_attempt_at = :now, version = version + 1"
                + " WHERE state = 'awaiting_payment' AND third_pay_id IN"
                + " (SELECT third_pay_id FROM payments WHERE status = :paid)")
                .bind("now", now).bind("paid", PaymentStatus.PAID).execute());
        if (started > 0) {
            wake.run();
        }
        return started;
    }

    @Override
    public StatusReport reportStatus(String thirdId, int status, String queueNo, String manufacturerOrderId)
            throws SQLException {
        return Transactions.inTransaction(jdbi, h -> recordStatus(h, thirdId, status, queueNo, manufacturerOrderId));
    }

    private record Recorded(String state, Integer status, String queueNo, String manufacturerOrderId) {
    }

    private record Report(long id, int status, String queueNo, String manufacturerOrderId) {
    }

    private StatusReport recordStatus(Handle h, String thirdId, int status, String queueNo,
            String manufacturerOrderId) throws SQLException {
        Recorded recorded = h.createQuery("SELECT state, manufacturer_status, queue_no, manufacturer_order_id"
                + " FROM deliveries WHERE third_id = :thirdId FOR UPDATE").bind("thirdId", thirdId)
                .map((rs, ctx) -> new Recorded(rs.getString("state"), Sql.integer(rs, "manufacturer_status"),
                        rs.getString("queue_no"), rs.getString("manufacturer_order_id")))
                .findFirst().orElse(null);
        if (recorded == null) {
            return StatusReport.NOT_FOUND;
        }
        String state = recorded.state();
        Integer previous = recorded.status();
        String previousQueueNo = recorded.queueNo();
        String previousId = recorded.manufacturerOrderId();
        String report = describe(status, queueNo, manufacturerOrderId);
        // Values are joined without separators in the sign: once known, queue_no and id pin the
        // call to this order ({"queue_no":"3","status":12} signs like {"queue_no":"31","status":2}).
        if ((queueNo != null && previousQueueNo != null && !queueNo.equals(previousQueueNo))
                || (manufacturerOrderId != null && previousId != null && !manufacturerOrderId.equals(previousId))) {
            append(h, thirdId, OrderEventKind.MANUFACTURER_STATUS, "refused report " + report
                    + ": queue_no or id differs from the recorded one (" + describe(null, previousQueueNo, previousId)
                    + ")");
            return StatusReport.CONFLICT;
        }
        Long latest = null;
        Long same = null;
        for (Report earlier : h.createQuery("SELECT id, status, queue_no, manufacturer_order_id FROM manufacturer_reports"
                + " WHERE third_id = :thirdId ORDER BY id").bind("thirdId", thirdId)
                .map((rs, ctx) -> new Report(rs.getLong("id"), rs.getInt("status"), rs.getString("queue_no"),
                        rs.getString("manufacturer_order_id"))).list()) {
            latest = earlier.id();
            if (earlier.status() == status && Objects.equals(earlier.queueNo(), queueNo)
                    && Objects.equals(earlier.manufacturerOrderId(), manufacturerOrderId)) {
                same = latest;
            }
        }
        if (same != null && !same.equals(latest)) {
            // A replay or a late call: never rolls the status back (a genuine reprint is a new report).
            append(h, thirdId, OrderEventKind.MANUFACTURER_STATUS, "report " + report
                    + " repeats an earlier report: not applied (status stays " + previous + ")");
            return StatusReport.REPLAY;
        }
        boolean statusChanged = !Objects.equals(previous, status);
        boolean becomesDelivered = !"delivered".equals(state); // the state the UPDATE below writes
        boolean fills = (queueNo != null && !queueNo.equals(previousQueueNo))
                || (manufacturerOrderId != null && !manufacturerOrderId.equals(previousId));
        Instant now = clock.instant();
        if (same == null) {
            h.createUpdate("INSERT INTO manufacturer_reports (third_id, status, queue_no, manufacturer_order_id,"
                    + " received_at) VALUES (:thirdId, :status, :queueNo, :manufacturerOrderId, :now)")
                    .bind("thirdId", thirdId).bind("status", status).bind("queueNo", queueNo)
                    .bind("manufacturerOrderId", manufacturerOrderId).bind("now", now).execute();
        }
        if (!statusChanged && !becomesDelivered && !fills) {
            return StatusReport.APPLIED; // an identical repeat: nothing changes, manufacturer_status_at included
        }
        // The state literal 'delivered': see the class comment.
        h.createUpdate("UPDATE deliveries SET manufacturer_status = :status,"
                + " manufacturer_status_at = CASE WHEN :statusChanged THEN :now ELSE manufacturer_status_at END,"
                + " queue_no = COALESCE(:queueNo, queue_no),"
                + " manufacturer_order_id = COALESCE(:manufacturerOrderId, manufacturer_order_id),"
                + " state = 'delivered', delivered_at = COALESCE(delivered_at, :now), next_attempt_at = NULL,"
                + " due_at = NULL, lease_id = NULL, version = version + 1 WHERE third_id = :thirdId")
                .bind("status", status).bind("statusChanged", statusChanged).bind("now", now)
                .bind("queueNo", queueNo).bind("manufacturerOrderId", manufacturerOrderId).bind("thirdId", thirdId)
                .execute();
        if (statusChanged) {
            append(h, thirdId, OrderEventKind.MANUFACTURER_STATUS,
                    "status " + ManufacturerStatus.describe(status));
        }
        if (becomesDelivered) {
            append(h, thirdId, OrderEventKind.DELIVERED,
                    "the manufacturer reported status " + ManufacturerStatus.describe(status) + " (was " + state + ")");
        }
        return StatusReport.APPLIED;
    }

    /** In the handle's transaction (the timeline's API is JDBC's). */
    private void append(Handle h, String thirdId, OrderEventKind kind, String detail) throws SQLException {
        events.append(h, thirdId, kind, detail);
    }

    private static String describe(Integer status, String queueNo, String manufacturerOrderId) {
        StringBuilder text = new StringBuilder();
        if (status != null) {
            text.append("status ").append(ManufacturerStatus.describe(status));
        }
        if (queueNo != null) {
            text.append(text.isEmpty() ? "" : ", ").append("queue_no ").append(queueNo);
        }
        if (manufacturerOrderId != null) {
            text.append(text.isEmpty() ? "" : ", ").append("id ").append(manufacturerOrderId);
        }
        return text.toString();
    }
}
