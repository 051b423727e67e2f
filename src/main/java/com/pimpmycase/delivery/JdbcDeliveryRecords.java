package com.pimpmycase.delivery;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Delivery records and payment statuses as the deliveries and payments tables hold them. */
public final class JdbcDeliveryRecords implements DeliveryRecords {

    /** A delivery record with its order's third_id, as the delivery list shows it. */
    public record Listed(String thirdId, DeliveryRecord record) {
    }

    private static final String COLUMNS = "third_id, state, attempts, last_attempt_at, next_attempt_at, last_error,"
            + " delivered_at, manufacturer_order_id, queue_no, manufacturer_status, manufacturer_status_at,"
            + " pic_expires_at, manufacturer_payment_id";

    private final Jdbi jdbi;

    public JdbcDeliveryRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The record of {@code thirdId}; {@link DeliveryRecord#OFF} when there is none (no such order). */
    @Override
    public DeliveryRecord of(String thirdId) throws SQLException {
        DeliveryRecord record = Transactions.withHandle(jdbi, h -> of(h, thirdId));
        return record == null ? DeliveryRecord.OFF : record;
    }

    /** The record of {@code thirdId}, or {@code null}. */
    static DeliveryRecord of(Handle h, String thirdId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM deliveries WHERE third_id = :thirdId")
                .bind("thirdId", thirdId).map(JdbcDeliveryRecords::read).findFirst().orElse(null);
    }

    @Override
    public Integer paymentStatus(String thirdPayId) throws SQLException {
        return Transactions.withHandle(jdbi, h -> h.createQuery("SELECT status FROM payments WHERE third_pay_id = :id")
                .bind("id", thirdPayId).mapTo(Integer.class).findFirst().orElse(null));
    }

    /** Up to {@code limit} records, oldest order first, of one state or ({@code null}) all. */
    public List<Listed> list(DeliveryState state, int limit) throws SQLException {
        return Transactions.withHandle(jdbi, h -> {
            Query select = h.createQuery("SELECT " + COLUMNS + " FROM deliveries"
                    + (state == null ? "" : " WHERE state = :state") + " ORDER BY order_seq LIMIT :limit")
                    .bind("limit", limit);
            if (state != null) {
                select.bind("state", state.wireName());
            }
            return select.map((rs, ctx) -> new Listed(rs.getString("third_id"), read(rs, ctx))).list();
        });
    }

    private static DeliveryRecord read(ResultSet rs, StatementContext context) throws SQLException {
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
