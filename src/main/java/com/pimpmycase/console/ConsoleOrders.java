package com.pimpmycase.console;

import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderSubmission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** The orders table as the console reads it: newest first, a page at a time, or found by one id. */
final class ConsoleOrders {

    static final int PAGE = 50;
    private static final String COLUMNS =
            "seq, third_pay_id, third_id, mobile_model_id, pic, device_id, mobile_shell_id, created_at";
    private static final RowMapper<Order> ORDER = (rs, context) -> new Order(rs.getLong("seq"),
            new OrderSubmission(rs.getString("third_pay_id"), rs.getString("third_id"),
                    rs.getString("mobile_model_id"), rs.getString("pic"), rs.getString("device_id"),
                    rs.getString("mobile_shell_id")),
            context.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", context));

    private final Jdbi jdbi;

    ConsoleOrders(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page, newest first. */
    record Page(List<Order> orders, Long olderThan) {}

    /**
     * Up to {@link #PAGE} orders stored before position {@code before} ({@code null}: the newest),
     * newest first; {@code search} (exact {@code third_id} or {@code third_pay_id}) narrows them.
     */
    Page newest(Long before, String search) {
        List<String> where = new ArrayList<>(2);
        if (before != null) {
            where.add("seq < :before");
        }
        if (search != null) {
            where.add("(third_id = :search OR third_pay_id = :search)");
        }
        String sql = "SELECT " + COLUMNS + " FROM orders" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY seq DESC LIMIT :limit";
        List<Order> orders = new ArrayList<>(jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql).bind("limit", PAGE + 1);
            if (before != null) {
                query.bind("before", before.longValue());
            }
            if (search != null) {
                query.bind("search", search);
            }
            return query.map(ORDER).list();
        }));
        if (orders.size() > PAGE) {
            orders.remove(PAGE);
            return new Page(orders, orders.get(PAGE - 1).seq());
        }
        return new Page(orders, null);
    }

    /** The order with {@code thirdId}, or {@code null}. */
    Order find(String thirdId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM orders WHERE third_id = :id")
                .bind("id", thirdId).map(ORDER).findOne().orElse(null));
    }
}
