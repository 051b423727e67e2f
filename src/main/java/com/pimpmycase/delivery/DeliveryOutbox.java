package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.PaymentStatus;
import com.pimpmycase.db.Sql;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Records a new order's delivery in the order's own transaction (SPEC §9: "recorded in the same
 * database transaction as the order"), so an acknowledged order always has its delivery: {@code off}
 * when delivery is not configured; in payment mode {@code awaiting_payment} unless its
 * third_pay_id is already reported paid; else {@code pending}, due at once.
 *
 * <p>Plain JDBC on purpose: it runs on the connection {@link OrderStore} hands over, inside the
 * order's transaction, and a Jdbi handle can only be had from its own pool connection. Once
 * OrderStore runs its transaction with {@code jdbi.inTransaction} and hands its {@code Handle}
 * over, these two statements become Jdbi's like the rest of the package.
 */
public final class DeliveryOutbox implements OrderStore.InSameTransaction {

    private final ManufacturerConfig config;
    private final Clock clock;

    /** @param config {@code null} when delivery is off */
    public DeliveryOutbox(ManufacturerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void stored(Connection connection, Order order) throws SQLException {
        DeliveryState state = initialState(connection, order.submission().thirdPayId());
        Instant now = clock.instant();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO deliveries (third_id, order_seq, third_pay_id, state, attempts, failures, due_at,"
                + " next_attempt_at, version) VALUES (?, ?, ?, ?, 0, 0, ?, ?, 0)")) {
            insert.setString(1, order.thirdId());
            insert.setLong(2, order.seq());
            insert.setString(3, order.submission().thirdPayId());
            insert.setString(4, state.wireName());
            Sql.time(insert, 5, state == DeliveryState.PENDING ? now : null);
            Sql.time(insert, 6, state == DeliveryState.PENDING ? now : null);
            insert.executeUpdate();
        }
    }

    private DeliveryState initialState(Connection connection, String thirdPayId) throws SQLException {
        if (config == null) {
            return DeliveryState.OFF;
        }
        if (config.deliverOn() == ManufacturerConfig.DeliverOn.SUBMIT || isPaid(connection, thirdPayId)) {
            return DeliveryState.PENDING;
        }
        return DeliveryState.AWAITING_PAYMENT;
    }

    private static boolean isPaid(Connection connection, String thirdPayId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status FROM payments WHERE third_pay_id = ?")) {
            select.setString(1, thirdPayId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getInt(1) == PaymentStatus.PAID;
            }
        }
    }
}
