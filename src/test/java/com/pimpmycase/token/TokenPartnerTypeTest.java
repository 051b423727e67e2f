package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §2: a partner type is 1–64 characters of {@code [A-Za-z0-9_-]}. Anything else cannot be a
 * configured type, so it is {@code token_malformed}, not {@code partner_type_unknown}.
 */
class TokenPartnerTypeTest {

    static final String SIG = "ab".repeat(32);
    static final long NOW = 1_756_378_400L;
    static final TokenVerifier VERIFIER = new TokenVerifier(SigningKeys.of("unit-test-signing-key-0123456789abcdef"),
            PartnerPolicies.defaults(), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), Duration.ZERO);

    static String verdictFor(String partnerType) {
        return ((Verdict.Refused) VERIFIER.verify("design.png", (NOW + 60) + ":" + partnerType + ":" + SIG))
                .reason().type();
    }

    // Each row: a partner type (escapes such as \\u0000 decoded by unescape) and the verifier's answer.
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            end_user              | token_signature_invalid
            chinese_manufacturing | token_signature_invalid
            reseller              | partner_type_unknown
            Re-Sell_3r            | partner_type_unknown
            x                     | partner_type_unknown
            'end user'            | token_malformed
            'end_user '           | token_malformed
            ' end_user'           | token_malformed
            end.user              | token_malformed
            end/user              | token_malformed
            end+user              | token_malformed
            end%5fuser            | token_malformed
            end\\\\user           | token_malformed
            end"user              | token_malformed
            end\\u0000user        | token_malformed
            end_user\\n           | token_malformed
            \\u00e9nd_user        | token_malformed
            end\\u015fuser        | token_malformed
            end\\u0141user        | token_malformed
            end_\\uff55ser        | token_malformed
            \\u0661\\u0662        | token_malformed
            """)
    void onlyTheContractsCharactersMakeAPartnerType(String partnerType, String expected) {
        String type = unescape(partnerType);
        assertEquals(expected, verdictFor(type), type);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64})
    void upToSixtyFourCharactersIsWellFormed(int length) {
        assertEquals("partner_type_unknown", verdictFor("p".repeat(length)));
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 66, 200, 10_000})
    void longerIsMalformed(int length) {
        assertEquals("token_malformed", verdictFor("p".repeat(length)));
        assertNull(Token.parse("1:" + "p".repeat(length) + ":" + SIG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "end user", "end:user", "end_user\u0000", "\u00e9"})
    void aTokenCannotBeMadeWithAPartnerTypeItCouldNotBeReadBackWith(String partnerType) {
        assertThrows(IllegalArgumentException.class, () -> new Token(1, partnerType, SIG));
        assertThrows(IllegalArgumentException.class, () -> new Token(1, "p".repeat(65), SIG));
    }

    /** Turns the {@code \n}, {@code \\} and {@code \}{@code uXXXX} escapes of the table into characters. */
    static String unescape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'n' -> sb.append('\n');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> sb.append(next);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
