package com.pimpmycase.web;

/**
 * Makes a value taken from a request safe to put into a log line: THE one place that does it.
 * Without it a percent-encoded CR/LF in a path or token would start a new, real-looking log line
 * (log forging). Control characters become visible escapes, so the line still shows what was sent;
 * a backslash is doubled, so an escape in the log always means the character, never the text.
 */
public final class LogText {

    /** Longer values are cut here: a log line is for recognising a request, not for replaying it. */
    public static final int MAX_LENGTH = 200;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {
    }

    /** {@code null} → {@code -}; CR, LF, TAB → {@code \r \n \t}; other invisible characters → {@code \}{@code uXXXX}. */
    public static String escape(CharSequence value) {
        if (value == null) {
            return "-";
        }
        int end = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i)); // a character outside the BMP, e.g. an emoji
                    } else if (isInvisible(c)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return value.length() > MAX_LENGTH ? out.append('…').toString() : out.toString();
    }

    /**
     * C0/C1 controls and DEL, line and paragraph separators (U+2028, U+2029; NEL U+0085 is a C1
     * control), format characters such as bidi overrides and zero-width joiners that make a line
     * read differently from what it holds, and lone surrogates (not text; a log encoder would
     * replace them with '?', hiding what was sent).
     */
    private static boolean isInvisible(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
