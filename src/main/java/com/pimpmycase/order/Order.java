package com.pimpmycase.order;

import java.time.Instant;

/**
 * A stored order (SPEC §4): the shop's five ids, the image's filename, when it was stored, and its
 * position {@code seq} in the store order.
 */
public record Order(long seq, OrderSubmission submission, Instant createdAt) {

    public String thirdId() {
        return submission.thirdId();
    }

    public String pic() {
        return submission.pic();
    }
}
