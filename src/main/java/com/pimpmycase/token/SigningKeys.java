package com.pimpmycase.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.codec.binary.Hex;

/**
 * The active signing key, which signs and verifies, and the retired keys, which only verify: so a
 * key can be rotated without breaking links already handed out (SPEC §2, §7).
 *
 * <p>Verification runs on every image request, so its per-call work is kept close to the HMAC
 * itself: the message is written straight into one array, and the token brings its signature
 * already decoded.
 */
public final class SigningKeys {

    private final SigningKey[] keys; // [0] is the active key

    private SigningKeys(SigningKey[] keys) {
        this.keys = keys;
    }

    /**
     * @throws InvalidSigningKeyException when a secret is shorter than 32 UTF-8 bytes; its
     *     {@link InvalidSigningKeyException#retiredIndex()} tells which one
     */
    public static SigningKeys of(String activeSecret, List<String> retiredSecrets) {
        SigningKey[] keys = new SigningKey[1 + retiredSecrets.size()];
        for (int i = 0; i < keys.length; i++) {
            try {
                keys[i] = new SigningKey(i == 0 ? activeSecret : retiredSecrets.get(i - 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidSigningKeyException(i - 1, e.getMessage());
            }
        }
        return new SigningKeys(keys);
    }

    public static SigningKeys of(String activeSecret) {
        return of(activeSecret, List.of());
    }

    /** The lowercase hex signature of {@code filename:exp:partnerType} with the active key. */
    String sign(String filename, long expiresAt, String partnerType) {
        return Hex.encodeHexString(keys[0].mac(message(filename, expiresAt, partnerType)));
    }

    /**
     * Whether the token's signature signs its expiry and partner type for {@code filename} under
     * the active key or any retired key. Each comparison is constant-time.
     */
    boolean verify(String filename, Token token) {
        byte[] message = message(filename, token.expiresAt(), token.partnerType());
        byte[] mac = new byte[SigningKey.MAC_BYTES];
        for (SigningKey key : keys) {
            key.mac(message, message.length, mac);
            if (MessageDigest.isEqual(mac, token.signatureBytes())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which key signed the token for {@code filename}: 0 the active key, {@code n} the n-th retired
     * key in configuration order, -1 none. For support's explanation of a link (SPEC §11), never
     * for access decisions, which use {@link #verify}.
     */
    public int signedBy(String filename, Token token) {
        byte[] message = message(filename, token.expiresAt(), token.partnerType());
        byte[] mac = new byte[SigningKey.MAC_BYTES];
        for (int i = 0; i < keys.length; i++) {
            keys[i].mac(message, message.length, mac);
            if (MessageDigest.isEqual(mac, token.signatureBytes())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * HMAC of {@code message} with the active key, for other signed values (such as order cursors).
     * Callers must start their messages with a character no image filename starts with (for
     * example {@code #}), so that they can never be mistaken for a token's message.
     */
    public byte[] mac(String message) {
        return keys[0].mac(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code mac} starts with the first {@code mac.length} bytes of {@link #mac}, under any key. */
    public boolean verifyMacPrefix(String message, byte[] mac) {
        if (mac.length == 0 || mac.length > SigningKey.MAC_BYTES) {
            return false;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (SigningKey key : keys) {
            match |= MessageDigest.isEqual(Arrays.copyOf(key.mac(bytes), mac.length), mac);
        }
        return match;
    }

    public int retiredCount() {
        return keys.length - 1;
    }

    /** The signed message, UTF-8: filename first, then the token's expiry and partner type. */
    static byte[] message(String filename, long expiresAt, String partnerType) {
        if (expiresAt < 0) {
            throw new IllegalArgumentException("expiry before 1970");
        }
        byte[] name = filename.getBytes(StandardCharsets.UTF_8); // an intrinsic copy for ASCII
        byte[] partner = partnerType.getBytes(StandardCharsets.UTF_8);
        int digits = 1;
        for (long v = expiresAt; v >= 10; v /= 10) {
            digits++;
        }
        byte[] message = new byte[name.length + 1 + digits + 1 + partner.length];
        System.arraycopy(name, 0, message, 0, name.length);
        message[name.length] = ':';
        long value = expiresAt;
        for (int i = name.length + digits; i > name.length; i--, value /= 10) {
            message[i] = (byte) ('0' + value % 10);
        }
        message[name.length + digits + 1] = ':';
        System.arraycopy(partner, 0, message, name.length + digits + 2, partner.length);
        return message;
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
