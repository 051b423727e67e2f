package com.pimpmycase.token;

import java.time.Duration;
import java.util.Objects;

/**
 * How long tokens of one partner type live: {@code defaultLifetime} when the caller does not ask,
 * never more than {@code maxLifetime} (SPEC §2).
 */
public record PartnerPolicy(String type, Duration defaultLifetime, Duration maxLifetime) {

    public PartnerPolicy {
        Objects.requireNonNull(type, "type");
        if (defaultLifetime.isNegative() || defaultLifetime.isZero()) {
            throw new IllegalArgumentException("default lifetime of " + type + " must be positive");
        }
        if (defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException(
                    "default lifetime of " + type + " is longer than its maximum");
        }
    }

    /** The lifetime a mint gets when it asks for {@code requested}: never more than the maximum. */
    public Duration cap(Duration requested) {
        return requested.compareTo(maxLifetime) > 0 ? maxLifetime : requested;
    }
}
