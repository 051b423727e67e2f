package com.pimpmycase.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;

/**
 * The active signing key, which signs and verifies, and the retired keys, which only verify: so a
 * key can be rotated without breaking links already handed out (SPEC §2, §7).
 */
public final class SigningKeys {

    private final SigningKey active;
    private final List<SigningKey> retired;

    private SigningKeys(SigningKey active, List<SigningKey> retired) {
        this.active = active;
        this.retired = retired;
    }

    /**
     * @throws InvalidSigningKeyException when a secret is shorter than 32 UTF-8 bytes; its
     *     {@link InvalidSigningKeyException#retiredIndex()} tells which one
     */
    public static SigningKeys of(String activeSecret, List<String> retiredSecrets) {
        SigningKey active;
        try {
            active = new SigningKey(activeSecret);
        } catch (IllegalArgumentException e) {
            throw new InvalidSigningKeyException(-1, e.getMessage());
        }
        SigningKey[] retired = new SigningKey[retiredSecrets.size()];
        for (int i = 0; i < retired.length; i++) {
            try {
                retired[i] = new SigningKey(retiredSecrets.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidSigningKeyException(i, e.getMessage());
            }
        }
        return new SigningKeys(active, List.of(retired));
    }

    public static SigningKeys of(String activeSecret) {
        return of(activeSecret, List.of());
    }

    /** The lowercase hex signature of {@code filename:exp:partnerType} with the active key. */
    String sign(String filename, long expiresAt, String partnerType) {
        return Hex.encodeHexString(active.sign(message(filename, expiresAt, partnerType)));
    }

    /**
     * Whether {@code signatureHex} (already known to be 64 lowercase hex digits) is the signature of
     * the message under the active key or any retired key. Each comparison is constant-time.
     */
    boolean verify(String filename, long expiresAt, String partnerType, String signatureHex) {
        byte[] expected = decode(signatureHex);
        byte[] message = message(filename, expiresAt, partnerType);
        if (MessageDigest.isEqual(active.sign(message), expected)) {
            return true;
        }
        for (SigningKey key : retired) {
            if (MessageDigest.isEqual(key.sign(message), expected)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HMAC of {@code message} with the active key, for other signed values (such as order cursors).
     * Callers must start their messages with a character no image filename starts with (for
     * example {@code #}), so that they can never be mistaken for a token's message.
     */
    public byte[] mac(String message) {
        return active.sign(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code mac} starts with the first {@code mac.length} bytes of {@link #mac}, under any key. */
    public boolean verifyMacPrefix(String message, byte[] mac) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        boolean match = prefixEquals(active.sign(bytes), mac);
        for (SigningKey key : retired) {
            match |= prefixEquals(key.sign(bytes), mac);
        }
        return match;
    }

    private static boolean prefixEquals(byte[] full, byte[] prefix) {
        return prefix.length > 0 && prefix.length <= full.length
                && MessageDigest.isEqual(java.util.Arrays.copyOf(full, prefix.length), prefix);
    }

    public int retiredCount() {
        return retired.size();
    }

    /** The signed message: filename first, then the token's expiry and partner type. */
    static byte[] message(String filename, long expiresAt, String partnerType) {
        return (filename + ':' + expiresAt + ':' + partnerType).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String lowerHex) {
        try {
            return Hex.decodeHex(lowerHex);
        } catch (DecoderException e) {
            throw new IllegalArgumentException("signature is not hex", e); // Token.parse checked it
        }
    }

    /** A configured secret is too short; {@code retiredIndex} is -1 for the active key. */
    public static final class InvalidSigningKeyException extends IllegalArgumentException {
        private final int retiredIndex;

        InvalidSigningKeyException(int retiredIndex, String message) {
            super(message);
            this.retiredIndex = retiredIndex;
        }

        public int retiredIndex() {
            return retiredIndex;
        }
    }
}
