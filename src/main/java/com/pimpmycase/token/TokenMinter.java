package com.pimpmycase.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Issues tokens with the active key: {@code exp = now + lifetime} (SPEC §2). Thread-safe. */
public final class TokenMinter {

    private final SigningKeys keys;
    private final PartnerPolicies policies;
    private final Clock clock;

    public TokenMinter(SigningKeys keys, PartnerPolicies policies, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code filename} with the partner's default lifetime. */
    public Token mint(String filename, String partnerType) {
        return mint(filename, partnerType, policy(partnerType).defaultLifetime());
    }

    /**
     * A token for {@code filename} living {@code requested}, cut to the partner's maximum.
     *
     * @throws UnknownPartnerTypeException when the partner type is not configured
     */
    public Token mint(String filename, String partnerType, Duration requested) {
        PartnerPolicy policy = policy(partnerType);
        if (requested.isNegative() || requested.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        long exp = clock.instant().getEpochSecond() + policy.cap(requested).toSeconds();
        return new Token(exp, partnerType, keys.sign(filename, exp, partnerType));
    }

    /** @throws UnknownPartnerTypeException when the partner type is not configured */
    public PartnerPolicy policy(String partnerType) {
        PartnerPolicy policy = policies.find(partnerType);
        if (policy == null) {
            throw new UnknownPartnerTypeException(partnerType);
        }
        return policy;
    }

    public PartnerPolicies policies() {
        return policies;
    }

    public Clock clock() {
        return clock;
    }
}
