package com.pimpmycase.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 14.1: what a request can put into a log line, and what the line then shows. */
class LogTextTest {

    /**
     * Input and expected output, both written with Java-style {@code \}{@code uXXXX} escapes
     * (decoded here, so the table can name invisible characters).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a.png                                    | a.png
            /chinese/orders                          | /chinese/orders
            ""                                       | ""
            x\\u000d\\u000aINFO: forged              | x\\\\r\\\\nINFO: forged
            x\\u000aINFO: forged                     | x\\\\nINFO: forged
            x\\u000dINFO: forged                     | x\\\\rINFO: forged
            a\\u0009b                                | a\\\\tb
            nul\\u0000                               | nul\\\\u0000
            esc\\u001b[31m                           | esc\\\\u001b[31m
            del\\u007f                               | del\\\\u007f
            nel\\u0085x                              | nel\\\\u0085x
            c1\\u009b                                | c1\\\\u009b
            ls\\u2028x                               | ls\\\\u2028x
            ps\\u2029x                               | ps\\\\u2029x
            rlo\\u202egnp.exe                        | rlo\\\\u202egnp.exe
            zw\\u200bj                               | zw\\\\u200bj
            bom\\ufeff                               | bom\\\\ufeff
            lone\\ud800                              | lone\\\\ud800
            back\\\\slash                            | back\\\\\\\\slash
            fake\\\\nescape                          | fake\\\\\\\\nescape
            1799999999:end_user:0123abcd\\u2026      | 1799999999:end_user:0123abcd\\u2026
            Bestellung-ä-猫                           | Bestellung-ä-猫
            emoji-\\ud83d\\ude00                     | emoji-\\ud83d\\ude00
            """)
    void escapesEveryInvisibleCharacter(String input, String expected) {
        assertEquals(unescape(expected), LogText.escape(unescape(input)));
    }

    @Test
    void nullIsADash() {
        assertEquals("-", LogText.escape(null));
    }

    @ParameterizedTest
    @CsvSource({
        "199, 199, false",
        "200, 200, false",
        "201, 200, true",
        "100000, 200, true",
    })
    void longValuesAreCut(int length, int kept, boolean marked) {
        String escaped = LogText.escape("x".repeat(length)); // not hex: hex runs are masked (below)
        assertEquals("x".repeat(kept) + (marked ? "…" : ""), escaped);
    }

    /**
     * Issue 22.8b: a token signature pasted into a path (or any run of 32+ hex digits, either case,
     * whatever surrounds it) keeps 8 digits; shorter runs (file names' hashes) stay as they are.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /x/SIG                            | /x/0123abcd…(64 hex)
            /image/1:end_user:SIG             | /image/1:end_user:0123abcd…(64 hex)
            /x/SIG.png;p='SIG'                | /x/0123abcd…(64 hex).png;p='0123abcd…(64 hex)'
            /x/UPPER                          | /x/0123ABCD…(64 hex)
            /x/0123456789abcdef0123456789abcdef | /x/01234567…(32 hex)
            /x/0123456789abcdef0123456789abcde  | /x/0123456789abcdef0123456789abcde
            order-1-final-17563-e5f1af36.png  | order-1-final-17563-e5f1af36.png
            """)
    void longHexRunsAreMasked(String value, String logged) {
        String sig = "0123abcd".repeat(8);
        String sent = value.replace("SIG", sig).replace("UPPER", sig.toUpperCase(java.util.Locale.ROOT));
        assertEquals(logged, LogText.escape(sent));
        assertEquals(logged, LogText.maskHex(sent));
    }

    /** A run the 200-character cut splits is masked when 32+ of it are kept, else fewer than 32 show. */
    @Test
    void aRunAtTheCutShowsFewerThan32Digits() {
        String sig = "0123abcd".repeat(8);
        for (int prefix = 100; prefix < 200; prefix++) {
            String escaped = LogText.escape("/".repeat(prefix) + sig);
            assertTrue(!escaped.contains(sig.substring(0, 32)), escaped);
        }
    }

    /** Escapes count towards nothing: a cut never leaves half an escape, and never a line break. */
    @Test
    void aCutValueStaysOneLine() {
        String escaped = LogText.escape("\n".repeat(500));
        assertEquals("\\n".repeat(200) + "…", escaped);
        assertNull(escaped.lines().skip(1).findFirst().orElse(null));
    }

    /** {@code \}{@code uXXXX} and {@code \\} in the table, decoded. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && text.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
