package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SPEC §2's {@code now > exp + leeway}, at its boundary, for the rule and for the verifier that applies it. */
class ExpiryTest {

    /** The vectors' genuine manufacturing token ("valid during its expiry second"). */
    private static final JsonNode CASE = vector("valid during its expiry second");
    private static final Token TOKEN = Token.parse(CASE.get("token").asText());
    private static final long EXP = TOKEN.expiresAt();

    @ParameterizedTest(name = "leeway {0} s, now = exp + {1} s: expired {2}")
    @CsvSource({
        "0, -1, false",
        "0, 0, false",
        "0, 1, true",
        "30, 30, false",
        "30, 31, true",
        "300, 300, false",
        "300, 301, true",
    })
    void expiredOnlyOnceNowIsPastExpPlusLeeway(long leeway, long afterExp, boolean expired) {
        Expiry expiry = new Expiry(Duration.ofSeconds(leeway));

        assertEquals(expired, expiry.isExpired(TOKEN, EXP + afterExp));
        // The query form of the same rule: exp >= earliestValidAt(now) exactly when not expired.
        assertEquals(!expired, EXP >= expiry.earliestValidAt(EXP + afterExp));
    }

    @ParameterizedTest(name = "leeway {0} s, now = exp + {1} s: {2}")
    @CsvSource({
        "0, 0, valid",
        "0, 1, token_expired",
        "30, 30, valid",
        "30, 31, token_expired",
    })
    void theVerifierAppliesTheRuleToTheVectorsToken(long leeway, long afterExp, String expect) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(EXP + afterExp), ZoneOffset.UTC);
        TokenVerifier verifier = new TokenVerifier(TokenVectorsTest.keys(), TokenVectorsTest.policies(), clock,
                Duration.ofSeconds(leeway));

        Verdict verdict = verifier.verify(CASE.get("filename").asText(), TOKEN.text());

        if (expect.equals("valid")) {
            assertInstanceOf(Verdict.Accepted.class, verdict);
        } else {
            assertEquals(expect, assertInstanceOf(Verdict.Refused.class, verdict).reason().type());
        }
    }

    @Test
    void theLifetimeCapAlsoAllowsTheLeeway() {
        Expiry expiry = new Expiry(Duration.ofSeconds(30));
        long now = EXP - 3600;

        assertFalse(expiry.exceedsLifetime(TOKEN, Duration.ofSeconds(3600 - 30), now));
        assertTrue(expiry.exceedsLifetime(TOKEN, Duration.ofSeconds(3600 - 31), now));
    }

    @Test
    void nowIsRoundedDownToTheSecond() {
        assertEquals(EXP, Expiry.nowSeconds(Clock.fixed(Instant.ofEpochSecond(EXP, 999_999_999), ZoneOffset.UTC)));
        assertEquals(-1, Expiry.nowSeconds(Clock.fixed(Instant.ofEpochMilli(-1), ZoneOffset.UTC)));
    }

    @Test
    void aNegativeLeewayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Expiry(Duration.ofSeconds(-1)));
    }

    private static JsonNode vector(String name) {
        for (JsonNode c : TokenVectorsTest.load().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException("no vector named " + name);
    }
}
