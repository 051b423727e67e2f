package com.pimpmycase.manufacturer;

import com.pimpmycase.db.Sql;
import com.pimpmycase.manufacturer.ManufacturerStatus;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What the manufacturer's webhooks change (SPEC §9), each call in one transaction with its events.
 * Repeating a call changes nothing. A status report makes an order {@code delivered} for good: a
 * dispatcher's attempt still in flight writes its result only while the row is {@code delivering}
 * under its own claim, so it can never undo this.
 */
public final class JdbcManufacturerReports implements ManufacturerReports {


    private final DataSource dataSource;
    private final Clock clock;
    private final OrderEvents events;
    /** Tells this node's dispatcher that deliveries became due (after commit). */
    private final Runnable wake;

    public JdbcManufacturerReports(DataSource dataSource, Clock clock, OrderEvents events, Runnable wake) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.wake = wake;
    }

    @Override
    public PaymentReport reportPayment(String paymentId, int status, String payAmount) throws SQLException {
        PaymentOutcome outcome;
        try {
            outcome = Transactions.inTransaction(dataSource, c -> recordPayment(c, paymentId, status, payAmount));
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // Two first reports of one third_pay_id at once: the other inserted (and the whole
            // transaction rolled back, a RuntimeException too); record it again as an update.
            outcome = Transactions.inTransaction(dataSource, c -> recordPayment(c, paymentId, status, payAmount));
        }
        if (outcome.started() > 0) {
            wake.run();
        }
        return outcome.report();
    }

    private record PaymentOutcome(PaymentReport report, int started) {}

    private PaymentOutcome recordPayment(Connection connection, String paymentId, int status, String payAmount)
            throws SQLException {
        String thirdPayId = thirdPayIdOf(connection, paymentId);
        Instant now = clock.instant();
        Integer previous = null;
        boolean known;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status FROM payments WHERE third_pay_id = ? FOR UPDATE")) {
            select.setString(1, thirdPayId);
            try (ResultSet rs = select.executeQuery()) {
                known = rs.next();
                if (known) {
                    previous = rs.getInt(1);
                }
            }
        }
        String detail = "status " + status + " (" + PaymentStatus.name(status) + ")"
                + (payAmount == null ? "" : ", pay_amount " + payAmount)
                + (paymentId.equals(thirdPayId) ? "" : ", reported as " + paymentId);
        if (known && previous == PaymentStatus.PAID && (status == PaymentStatus.PENDING || status == PaymentStatus.PROCESSING)) {
            // A late or replayed call: a paid payment never goes back to pending or processing.
            for (String thirdId : ordersPaidBy(connection, thirdPayId)) {
                events.append(connection, thirdId, OrderEventKind.PAYMENT_STATUS,
                        detail + " ignored: the payment is already paid");
            }
            return new PaymentOutcome(PaymentReport.IGNORED, 0);
        }
        if (!known) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO payments (third_pay_id, status, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, thirdPayId);
                insert.setInt(2, status);
                Sql.time(insert, 3, now);
                insert.executeUpdate();
            }
        } else if (previous != status) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE payments SET status = ?, updated_at = ? WHERE third_pay_id = ?")) {
                update.setInt(1, status);
                Sql.time(update, 2, now);
                update.setString(3, thirdPayId);
                update.executeUpdate();
            }
        }
        if (!Objects.equals(previous, status)) {
            for (String thirdId : ordersPaidBy(connection, thirdPayId)) {
                events.append(connection, thirdId, OrderEventKind.PAYMENT_STATUS, detail);
            }
        }
        int started = status == PaymentStatus.PAID ? startAwaiting(connection, thirdPayId, now) : 0;
        return new PaymentOutcome(PaymentReport.RECORDED, started);
    }

    /**
     * The {@code third_pay_id} a payStatus names: the id itself when it is one we know (SPEC §9:
     * by {@code third_pay_id}), else the payment our {@code payData} registered under that
     * manufacturer payment id ({@code MSPY…}), else the id as given (a payment whose orders may
     * come later).
     */
    private static String thirdPayIdOf(Connection connection, String paymentId) throws SQLException {
        for (String known : new String[] {
            "SELECT third_pay_id FROM payments WHERE third_pay_id = ?",
            "SELECT third_pay_id FROM payment_registrations WHERE third_pay_id = ?",
            "SELECT third_pay_id FROM deliveries WHERE third_pay_id = ? FETCH FIRST 1 ROWS ONLY",
            "SELECT third_pay_id FROM payment_registrations WHERE manufacturer_payment_id = ?"
                    + " ORDER BY third_pay_id FETCH FIRST 1 ROWS ONLY",
            "SELECT third_pay_id FROM deliveries WHERE manufacturer_payment_id = ?"
                    + " ORDER BY order_seq FETCH FIRST 1 ROWS ONLY"}) {
            try (PreparedStatement select = connection.prepareStatement(known)) {
                select.setString(1, paymentId);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
        }
        return paymentId;
    }

    private static List<String> ordersPaidBy(Connection connection, String thirdPayId) throws SQLException {
        List<String> thirdIds = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT third_id FROM deliveries WHERE third_pay_id = ? ORDER BY order_seq")) {
            select.setString(1, thirdPayId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    thirdIds.add(rs.getString(1));
                }
            }
        }
        return thirdIds;
    }

    private static int startAwaiting(Connection connection, String thirdPayId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE deliveries SET state = 'pending', due_at = ?, next_attempt_at = ?, version = version + 1"
                + " WHERE third_pay_id = ? AND state = 'awaiting_payment'")) {
            Sql.time(update, 1, now);
            Sql.time(update, 2, now);
            update.setString(3, thirdPayId);
            return update.executeUpdate();
        }
    }

    /**
     * Starts every {@code awaiting_payment} delivery whose third_pay_id is paid. Closes the one
     * race of payment mode: an order committed while its payment report was being recorded.
     */
    public int startPaidAwaiting() throws SQLException {
        Instant now = clock.instant();
        int started;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE deliveries SET state = 'pending', due_at = ?, next_attempt_at = ?, version = version + 1"
                        + " WHERE state = 'awaiting_payment' AND third_pay_id IN"
                        + " (SELECT third_pay_id FROM payments WHERE status = " + PaymentStatus.PAID + ")")) {
            Sql.time(update, 1, now);
            Sql.time(update, 2, now);
            started = update.executeUpdate();
        }
        if (started > 0) {
            wake.run();
        }
        return started;
    }

    @Override
    public StatusReport reportStatus(String thirdId, int status, String queueNo, String manufacturerOrderId)
            throws SQLException {
        return Transactions.inTransaction(dataSource,
                connection -> recordStatus(connection, thirdId, status, queueNo, manufacturerOrderId));
    }

    private StatusReport recordStatus(Connection connection, String thirdId, int status, String queueNo,
            String manufacturerOrderId) throws SQLException {
        String state;
        Integer previous;
        String previousQueueNo;
        String previousId;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, manufacturer_status, queue_no, manufacturer_order_id FROM deliveries"
                + " WHERE third_id = ? FOR UPDATE")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return StatusReport.NOT_FOUND;
                }
                state = rs.getString(1);
                previous = Sql.integer(rs, "manufacturer_status");
                previousQueueNo = rs.getString(3);
                previousId = rs.getString(4);
            }
        }
        String report = describe(status, queueNo, manufacturerOrderId);
        // Values are joined without separators in the sign: once known, queue_no and id pin the
        // call to this order ({"queue_no":"3","status":12} signs like {"queue_no":"31","status":2}).
        if ((queueNo != null && previousQueueNo != null && !queueNo.equals(previousQueueNo))
                || (manufacturerOrderId != null && previousId != null && !manufacturerOrderId.equals(previousId))) {
            events.append(connection, thirdId, OrderEventKind.MANUFACTURER_STATUS, "refused report " + report
                    + ": queue_no or id differs from the recorded one (" + describe(null, previousQueueNo, previousId)
                    + ")");
            return StatusReport.CONFLICT;
        }
        Long latest = null;
        Long same = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, status, queue_no, manufacturer_order_id FROM manufacturer_reports"
                + " WHERE third_id = ? ORDER BY id")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    latest = rs.getLong(1);
                    if (rs.getInt(2) == status && Objects.equals(rs.getString(3), queueNo)
                            && Objects.equals(rs.getString(4), manufacturerOrderId)) {
                        same = latest;
                    }
                }
            }
        }
        if (same != null && !same.equals(latest)) {
            // A replay or a late call: never rolls the status back (a genuine reprint is a new report).
            events.append(connection, thirdId, OrderEventKind.MANUFACTURER_STATUS, "report " + report
                    + " repeats an earlier report: not applied (status stays " + previous + ")");
            return StatusReport.REPLAY;
        }
        boolean statusChanged = !Objects.equals(previous, status);
        boolean becomesDelivered = !"delivered".equals(state); // the state the UPDATE below writes
        boolean fills = (queueNo != null && !queueNo.equals(previousQueueNo))
                || (manufacturerOrderId != null && !manufacturerOrderId.equals(previousId));
        Instant now = clock.instant();
        if (same == null) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO manufacturer_reports (third_id, status, queue_no, manufacturer_order_id, received_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, thirdId);
                insert.setInt(2, status);
                insert.setString(3, queueNo);
                insert.setString(4, manufacturerOrderId);
                Sql.time(insert, 5, now);
                insert.executeUpdate();
            }
        }
        if (!statusChanged && !becomesDelivered && !fills) {
            return StatusReport.APPLIED; // an identical repeat: nothing changes, manufacturer_status_at included
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE deliveries SET manufacturer_status = ?,"
                + " manufacturer_status_at = CASE WHEN ? THEN ? ELSE manufacturer_status_at END,"
                + " queue_no = COALESCE(?, queue_no), manufacturer_order_id = COALESCE(?, manufacturer_order_id),"
                + " state = 'delivered', delivered_at = COALESCE(delivered_at, ?), next_attempt_at = NULL,"
                + " due_at = NULL, lease_id = NULL, version = version + 1 WHERE third_id = ?")) {
            update.setInt(1, status);
            update.setBoolean(2, statusChanged);
            Sql.time(update, 3, now);
            update.setString(4, queueNo);
            update.setString(5, manufacturerOrderId);
            Sql.time(update, 6, now);
            update.setString(7, thirdId);
            update.executeUpdate();
        }
        if (statusChanged) {
            events.append(connection, thirdId, OrderEventKind.MANUFACTURER_STATUS,
                    "status " + ManufacturerStatus.describe(status));
        }
        if (becomesDelivered) {
            events.append(connection, thirdId, OrderEventKind.DELIVERED,
                    "the manufacturer reported status " + ManufacturerStatus.describe(status) + " (was " + state + ")");
        }
        return StatusReport.APPLIED;
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
