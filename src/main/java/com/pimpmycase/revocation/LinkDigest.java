package com.pimpmycase.revocation;

import com.pimpmycase.token.Token;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a revoked link is remembered: the lowercase hex SHA-256 of its token's signature (the 64
 * hex characters as ASCII). The signature binds filename, exp and partner type, so the digest
 * names exactly one link, and the database, its backups and the snapshot never hold a signature
 * that would open the image.
 *
 * <p>Computed on the image path for files that have link revocations: one digest object and
 * buffer per thread (as {@code image.StreamedBody} keeps its chunk), so the only allocation is the
 * hex key looked up.
 */
final class LinkDigest {

    private static final int SIGNATURE_CHARS = 64;
    private static final int DIGEST_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private record Scratch(MessageDigest sha256, byte[] digest) {}

    private static final ThreadLocal<Scratch> SCRATCH =
            ThreadLocal.withInitial(() -> new Scratch(sha256(), new byte[DIGEST_BYTES]));

    private LinkDigest() {
    }

    static String of(Token token) {
        Scratch scratch = SCRATCH.get();
        MessageDigest sha256 = scratch.sha256();
        String text = token.text(); // the signature is its last 64 characters, all ASCII hex
        for (int i = text.length() - SIGNATURE_CHARS; i < text.length(); i++) {
            sha256.update((byte) text.charAt(i));
        }
        try {
            sha256.digest(scratch.digest(), 0, DIGEST_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 gives 32 bytes", e);
        }
        return HEX.formatHex(scratch.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
