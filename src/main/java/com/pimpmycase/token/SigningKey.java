package com.pimpmycase.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 secret. Thread-safe: each thread keeps its own initialised {@link Mac}, because
 * {@code Mac.getInstance} and {@code init} per call cost several times the HMAC itself.
 */
final class SigningKey {

    static final String ALGORITHM = "HmacSHA256";
    /** SPEC §7: the secret's UTF-8 form must be at least this long. */
    static final int MIN_BYTES = 32;

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    SigningKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "is " + bytes.length + " bytes long; at least " + MIN_BYTES + " are required");
        }
        this.secret = new SecretKeySpec(bytes, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** HMAC-SHA256 of {@code message} (32 bytes). */
    byte[] sign(byte[] message) {
        return macs.get().doFinal(message);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
