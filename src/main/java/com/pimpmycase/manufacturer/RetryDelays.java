package com.pimpmycase.manufacturer;

import java.time.Duration;

/**
 * How long the n-th retry waits after a failed attempt (SPEC §9: backoff with jitter): the
 * configured {@link RetrySchedule} in service, a fixed delay in tests.
 */
@FunctionalInterface
public interface RetryDelays {

    /** @param retry 1 for the first retry after a failed attempt, then 2, 3 … */
    Duration delay(int retry);
}
