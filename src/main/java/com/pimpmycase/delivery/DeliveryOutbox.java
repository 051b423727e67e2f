package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.PaymentStatus;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderStore;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Records a new order's delivery in the order's own transaction (SPEC §9: "recorded in the same
 * database transaction as the order"), so an acknowledged order always has its delivery: {@code off}
 * when delivery is not configured; in payment mode {@code awaiting_payment} unless its
 * third_pay_id is already reported paid; else {@code pending}, due at once.
 * It writes on the {@link Handle} of the order's own transaction ({@link OrderStore}).
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
    public void stored(Handle handle, Order order) {
        DeliveryState state = initialState(handle, order.submission().thirdPayId());
        Instant due = state == DeliveryState.PENDING ? clock.instant() : null;
        handle.createUpdate("INSERT INTO deliveries (third_id, order_seq, third_pay_id, state, attempts, failures,"
                        + " due_at, next_attempt_at, version) VALUES (:thirdId, :seq, :thirdPayId, :state, 0, 0, :due, :due, 0)")
                .bind("thirdId", order.thirdId())
                .bind("seq", order.seq())
                .bind("thirdPayId", order.submission().thirdPayId())
                .bind("state", state.wireName())
                .bindByType("due", due, Instant.class)
                .execute();
    }

    private DeliveryState initialState(Handle handle, String thirdPayId) {
        if (config == null) {
            return DeliveryState.OFF;
        }
        if (config.deliverOn() == ManufacturerConfig.DeliverOn.SUBMIT || isPaid(handle, thirdPayId)) {
            return DeliveryState.PENDING;
        }
        return DeliveryState.AWAITING_PAYMENT;
    }

    private static boolean isPaid(Handle handle, String thirdPayId) {
        return handle.createQuery("SELECT status FROM payments WHERE third_pay_id = ?")
                .bind(0, thirdPayId)
                .mapTo(Integer.class)
                .findOne()
                .map(status -> status == PaymentStatus.PAID)
                .orElse(false);
    }
}
