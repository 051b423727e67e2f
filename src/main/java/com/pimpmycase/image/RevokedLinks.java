package com.pimpmycase.image;

import com.pimpmycase.token.Token;

/**
 * Which links are revoked (SPEC §10): every link to a blocked image, and single links by their
 * token. Answered from memory: it is read on the image path. One object answers both, so a reader
 * that tells a block from a link revocation (support's explanation) is handed it once.
 */
public interface RevokedLinks extends ImageBlocks {

    /** Nothing is revoked or blocked. */
    RevokedLinks NONE = new RevokedLinks() {
        @Override
        public boolean isBlocked(String filename) {
            return false;
        }

        @Override
        public boolean isRevoked(String filename, Token token) {
            return false;
        }
    };

    /**
     * Whether this one link is revoked (a block aside); the caller has already checked the token's
     * signature for {@code filename}.
     */
    boolean isRevoked(String filename, Token token);
}
