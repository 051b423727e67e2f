package com.pimpmycase.token;

import java.time.Clock;
import java.time.Duration;

/**
 * SPEC §2's time rules with the clock leeway, in one place: a token is expired once
 * {@code now > exp + leeway} (so still valid during its expiry second and the leeway after it), and
 * it asks for too long a life when {@code exp > now + max lifetime + leeway}. The verifier, support's
 * explanation and the revocations (a revoked link past its expiry is simply expired, SPEC §10) all
 * ask here. Times are Unix seconds.
 */
public final class Expiry {

    private final long leewaySeconds;

    /** @throws IllegalArgumentException when {@code leeway} is negative */
    public Expiry(Duration leeway) {
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
        this.leewaySeconds = leeway.toSeconds();
    }

    /** Now in Unix seconds, rounded down: a token's expiry second is whole. */
    public static long nowSeconds(Clock clock) {
        return Math.floorDiv(clock.millis(), 1000); // millis(): no Instant to allocate on the image path
    }

    /** Whether a token expiring at {@code expiresAt} is expired at {@code now}: {@code now > exp + leeway}. */
    public boolean isExpired(long expiresAt, long now) {
        return now > expiresAt + leewaySeconds;
    }

    public boolean isExpired(Token token, long now) {
        return isExpired(token.expiresAt(), now);
    }

    /**
     * The earliest expiry still valid at {@code now}: {@code exp >= this} exactly when not
     * {@link #isExpired}. For queries, which compare a stored expiry with one value.
     */
    public long earliestValidAt(long now) {
        return now - leewaySeconds;
    }

    /** Whether the token is valid for longer than {@code maxLifetime} from {@code now} (+ leeway). */
    public boolean exceedsLifetime(Token token, Duration maxLifetime, long now) {
        return token.expiresAt() > now + maxLifetime.toSeconds() + leewaySeconds;
    }

    public long leewaySeconds() {
        return leewaySeconds;
    }
}
