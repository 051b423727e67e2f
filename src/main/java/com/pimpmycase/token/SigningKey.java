package com.pimpmycase.token;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One HMAC-SHA256 secret. Thread-safe and without per-thread state.
 *
 * <p>It computes HMAC the way RFC 2104 §4 suggests for speed: the SHA-256 states after the key's
 * inner and outer padded blocks are computed once, and each MAC starts from copies of them. That
 * saves two of the five SHA-256 blocks of a token's HMAC, and {@code Mac}'s own layers; the result
 * is the standard HMAC-SHA256, which {@code SigningKeyTest} checks against {@code javax.crypto.Mac}.
 */
final class SigningKey {

    /** SPEC §7: the secret's UTF-8 form must be at least this long. */
    static final int MIN_BYTES = 32;
    static final int MAC_BYTES = 32;
    private static final int BLOCK_BYTES = 64;

    /** SHA-256 states after {@code key ⊕ ipad} and {@code key ⊕ opad}; only ever copied. */
    private final MessageDigest innerStart;
    private final MessageDigest outerStart;

    SigningKey(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "is " + key.length + " bytes long; at least " + MIN_BYTES + " are required");
        }
        if (key.length > BLOCK_BYTES) {
            key = sha256().digest(key); // RFC 2104: longer keys are hashed first
        }
        byte[] inner = new byte[BLOCK_BYTES];
        byte[] outer = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        innerStart = sha256();
        innerStart.update(inner);
        outerStart = sha256();
        outerStart.update(outer);
        copy(innerStart); // fail at start-up, not on the first request, if copies are not supported
    }

    /** Writes the HMAC of {@code message[0, length)} into {@code out[0, 32)}. */
    void mac(byte[] message, int length, byte[] out) {
        MessageDigest inner = copy(innerStart);
        MessageDigest outer = copy(outerStart);
        try {
            inner.update(message, 0, length);
            inner.digest(out, 0, MAC_BYTES);
            outer.update(out, 0, MAC_BYTES);
            outer.digest(out, 0, MAC_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e); // out holds a whole SHA-256
        }
    }

    byte[] mac(byte[] message) {
        byte[] out = new byte[MAC_BYTES];
        mac(message, message.length, out);
        return out;
    }

    private static MessageDigest copy(MessageDigest start) {
        try {
            return (MessageDigest) start.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be copied; HMAC needs it", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
