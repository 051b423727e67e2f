package com.pimpmycase.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that throws a RuntimeException when read: a failure in the middle of a transaction. */
public final class BrokenClock extends Clock {

    public static final BrokenClock INSTANCE = new BrokenClock();

    private BrokenClock() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        throw new IllegalStateException("the clock broke");
    }
}
