package com.pimpmycase.manufacturer;

import com.pimpmycase.config.ManufacturerConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a failed delivery waits before its next attempt (SPEC §9): the n-th retry waits
 * {@code min(longest, first × 2^(n−1))}, then ±20 % jitter so that orders failed together (the
 * manufacturer was down for all of them) do not all come back in the same second.
 */
public final class RetrySchedule implements RetryDelays {

    /** ±20 %: the factor is drawn from [0.8, 1.2). */
    static final double JITTER = 0.2;

    private final Duration first;
    private final Duration longest;
    private final DoubleSupplier random;

    /**
     * @param random values in [0, 1); the jitter is {@code 1 + 0.4 × (random − 0.5)}
     */
    public RetrySchedule(Duration first, Duration longest, DoubleSupplier random) {
        if (first.isNegative() || first.isZero() || first.compareTo(longest) > 0) {
            throw new IllegalArgumentException("need 0 < first <= longest, got " + first + ".." + longest);
        }
        this.first = first;
        this.longest = longest;
        this.random = random;
    }

    /** The configured {@code retryBackoff}, with real randomness. */
    public static RetrySchedule of(ManufacturerConfig config) {
        return new RetrySchedule(config.retryFirst(), config.retryLongest(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before the {@code n}-th retry (n ≥ 1; the first retry follows the first failed attempt). */
    @Override
    public Duration delay(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + n);
        }
        double factor = 1 + 2 * JITTER * (random.getAsDouble() - 0.5);
        return Duration.ofMillis(Math.round(base(n).toMillis() * factor));
    }

    /** {@code min(longest, first × 2^(n−1))} without overflow, whatever {@code n}. */
    Duration base(int n) {
        int doublings = n - 1;
        long firstMillis = first.toMillis();
        long longestMillis = longest.toMillis();
        // first × 2^d > longest  ⇔  first > longest >> d (and d ≥ 63 means longest >> d is 0)
        if (doublings >= Long.SIZE - 1 || firstMillis > longestMillis >> doublings) {
            return longest;
        }
        return Duration.ofMillis(firstMillis << doublings);
    }
}
