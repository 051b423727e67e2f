package com.pimpmycase.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who may read {@code /metrics} (SPEC §11): an admin API key, or the configured
 * {@code pimpmycase/metricsToken}, each sent as {@code Authorization: Bearer <secret>}. Plain
 * logic; the servlet answers the decision.
 */
public final class MetricsAccess {

    /** What a request's credentials allow. */
    public enum Decision {
        ALLOWED,
        /** A known API key of a role that may not read metrics: 403. */
        FORBIDDEN,
        /** No credentials, or none we know: 401 with {@code WWW-Authenticate: Bearer}. */
        UNAUTHENTICATED
    }

    /** What an API key is: {@code ALLOWED} for an admin's, {@code FORBIDDEN} for another client's, else unknown. */
    @FunctionalInterface
    public interface ApiKeys {
        Decision decide(String key);
    }

    private static final String BEARER = "Bearer ";

    private final byte[] tokenDigest;
    private final ApiKeys apiKeys;

    /** @param metricsToken {@code null} or empty when only admin keys may read */
    public MetricsAccess(String metricsToken, ApiKeys apiKeys) {
        this.tokenDigest = metricsToken == null || metricsToken.isEmpty() ? null : sha256(metricsToken);
        this.apiKeys = apiKeys;
    }

    /** @param authorization the request's {@code Authorization} header, {@code null} when absent */
    public Decision decide(String authorization) {
        String secret = bearer(authorization);
        if (secret == null) {
            return Decision.UNAUTHENTICATED;
        }
        // Digests of equal length compared in constant time: neither the token's bytes nor its
        // length can be found by timing.
        if (tokenDigest != null && MessageDigest.isEqual(tokenDigest, sha256(secret))) {
            return Decision.ALLOWED;
        }
        Decision byKey = apiKeys.decide(secret);
        return byKey == null ? Decision.UNAUTHENTICATED : byKey;
    }

    /** The secret of a {@code Bearer} header (scheme case-insensitive, as for the API), or {@code null}. */
    static String bearer(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String secret = header.substring(BEARER.length()).strip();
        return secret.isEmpty() ? null : secret;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
