package com.pimpmycase.order;

import java.time.Instant;

/** One entry of an order's timeline (SPEC §11). */
public record OrderEvent(Instant at, OrderEventKind kind, String detail) {
}
