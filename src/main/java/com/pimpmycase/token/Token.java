package com.pimpmycase.token;

import java.util.Arrays;

/**
 * A token as it travels: {@code <exp>:<partner_type>:<signature>} (SPEC §2). Holding a {@code Token}
 * says only that the text is well-formed; {@link TokenVerifier} says whether it is genuine.
 *
 * <p>It keeps its wire form and the signature's 32 bytes, decoded while the format is checked, so
 * that verification compares bytes and never copies the hex out of the request's text.
 */
public final class Token {

    static final int SIGNATURE_HEX_LENGTH = 64;
    static final int MAX_PARTNER_TYPE_LENGTH = 64;
    private static final int MAX_EXPIRY_DIGITS = 12;
    private static final int REDACTED_SIGNATURE_CHARS = 8;
    /** Value of each lowercase hex digit by its char code; -1 for everything else below 128. */
    private static final byte[] HEX_VALUE = new byte[128];
    /** The characters a partner type may have ({@code [A-Za-z0-9_-]}), by char code below 128. */
    private static final boolean[] PARTNER_TYPE_CHAR = new boolean[128];

    static {
        Arrays.fill(HEX_VALUE, (byte) -1);
        for (int i = 0; i < 16; i++) {
            HEX_VALUE["0123456789abcdef".charAt(i)] = (byte) i;
        }
        for (char c = 0; c < PARTNER_TYPE_CHAR.length; c++) {
            PARTNER_TYPE_CHAR[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
        }
    }

    private final String text;
    private final long expiresAt;
    private final String partnerType;
    private final byte[] signatureBytes;

    /**
     * @param expiresAt absolute expiry, Unix seconds
     * @param partnerType 1–64 characters of {@code [A-Za-z0-9_-]}
     * @param signature 64 lowercase hex characters
     * @throws IllegalArgumentException when the partner type or the signature is not of that form
     */
    public Token(long expiresAt, String partnerType, String signature) {
        // Same rule as parse(): a token made here must read back as itself.
        if (partnerType.isEmpty() || partnerTypeEnd(partnerType, 0) != partnerType.length()) {
            throw new IllegalArgumentException("partner type must be 1-" + MAX_PARTNER_TYPE_LENGTH
                    + " characters of [A-Za-z0-9_-]");
        }
        this.text = expiresAt + ":" + partnerType + ":" + signature;
        this.expiresAt = expiresAt;
        this.partnerType = partnerType;
        this.signatureBytes = decodeSignature(text, text.length() - signature.length());
        if (signatureBytes == null) {
            throw new IllegalArgumentException("signature must be 64 lowercase hex characters");
        }
    }

    private Token(String text, long expiresAt, String partnerType, byte[] signatureBytes) {
        this.text = text;
        this.expiresAt = expiresAt;
        this.partnerType = partnerType;
        this.signatureBytes = signatureBytes;
    }

    /** Absolute expiry, Unix seconds. */
    public long expiresAt() {
        return expiresAt;
    }

    public String partnerType() {
        return partnerType;
    }

    /** 64 lowercase hex characters. */
    public String signature() {
        return text.substring(signatureOffset());
    }

    /** Where the signature starts in {@link #text()}. */
    private int signatureOffset() {
        return text.length() - SIGNATURE_HEX_LENGTH;
    }

    /** The signature's 32 bytes; callers must not change them. */
    byte[] signatureBytes() {
        return signatureBytes;
    }

    /** The wire form. */
    public String text() {
        return text;
    }

    /** The wire form with the signature cut short: safe for logs. */
    public String redacted() {
        int offset = signatureOffset();
        return text.substring(0, offset + REDACTED_SIGNATURE_CHARS) + "…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token token && token.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return redacted();
    }

    /**
     * Parses the wire form strictly: exactly three parts; the expiry ASCII digits without sign or
     * leading zero, at most 12; the partner type 1–64 characters of {@code [A-Za-z0-9_-]} (no
     * configured type can have any other, SPEC §2); the signature 64 lowercase hex digits.
     *
     * @return the token, or {@code null} when {@code text} is malformed
     */
    public static Token parse(String text) {
        // One pass: the expiry digits up to the first ':', the partner type up to the second, then
        // exactly 64 hex digits (which cannot contain a third ':'), decoded as they are checked.
        if (text == null) {
            return null;
        }
        int length = text.length();
        long expiresAt = 0;
        int first = 0;
        for (; first < length && first <= MAX_EXPIRY_DIGITS; first++) {
            char c = text.charAt(first);
            if (c == ':') {
                break;
            }
            if (c < '0' || c > '9') {
                return null;
            }
            expiresAt = expiresAt * 10 + (c - '0');
        }
        if (first == 0 || first > MAX_EXPIRY_DIGITS || first == length
                || (first > 1 && text.charAt(0) == '0')) {
            return null;
        }
        int second = partnerTypeEnd(text, first + 1);
        if (second == first + 1 || second == length || text.charAt(second) != ':') {
            return null;
        }
        byte[] signature = decodeSignature(text, second + 1);
        return signature == null ? null : new Token(text, expiresAt, text.substring(first + 1, second), signature);
    }

    /**
     * Where the partner type starting at {@code from} ends: at the first character that cannot be
     * part of one, after at most 64 characters, or at the end of {@code text}.
     */
    private static int partnerTypeEnd(String text, int from) {
        int end = Math.min(text.length(), from + MAX_PARTNER_TYPE_LENGTH);
        int i = from;
        while (i < end && isPartnerTypeChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isPartnerTypeChar(char c) {
        return c < PARTNER_TYPE_CHAR.length && PARTNER_TYPE_CHAR[c];
    }

    /** The 32 bytes of the 64 lowercase hex digits that end {@code text} at {@code from}, or null. */
    private static byte[] decodeSignature(String text, int from) {
        if (text.length() - from != SIGNATURE_HEX_LENGTH) {
            return null;
        }
        byte[] bytes = new byte[SIGNATURE_HEX_LENGTH / 2];
        int invalid = 0;
        for (int i = 0; i < bytes.length; i++) {
            char high = text.charAt(from + 2 * i);
            char low = text.charAt(from + 2 * i + 1);
            if ((high | low) >= HEX_VALUE.length) {
                return null;
            }
            int h = HEX_VALUE[high];
            int l = HEX_VALUE[low];
            invalid |= h | l; // negative once any digit is not lowercase hex
            bytes[i] = (byte) (h << 4 | l);
        }
        return invalid < 0 ? null : bytes;
    }
}
