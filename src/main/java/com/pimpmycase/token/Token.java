package com.pimpmycase.token;

/**
 * A token as it travels: {@code <exp>:<partner_type>:<signature>} (SPEC §2). Holding a {@code Token}
 * says only that the text is well-formed; {@link TokenVerifier} says whether it is genuine.
 *
 * @param expiresAt absolute expiry, Unix seconds
 * @param signature 64 lowercase hex characters
 */
public record Token(long expiresAt, String partnerType, String signature) {

    static final int SIGNATURE_HEX_LENGTH = 64;
    private static final int MAX_EXPIRY_DIGITS = 12;
    private static final int REDACTED_SIGNATURE_CHARS = 8;

    /** The wire form. */
    public String text() {
        return expiresAt + ":" + partnerType + ":" + signature;
    }

    /** The wire form with the signature cut short: safe for logs. */
    public String redacted() {
        return expiresAt + ":" + partnerType + ":" + signature.substring(0, REDACTED_SIGNATURE_CHARS) + "…";
    }

    @Override
    public String toString() {
        return redacted();
    }

    /**
     * Parses the wire form strictly: exactly three parts; the expiry ASCII digits without sign or
     * leading zero, at most 12; a non-empty partner type; the signature 64 lowercase hex digits.
     *
     * @return the token, or {@code null} when {@code text} is malformed
     */
    public static Token parse(String text) {
        if (text == null) {
            return null;
        }
        int first = text.indexOf(':');
        int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        if (second < 0 || text.indexOf(':', second + 1) >= 0) {
            return null;
        }
        long expiresAt = parseExpiry(text, 0, first);
        if (expiresAt < 0 || second == first + 1
                || !isLowerHex(text, second + 1, text.length(), SIGNATURE_HEX_LENGTH)) {
            return null;
        }
        return new Token(expiresAt, text.substring(first + 1, second), text.substring(second + 1));
    }

    /** The digits of {@code text[from, to)} as a number, or -1 when they are not a canonical expiry. */
    private static long parseExpiry(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_EXPIRY_DIGITS || (length > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isLowerHex(String text, int from, int to, int expectedLength) {
        if (to - from != expectedLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
