package com.pimpmycase.delivery;

import java.util.Locale;

/** The states of SPEC §9's delivery record; {@link #wireName()} is what the API and the table hold. */
public enum DeliveryState {
    /** Delivery was not configured when the order was stored. */
    OFF,
    /** Payment mode: waiting for the manufacturer to report the third_pay_id paid. */
    AWAITING_PAYMENT,
    /** Due now or at next_attempt_at. */
    PENDING,
    /** A node holds the claim and an attempt is in flight. */
    DELIVERING,
    DELIVERED,
    /** The manufacturer refused the order: no automatic retry. */
    REJECTED,
    /** Not through within giveUpAfter of its first attempt. */
    FAILED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** The state with this wire name, or {@code null}. */
    public static DeliveryState of(String wireName) {
        for (DeliveryState state : values()) {
            if (state.wireName.equals(wireName)) {
                return state;
            }
        }
        return null;
    }
}
