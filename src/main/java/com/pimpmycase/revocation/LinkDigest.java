package com.pimpmycase.revocation;

import com.pimpmycase.token.Token;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a revoked link is remembered: the lowercase hex SHA-256 of its token's signature (the 64
 * hex characters as ASCII). The signature binds filename, exp and partner type, so the digest
 * names exactly one link, and the database, its backups and the snapshot never hold a signature
 * that would open the image.
 *
 * <p>Computed on the image path for files that have link revocations, with objects of this call
 * only: nothing is kept per thread, so an undeployed WAR leaves nothing on the container's request
 * threads (a {@code ThreadLocal} here was reported by Tomcat as a leak for every thread that had
 * checked a revoked link). Hashing the 64 bytes in one call measured about 3x faster than the
 * per-thread digest fed one byte at a time (~1.2 µs against ~4.4 µs a digest in a plain loop).
 */
final class LinkDigest {

    private static final int SIGNATURE_CHARS = 64;
    private static final HexFormat HEX = HexFormat.of();

    private LinkDigest() {
    }

    static String of(Token token) {
        String text = token.text(); // the signature is its last 64 characters, all ASCII hex
        byte[] signature = new byte[SIGNATURE_CHARS];
        for (int i = 0, from = text.length() - SIGNATURE_CHARS; i < SIGNATURE_CHARS; i++) {
            signature[i] = (byte) text.charAt(from + i);
        }
        return HEX.formatHex(sha256().digest(signature));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
