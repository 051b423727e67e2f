package com.pimpmycase.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks tokens exactly in the order of SPEC §2: format, partner type, signature (active then
 * retired keys), revocation (SPEC §10), expiry with leeway, lifetime cap. Built once from
 * configuration; thread-safe. Every entry point that accepts a link (image, preview, refresh,
 * explain, console) verifies here, so none can forget the revocation step.
 */
public final class TokenVerifier {

    private final SigningKeys keys;
    private final PartnerPolicies policies;
    private final Clock clock;
    private final Expiry expiry;
    private final Revocations revocations;

    /** A verifier that knows of no revocation (tools, tests). */
    public TokenVerifier(SigningKeys keys, PartnerPolicies policies, Clock clock, Duration leeway) {
        this(keys, policies, clock, leeway, Revocations.NONE);
    }

    public TokenVerifier(SigningKeys keys, PartnerPolicies policies, Clock clock, Duration leeway,
            Revocations revocations) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expiry = new Expiry(leeway);
    }

    /** Verifies {@code tokenText} for {@code filename}; never throws for any input. */
    public Verdict verify(String filename, String tokenText) {
        return verify(filename, tokenText, revocations);
    }

    /**
     * Every check but revocation: what a link must pass to be revoked (SPEC §10), so that a link
     * already revoked, or to a blocked image, can still be named.
     */
    public Verdict verifyIgnoringRevocation(String filename, String tokenText) {
        return verify(filename, tokenText, Revocations.NONE);
    }

    private Verdict verify(String filename, String tokenText, Revocations revocations) {
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
        // After the signature, so a revocation tells a forger nothing; before expiry, so a block
        // refuses expired links too (a revoked link past exp + leeway is answered expired there).
        if (revocations.covers(filename, token)) {
            return Verdict.Refused.because(Refusal.REVOKED, token);
        }
        long now = Expiry.nowSeconds(clock);
        if (expiry.isExpired(token, now)) {
            return new Verdict.Refused(Refusal.EXPIRED, token, Instant.ofEpochSecond(token.expiresAt()));
        }
        // Checked against today's policy, so lowering a maximum also shortens issued tokens.
        if (expiry.exceedsLifetime(token, policy.maxLifetime(), now)) {
            return Verdict.Refused.because(Refusal.LIFETIME_EXCEEDS_POLICY, token);
        }
        return new Verdict.Accepted(token);
    }
}
