package com.pimpmycase.manufacturer;

import com.pimpmycase.order.OrderSubmission;

/**
 * The manufacturer's own HTTP API as one delivery attempt sees it (SPEC §9): the payment steps of
 * the configured flow, then {@code order/orderData}, logging in (again) as the protocol says.
 * Implementations never throw for what the manufacturer answers or for network trouble: every
 * outcome is an {@link AttemptResult}.
 */
public interface ManufacturerApi {

    /**
     * One attempt: {@code order} with {@code picUrl} (the image URL with a freshly minted
     * {@code chinese_manufacturing} token) as its {@code pic}.
     */
    AttemptResult deliver(OrderSubmission order, String picUrl);
}
