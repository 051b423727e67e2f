package com.pimpmycase.order;

import java.time.Instant;

/**
 * One entry of an order's timeline (SPEC §11).
 *
 * @param detail what the API shows, to shops and admins alike
 * @param staffDetail what the operator console shows instead, when the event says more to staff
 *        (who made an administrator's revocation, and why); {@code null} when it is {@code detail}
 */
public record OrderEvent(Instant at, OrderEventKind kind, String detail, String staffDetail) {

    public OrderEvent(Instant at, OrderEventKind kind, String detail) {
        this(at, kind, detail, null);
    }

    /** What staff read: {@link #staffDetail} when there is one, else {@link #detail}. */
    public String detailForStaff() {
        return staffDetail == null ? detail : staffDetail;
    }
}
