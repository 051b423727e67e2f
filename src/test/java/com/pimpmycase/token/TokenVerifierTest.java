package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    static final String KEY = "unit-test-signing-key-0123456789abcdef";
    static final String OLD_KEY = "unit-test-retired-key-0123456789abcdef";
    static final String FILE = "design-1756378358-e5f1af36.png";
    static final long NOW = 1_756_378_400L;

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static TokenMinter minter(String key, long now) {
        return new TokenMinter(SigningKeys.of(key), PartnerPolicies.defaults(), at(now));
    }

    static TokenVerifier verifier(long now, Duration leeway) {
        return new TokenVerifier(SigningKeys.of(KEY, List.of(OLD_KEY)), PartnerPolicies.defaults(), at(now), leeway);
    }

    static String refusal(Verdict verdict) {
        return assertInstanceOf(Verdict.Refused.class, verdict).reason().type();
    }

    @Test
    void mintedTokenVerifiesForItsFileOnly() {
        Token token = minter(KEY, NOW).mint(FILE, "chinese_manufacturing");

        assertInstanceOf(Verdict.Accepted.class, verifier(NOW, Duration.ZERO).verify(FILE, token.text()));
        assertEquals("token_signature_invalid",
                refusal(verifier(NOW, Duration.ZERO).verify("other-" + FILE, token.text())));
    }

    @Test
    void retiredKeyStillVerifiesAndUnknownKeyDoesNot() {
        Token old = minter(OLD_KEY, NOW).mint(FILE, "end_user");
        Token foreign = minter("some-other-key-that-nobody-configured-xx", NOW).mint(FILE, "end_user");

        assertInstanceOf(Verdict.Accepted.class, verifier(NOW, Duration.ZERO).verify(FILE, old.text()));
        assertEquals("token_signature_invalid", refusal(verifier(NOW, Duration.ZERO).verify(FILE, foreign.text())));
    }

    @Test
    void expiredIsReportedWithItsExpiryAndOnlyForGenuineTokens() {
        Token token = minter(KEY, NOW).mint(FILE, "end_user"); // exp = NOW + 1h
        long after = token.expiresAt() + 1;

        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class,
                verifier(after, Duration.ZERO).verify(FILE, token.text()));
        assertEquals(Refusal.EXPIRED, refused.reason());
        assertEquals(Instant.ofEpochSecond(token.expiresAt()), refused.expiredAt());

        Token forged = new Token(token.expiresAt(), "end_user", "0".repeat(64));
        assertEquals("token_signature_invalid", refusal(verifier(after, Duration.ZERO).verify(FILE, forged.text())));
    }

    @Test
    void leewayExtendsExpiryAndTheLifetimeCap() {
        Token token = minter(KEY, NOW).mint(FILE, "end_user");
        Duration leeway = Duration.ofSeconds(30);

        assertInstanceOf(Verdict.Accepted.class, verifier(token.expiresAt() + 30, leeway).verify(FILE, token.text()));
        assertEquals("token_expired", refusal(verifier(token.expiresAt() + 31, leeway).verify(FILE, token.text())));

        // A token minted on a node whose clock runs 20 s ahead, at the partner's maximum lifetime.
        Token ahead = minter(KEY, NOW + 20).mint(FILE, "end_user", Duration.ofHours(4));
        assertEquals("token_lifetime_exceeds_policy", refusal(verifier(NOW, Duration.ZERO).verify(FILE, ahead.text())));
        assertInstanceOf(Verdict.Accepted.class, verifier(NOW, leeway).verify(FILE, ahead.text()));
    }

    @Test
    void loweringAPolicyShortensTokensAlreadyIssued() {
        Token token = minter(KEY, NOW).mint(FILE, "chinese_manufacturing"); // 48 h
        TokenVerifier stricter = new TokenVerifier(SigningKeys.of(KEY),
                PartnerPolicies.withOverrides("chinese_manufacturing=12h/24h"), at(NOW), Duration.ZERO);

        assertEquals("token_lifetime_exceeds_policy", refusal(stricter.verify(FILE, token.text())));
    }

    @Test
    void partnerTypeIsCheckedBeforeTheSignature() {
        String token = NOW + ":reseller:" + "ab".repeat(32);

        assertEquals("partner_type_unknown", refusal(verifier(NOW, Duration.ZERO).verify(FILE, token)));
    }

    @Test
    void lifetimeCapIsCheckedAfterExpiry() {
        // Far-future exp with a bad signature: the signature is what is wrong, not the cap.
        String token = (NOW + 999_999) + ":end_user:" + "ab".repeat(32);

        assertEquals("token_signature_invalid", refusal(verifier(NOW, Duration.ZERO).verify(FILE, token)));
    }

    @Test
    void malformedShapes() {
        String sig = "ab".repeat(32);
        for (String text : new String[] {"", ":", "::", "1:end_user", "1:end_user:" + sig + ":x",
                "0123:end_user:" + sig, "-1:end_user:" + sig, " 1:end_user:" + sig, "1 :end_user:" + sig,
                "1234567890123:end_user:" + sig, "1::" + sig, "1:end_user:" + sig.toUpperCase(),
                "1:end_user:" + sig.substring(2), "1:end_user:" + sig + "a", "１:end_user:" + sig,
                "1:end_user:" + sig.substring(1) + "g",
                // chars whose low byte is a hex digit, and a digit outside ASCII
                "1:end_user:" + sig.substring(1) + "\u0130", "1:end_user:\u0161" + sig.substring(1),
                "1:end_user:" + sig.substring(2) + "\u0661\u0661"}) {
            Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class,
                    verifier(NOW, Duration.ZERO).verify(FILE, text), text);
            assertEquals(Refusal.MALFORMED, refused.reason(), text);
            assertNull(refused.token());
        }
        assertEquals("token_malformed", refusal(verifier(NOW, Duration.ZERO).verify(FILE, null)));
    }

    @Test
    void twelveDigitExpiryIsWellFormed() {
        String token = "999999999999:end_user:" + "ab".repeat(32);

        assertEquals("token_signature_invalid", refusal(verifier(NOW, Duration.ZERO).verify(FILE, token)));
    }

    /** Property: whatever comes in, the verifier answers with a refusal of a known type, never throws. */
    @Test
    void randomGarbageIsAlwaysRefusedNeverThrown() {
        Random random = new Random(20261128);
        String alphabet = "0123456789abcdefABCDEF:_-+ .%\u00e9\u4e2d\u0000end_usrchinse_mafcturg";
        TokenVerifier verifier = verifier(NOW, Duration.ZERO);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(120);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Verdict verdict = verifier.verify(randomName(random), sb.toString());
            assertInstanceOf(Verdict.Refused.class, verdict, sb.toString());
        }
    }

    /** Property: well-formed tokens with random signatures never pass and are refused for the signature. */
    @Test
    void randomWellFormedSignaturesAreRefused() {
        Random random = new Random(42);
        TokenVerifier verifier = verifier(NOW, Duration.ZERO);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sig = new StringBuilder();
            for (int j = 0; j < 64; j++) {
                sig.append("0123456789abcdef".charAt(random.nextInt(16)));
            }
            String partner = List.of("end_user", "chinese_manufacturing", "admin").get(random.nextInt(3));
            String token = (NOW + random.nextInt(3600)) + ":" + partner + ":" + sig;
            assertEquals("token_signature_invalid", refusal(verifier.verify(randomName(random), token)), token);
        }
    }

    private static String randomName(Random random) {
        return "design-" + random.nextInt(1_000_000) + ".png";
    }
}
