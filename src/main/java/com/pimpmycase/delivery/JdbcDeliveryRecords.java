package com.pimpmycase.delivery;

import com.pimpmycase.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Delivery records and payment statuses as the deliveries and payments tables hold them. */
public final class JdbcDeliveryRecords implements DeliveryRecords {

    /** A delivery record with its order's third_id, as the delivery list shows it. */
    public record Listed(String thirdId, DeliveryRecord record) {
    }

    private static final String COLUMNS = "third_id, state, attempts, last_attempt_at, next_attempt_at, last_error,"
            + " delivered_at, manufacturer_order_id, queue_no, manufacturer_status, manufacturer_status_at,"
            + " pic_expires_at, manufacturer_payment_id";

    private final DataSource dataSource;

    public JdbcDeliveryRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The record of {@code thirdId}; {@link DeliveryRecord#OFF} when there is none (no such order). */
    @Override
    public DeliveryRecord of(String thirdId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DeliveryRecord record = of(connection, thirdId);
            return record == null ? DeliveryRecord.OFF : record;
        }
    }

    /** The record of {@code thirdId}, or {@code null}. */
    static DeliveryRecord of(Connection connection, String thirdId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM deliveries WHERE third_id = ?")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    @Override
    public Integer paymentStatus(String thirdPayId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status FROM payments WHERE third_pay_id = ?")) {
            select.setString(1, thirdPayId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** Up to {@code limit} records, oldest order first, of one state or ({@code null}) all. */
    public List<Listed> list(DeliveryState state, int limit) throws SQLException {
        List<Listed> listed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM deliveries"
                        + (state == null ? "" : " WHERE state = ?") + " ORDER BY order_seq LIMIT ?")) {
            int index = 1;
            if (state != null) {
                select.setString(index++, state.wireName());
            }
            select.setInt(index, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    listed.add(new Listed(rs.getString("third_id"), read(rs)));
                }
            }
        }
        return listed;
    }

    private static DeliveryRecord read(ResultSet rs) throws SQLException {
        return new DeliveryRecord(rs.getString("state"), rs.getInt("attempts"), iso(Sql.time(rs, "last_attempt_at")),
                iso(Sql.time(rs, "next_attempt_at")), rs.getString("last_error"), iso(Sql.time(rs, "delivered_at")),
                rs.getString("manufacturer_order_id"), rs.getString("queue_no"),
                Sql.integer(rs, "manufacturer_status"), iso(Sql.time(rs, "manufacturer_status_at")),
                Sql.longValue(rs, "pic_expires_at"), rs.getString("manufacturer_payment_id"));
    }

    /** ISO-8601 UTC to the second, like the order's {@code created_at}. */
    static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
