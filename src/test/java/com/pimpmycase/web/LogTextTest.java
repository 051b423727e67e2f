package com.pimpmycase.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        String escaped = LogText.escape("a".repeat(length));
        assertEquals("a".repeat(kept) + (marked ? "…" : ""), escaped);
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
