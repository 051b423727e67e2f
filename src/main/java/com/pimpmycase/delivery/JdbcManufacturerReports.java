package com.pimpmycase.delivery;

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

    private static final String[] PAYMENT_NAMES = {null, "pending", "processing", "paid", "failed", "abnormal"};

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
    public void paymentStatus(String thirdPayId, int status) throws SQLException {
        int started;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                started = recordPayment(connection, thirdPayId, status);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // Two first reports of one third_pay_id at once: the other inserted; update it now.
                started = recordPayment(connection, thirdPayId, status);
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        }
        if (started > 0) {
            wake.run();
        }
    }

    /** @return how many deliveries the report started */
    private int recordPayment(Connection connection, String thirdPayId, int status) throws SQLException {
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
                events.append(connection, thirdId, OrderEventKind.PAYMENT_STATUS,
                        "status " + status + " (" + PAYMENT_NAMES[status] + ")");
            }
        }
        return status == DeliveryOutbox.PAID ? startAwaiting(connection, thirdPayId, now) : 0;
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
                        + " (SELECT third_pay_id FROM payments WHERE status = " + DeliveryOutbox.PAID + ")")) {
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
    public boolean orderStatus(String thirdId, int status, String queueNo, String manufacturerOrderId)
            throws SQLException {
        return Transactions.inTransaction(dataSource,
                connection -> recordStatus(connection, thirdId, status, queueNo, manufacturerOrderId));
    }

    private boolean recordStatus(Connection connection, String thirdId, int status, String queueNo,
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
                    return false;
                }
                state = rs.getString(1);
                previous = Sql.integer(rs, "manufacturer_status");
                previousQueueNo = rs.getString(3);
                previousId = rs.getString(4);
            }
        }
        boolean statusChanged = !Objects.equals(previous, status);
        boolean becomesDelivered = !DeliveryState.DELIVERED.wireName().equals(state);
        boolean fills = (queueNo != null && !queueNo.equals(previousQueueNo))
                || (manufacturerOrderId != null && !manufacturerOrderId.equals(previousId));
        if (!statusChanged && !becomesDelivered && !fills) {
            return true; // an identical repeat: nothing changes, manufacturer_status_at included
        }
        Instant now = clock.instant();
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
            events.append(connection, thirdId, OrderEventKind.MANUFACTURER_STATUS, "status " + status);
        }
        if (becomesDelivered) {
            events.append(connection, thirdId, OrderEventKind.DELIVERED,
                    "the manufacturer reported status " + status + " (was " + state + ")");
        }
        return true;
    }
}
