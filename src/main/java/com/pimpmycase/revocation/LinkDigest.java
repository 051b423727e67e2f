package com.pimpmycase.revocation;

import com.pimpmycase.token.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a revoked link is remembered: the lowercase hex SHA-256 of its token's signature. The
 * signature binds filename, exp and partner type, so the digest names exactly one link, and the
 * database, its backups and the snapshot never hold a signature that would open the image.
 */
final class LinkDigest {

    private LinkDigest() {
    }

    static String of(Token token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.signature().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
