package com.pimpmycase.image;

import com.pimpmycase.token.Token;

/**
 * Whether one link is revoked (SPEC §10: a link revocation), answered from memory: it is read on
 * the image path. The caller has already checked the token's signature for {@code filename}.
 */
@FunctionalInterface
public interface RevokedLinks {

    /** Nothing is revoked. */
    RevokedLinks NONE = (filename, token) -> false;

    boolean isRevoked(String filename, Token token);
}
