package com.pimpmycase.token;

/**
 * The revocation step of SPEC §2's order, as the verifier sees it: is this genuine link revoked
 * now, or its image blocked (SPEC §10)? Answered from memory, on every image request. The token
 * package only asks; {@code revocation.RevocationSnapshot} answers.
 */
@FunctionalInterface
public interface Revocations {

    /** Nothing is revoked or blocked. */
    Revocations NONE = (filename, token) -> false;

    /**
     * @param token a token whose signature is genuine for {@code filename}
     * @return whether a revocation covers this link: {@code filename} is blocked, or this link is
     *     revoked and not yet past its expiry + leeway (after that it is simply expired)
     */
    boolean covers(String filename, Token token);
}
