package com.pimpmycase.console;

import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderSubmission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The orders table as the console reads it: newest first, a page at a time, or found by one id. */
final class ConsoleOrders {

    static final int PAGE = 50;
    private static final String COLUMNS =
            "seq, third_pay_id, third_id, mobile_model_id, pic, device_id, mobile_shell_id, created_at";

    private final DataSource dataSource;

    ConsoleOrders(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page, newest first. */
    record Page(List<Order> orders, Long olderThan) {}

    /**
     * Up to {@link #PAGE} orders stored before position {@code before} ({@code null}: the newest),
     * newest first; {@code search} (exact {@code third_id} or {@code third_pay_id}) narrows them.
     */
    Page newest(Long before, String search) throws SQLException {
        String where = (before == null ? "" : "seq < ?")
                + (search == null ? "" : (before == null ? "" : " AND ") + "(third_id = ? OR third_pay_id = ?)");
        String sql = "SELECT " + COLUMNS + " FROM orders" + (where.isEmpty() ? "" : " WHERE " + where)
                + " ORDER BY seq DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            if (before != null) {
                select.setLong(i++, before);
            }
            if (search != null) {
                select.setString(i++, search);
                select.setString(i++, search);
            }
            select.setInt(i, PAGE + 1);
            List<Order> orders = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    orders.add(read(rs));
                }
            }
            if (orders.size() > PAGE) {
                orders.remove(PAGE);
                return new Page(orders, orders.get(PAGE - 1).seq());
            }
            return new Page(orders, null);
        }
    }

    /** The order with {@code thirdId}, or {@code null}. */
    Order find(String thirdId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM orders WHERE third_id = ?")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static Order read(ResultSet rs) throws SQLException {
        return new Order(rs.getLong("seq"), new OrderSubmission(rs.getString("third_pay_id"), rs.getString("third_id"),
                rs.getString("mobile_model_id"), rs.getString("pic"), rs.getString("device_id"),
                rs.getString("mobile_shell_id")), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
