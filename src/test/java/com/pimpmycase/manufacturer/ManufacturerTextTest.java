package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §6: the manufacturer's msg is stripped of secrets before it is shortened, and of unsafe characters. */
class ManufacturerTextTest {

    /** 39 characters, like the review's fixedKey. */
    static final String FIXED_KEY = "fk-Production-7c4e1b9a2d6f8e3a5b0c9d1e2f";
    static final String PASSWORD = "s3cret-Passw0rd";
    static final String WEBHOOK_SECRET = "whs-0123456789abcdefghijklmnopqrstuv";
    final ManufacturerText text = new ManufacturerText(List.of(FIXED_KEY, PASSWORD, WEBHOOK_SECRET));

    @Test
    void theReviewsCaseKeepsNoPartOfTheFixedKeyWhenTheMessageIsCut() {
        // Before: the msg was cut to 200 characters first, and 25 of the key's 39 characters survived.
        String msg = "x".repeat(175) + " sign input was " + FIXED_KEY;
        String safe = text.safe(msg, List.of());
        assertNoRunOf(FIXED_KEY, safe);
        assertTrue(safe.length() <= ManufacturerText.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"upper", "lower", "prefix", "middle", "suffix"})
    void aSecretInAnotherCaseOrAnyRunOfEightOfItsCharactersIsBlanked(String variant) {
        String shown = switch (variant) {
            case "upper" -> FIXED_KEY.toUpperCase(Locale.ROOT);
            case "lower" -> FIXED_KEY.toLowerCase(Locale.ROOT);
            case "prefix" -> FIXED_KEY.substring(0, 8);
            case "middle" -> FIXED_KEY.substring(10, 22);
            default -> FIXED_KEY.substring(FIXED_KEY.length() - 9);
        };
        String safe = text.safe("wrong key: " + shown + " (check it)", List.of());
        assertEquals("wrong key: *** (check it)", safe);
    }

    @Test
    void sevenCharactersOfASecretAreOrdinaryText() {
        assertEquals("see fk-Prod here", text.safe("see fk-Prod here", List.of()));
    }

    @Test
    void thePasswordAndWebhookSecretToo() {
        String safe = text.safe("account pw " + PASSWORD.toUpperCase(Locale.ROOT) + " hook " + WEBHOOK_SECRET, List.of());
        assertEquals("account pw *** hook ***", safe);
    }

    @Test
    void theLoginTokenAndSignsJustSentAndLongHexRuns() {
        String token = "eyJhbGciOiJIUzI1NiJ9.e30.abcDEF";
        String sign = "0123456789abcdef0123456789abcdef";
        String safe = text.safe("token " + token + " sign " + sign.toUpperCase(Locale.ROOT) + " sig "
                + "c1791efad696b1bc60d45a2852731e897332e43716cb75b5db750694f6414105", List.of(token, sign));
        assertEquals("token *** sign *** sig ***", safe);
        assertEquals("id fedcba9876543210fedcba987654321 ok",
                text.safe("id fedcba9876543210fedcba987654321 ok", List.of()), "31 hex digits are kept");
    }

    @Test
    void separatorsBidiAndControlsBecomeSpaces() {
        String safe = text.safe("a\u2028b\u2029c\u202Ed\u2066e\u2069f\ng\rh\u0000i", List.of());
        assertEquals("a b c d e f g h i", safe);
    }

    @Test
    void longTextIsCutToTheLimitAndEmptyTextIsNull() {
        assertEquals(ManufacturerText.MAX_LENGTH, text.safe("y".repeat(5000), List.of()).length());
        assertNull(text.safe("  \u2028 ", List.of()));
        assertNull(text.safe(null, List.of()));
    }

    @Test
    void aSecretStraddlingTheCutIsBlankedBeforeTheCut() {
        String msg = "z".repeat(195) + PASSWORD;
        String safe = text.safe(msg, List.of());
        assertFalse(safe.contains("s3cre"), safe);
        assertTrue(safe.endsWith("***"));
    }

    static void assertNoRunOf(String secret, String shown) {
        String lower = shown.toLowerCase(Locale.ROOT);
        String s = secret.toLowerCase(Locale.ROOT);
        for (int i = 0; i + ManufacturerText.SECRET_RUN <= s.length(); i++) {
            String run = s.substring(i, i + ManufacturerText.SECRET_RUN);
            assertFalse(lower.contains(run), () -> "a run of the secret in: " + shown);
        }
    }
}
