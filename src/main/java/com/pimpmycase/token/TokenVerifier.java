package com.pimpmycase.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks tokens exactly in the order of SPEC §2: format, partner type, signature (active then
 * retired keys), expiry with leeway, lifetime cap. Built once from configuration; thread-safe.
 */
public final class TokenVerifier {

    private final SigningKeys keys;
    private final PartnerPolicies policies;
    private final Clock clock;
    private final long leewaySeconds;

    public TokenVerifier(SigningKeys keys, PartnerPolicies policies, Clock clock, Duration leeway) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
        this.leewaySeconds = leeway.toSeconds();
    }

    /** Verifies {@code tokenText} for {@code filename}; never throws for any input. */
    public Verdict verify(String filename, String tokenText) {
        Token token = Token.parse(tokenText);
        if (token == null) {
            return Verdict.Refused.because(Refusal.MALFORMED, null);
        }
        PartnerPolicy policy = policies.find(token.partnerType());
        if (policy == null) {
            return Verdict.Refused.because(Refusal.PARTNER_TYPE_UNKNOWN, token);
        }
        if (!keys.verify(filename, token)) {
            return Verdict.Refused.because(Refusal.SIGNATURE_INVALID, token);
        }
        long now = Math.floorDiv(clock.millis(), 1000); // millis(): no Instant to allocate
        // Still valid during its expiry second: expired only once now is past exp (+ leeway).
        if (now > token.expiresAt() + leewaySeconds) {
            return new Verdict.Refused(Refusal.EXPIRED, token, Instant.ofEpochSecond(token.expiresAt()));
        }
        // Checked against today's policy, so lowering a maximum also shortens issued tokens.
        if (token.expiresAt() > now + policy.maxLifetime().toSeconds() + leewaySeconds) {
            return Verdict.Refused.because(Refusal.LIFETIME_EXCEEDS_POLICY, token);
        }
        return new Verdict.Accepted(token);
    }
}
