package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link Token#parse} and {@link TokenVerifier#verify} with random bytes and with mutations of
 * genuine tokens (seeded, so a failure is reproducible). Checked for every input: nothing throws;
 * the parser agrees with an independent regular expression of SPEC §2; only the untouched genuine
 * token is accepted; what is parsed reads back as itself.
 */
class TokenParserFuzzTest {

    /** SPEC §2 as one expression: the oracle the hand-written parser must agree with. */
    static final Pattern WIRE_FORM = Pattern.compile("(0|[1-9][0-9]{0,11}):[A-Za-z0-9_-]{1,64}:[0-9a-f]{64}");
    static final String KEY = "fuzz-test-signing-key-0123456789abcdef";
    static final String FILE = "order-OREN250828378396-final-1764313200-9f2c41d7.png";
    static final long NOW = 1_756_378_400L;
    /** Characters near the interesting boundaries: separators, hex, case, digits, non-ASCII look-alikes. */
    static final String ALPHABET = "0123456789abcdefABCDEFxyz:_-+ .%/\\\t\n\u0000\u007f\u0080\u00e9\u0130\u015f"
            + "\u0161\u0661\uff10\uff1a\ud83d\ude00\ufffd";

    final Random random = new Random(20261202);
    final TokenMinter minter = new TokenMinter(SigningKeys.of(KEY), PartnerPolicies.defaults(),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    final TokenVerifier verifier = new TokenVerifier(SigningKeys.of(KEY), PartnerPolicies.defaults(),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), Duration.ZERO);

    @Test
    void randomBytesAreRefusedAndNeverThrow() {
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(160)];
            random.nextBytes(bytes);
            // Both readings a container might give the query's bytes.
            check(new String(bytes, StandardCharsets.UTF_8));
            check(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void randomTextFromTheBoundaryAlphabetNeverThrows() {
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(140); n > 0; n--) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            check(sb.toString());
        }
    }

    @Test
    void mutationsOfGenuineTokensAreNeverAccepted() {
        List<String> partners = List.of("end_user", "chinese_manufacturing", "admin");
        String[] genuines = new String[60];
        for (int i = 0; i < genuines.length; i++) {
            genuines[i] = minter.mint(FILE, partners.get(i % partners.size()), Duration.ofSeconds(60 + i)).text();
        }
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            String genuine = genuines[random.nextInt(genuines.length)];
            String mutated = mutate(genuine, 1 + random.nextInt(3));
            Verdict verdict = check(mutated);
            if (!mutated.equals(genuine)) {
                assertTrue(verdict instanceof Verdict.Refused, mutated);
            }
            if (Token.parse(mutated) != null) {
                parsed++;
            }
        }
        // The mutations must reach past the format check often enough to exercise the rest too.
        assertTrue(parsed > 3_000, "only " + parsed + " mutations were well-formed");
    }

    /** Parses and verifies {@code text}, checking every property; returns the verdict. */
    private Verdict check(String text) {
        Token token;
        Verdict verdict;
        try {
            token = Token.parse(text);
            verdict = verifier.verify(FILE, text);
        } catch (RuntimeException e) {
            throw new AssertionError("threw on " + escape(text), e);
        }
        boolean wellFormed = WIRE_FORM.matcher(text).matches();
        if (wellFormed) {
            assertNotNull(token, () -> "refused a well-formed token: " + escape(text));
            assertEquals(text, token.text());
            assertEquals(token, Token.parse(token.text()));
            assertEquals(text, new Token(token.expiresAt(), token.partnerType(), token.signature()).text());
            assertFalse(token.redacted().contains(token.signature()));
        } else {
            assertNull(token, () -> "accepted a malformed token: " + escape(text));
        }
        assertNotNull(verdict);
        if (verdict instanceof Verdict.Refused refused) {
            assertEquals(wellFormed, refused.reason() != Refusal.MALFORMED, () -> escape(text));
        } else if (!(verdict instanceof Verdict.Accepted)) {
            fail("unknown verdict " + verdict);
        }
        return verdict;
    }

    /** {@code count} random edits: replace, insert, delete, swap, duplicate or cut. */
    private String mutate(String text, int count) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < count; i++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(at, c);
                    }
                }
                case 1 -> sb.insert(at, c);
                case 2 -> {
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                }
                case 3 -> {
                    if (sb.length() > 1) {
                        int other = random.nextInt(sb.length());
                        char a = sb.charAt(at);
                        sb.setCharAt(at, sb.charAt(other));
                        sb.setCharAt(other, a);
                    }
                }
                case 4 -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(8));
                    sb.insert(at, sb.substring(at, end));
                }
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        text.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return sb.toString();
    }
}
