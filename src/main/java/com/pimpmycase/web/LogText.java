package com.pimpmycase.web;

/**
 * Makes a value taken from a request safe to put into a log line: THE one place that does it.
 * Without it a percent-encoded CR/LF in a path or token would start a new, real-looking log line
 * (log forging). Control characters become visible escapes, so the line still shows what was sent;
 * a backslash is doubled, so an escape in the log always means the character, never the text.
 * A run of 32 or more hex digits (a token signature pasted into a path, issue 22.8b) keeps its
 * first 8 digits only ({@link #maskHex}).
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
        boolean cut = value.length() > MAX_LENGTH;
        CharSequence head = maskHex(value.subSequence(0, Math.min(value.length(), MAX_LENGTH)));
        int end = head.length();
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = head.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(head.charAt(i + 1))) {
                        out.append(c).append(head.charAt(++i)); // a character outside the BMP, e.g. an emoji
                    } else if (isInvisible(c)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return cut ? out.append('…').toString() : out.toString();
    }

    /** Runs shorter than this are left alone: file names carry 8-digit hashes, request ids 32 digits. */
    public static final int HEX_RUN = 32;

    /**
     * Every run of {@value #HEX_RUN} or more hex digits (either case) cut to its first 8 digits and
     * {@code …(N hex)}: a signature (64), an API key's digest, a signing key in hex never reaches a
     * log in full, whatever surrounds it. {@code null} stays {@code null}.
     */
    public static String maskHex(CharSequence text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int length = text.length();
        int copied = 0;
        for (int i = 0; i < length; ) {
            if (!isHex(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < length && isHex(text.charAt(end))) {
                end++;
            }
            if (end - i >= HEX_RUN) {
                if (out == null) {
                    out = new StringBuilder(length);
                }
                out.append(text, copied, i + 8).append("…(").append(end - i).append(" hex)");
                copied = end;
            }
            i = end;
        }
        if (out == null) {
            return text.toString();
        }
        return out.append(text, copied, length).toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
