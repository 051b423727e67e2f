package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §2's order with the revocation step (SPEC §10): format → partner type → signature →
 * revocation → expiry → lifetime. One row per neighbour of the revocation step, with a revocation
 * that covers the token's file (a block) or the very token (a link revocation).
 */
class TokenVerifierRevocationTest {

    static final String KEY = "unit-test-signing-key-0123456789abcdef";
    static final String FILE = "design-1756378358-e5f1af36.png";
    static final long NOW = 1_756_378_400L;
    static final long LEEWAY = 30;

    /** Blocks {@code FILE}: covers every genuine token for it, like the snapshot does. */
    static final Revocations BLOCKED = (filename, token) -> filename.equals(FILE);

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static Token mint(long now, Duration lifetime) {
        return new TokenMinter(SigningKeys.of(KEY), PartnerPolicies.withOverrides("end_user=1h/30d"), at(now))
                .mint(FILE, "end_user", lifetime);
    }

    static Verdict verify(long now, Revocations revocations, String token) {
        return new TokenVerifier(SigningKeys.of(KEY), PartnerPolicies.defaults(), at(now),
                Duration.ofSeconds(LEEWAY), revocations).verify(FILE, token);
    }

    static Stream<Arguments> order() {
        Token valid = mint(NOW, Duration.ofHours(1));
        Token expired = mint(NOW - 7200, Duration.ofHours(1)); // expired an hour ago
        Token tooLong = mint(NOW, Duration.ofDays(10)); // end_user's maximum is 4 h
        String forged = valid.expiresAt() + ":end_user:" + "ab".repeat(32);
        return Stream.of(
                Arguments.of("no revocation: accepted", Revocations.NONE, valid.text(), null),
                Arguments.of("blocked image, genuine token", BLOCKED, valid.text(), "token_revoked"),
                Arguments.of("malformed comes first", BLOCKED, "abc", "token_malformed"),
                Arguments.of("unknown partner type comes first", BLOCKED,
                        NOW + ":reseller:" + "ab".repeat(32), "partner_type_unknown"),
                Arguments.of("a forger learns nothing of a revocation", BLOCKED, forged, "token_signature_invalid"),
                Arguments.of("a block refuses expired links too", BLOCKED, expired.text(), "token_revoked"),
                Arguments.of("revocation before the lifetime cap", BLOCKED, tooLong.text(), "token_revoked"),
                Arguments.of("expired, nothing revoked", Revocations.NONE, expired.text(), "token_expired"),
                Arguments.of("too long, nothing revoked", Revocations.NONE, tooLong.text(),
                        "token_lifetime_exceeds_policy"),
                Arguments.of("another link revoked: not this one", revokedLinks(mint(NOW, Duration.ofMinutes(30))),
                        valid.text(), null),
                Arguments.of("this link revoked", revokedLinks(valid), valid.text(), "token_revoked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void order(String name, Revocations revocations, String token, String refusal) {
        Verdict verdict = verify(NOW, revocations, token);
        if (refusal == null) {
            assertInstanceOf(Verdict.Accepted.class, verdict, name);
        } else {
            assertEquals(refusal, assertInstanceOf(Verdict.Refused.class, verdict, name).reason().type(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("order")
    void ignoringRevocationEverythingElseStillCounts(String name, Revocations revocations, String token,
            String refusal) {
        Verdict verdict = new TokenVerifier(SigningKeys.of(KEY), PartnerPolicies.defaults(), at(NOW),
                Duration.ofSeconds(LEEWAY), revocations).verifyIgnoringRevocation(FILE, token);
        String expected = "token_revoked".equals(refusal)
                ? verify(NOW, Revocations.NONE, token) instanceof Verdict.Refused r ? r.reason().type() : null
                : refusal;
        if (expected == null) {
            assertInstanceOf(Verdict.Accepted.class, verdict, name);
        } else {
            assertEquals(expected, assertInstanceOf(Verdict.Refused.class, verdict, name).reason().type(), name);
        }
    }

    static Revocations revokedLinks(Token... tokens) {
        Set<Token> revoked = Set.of(tokens);
        return (filename, token) -> revoked.contains(token);
    }
}
