package com.pimpmycase.image;

/**
 * Whether an image is blocked (SPEC §10: an image revocation). Read on hot paths, so an
 * implementation answers from memory. Minting, order data and deliveries consult it.
 */
@FunctionalInterface
public interface ImageBlocks {

    /** No image is blocked: the service before revocations are configured, and tests. */
    ImageBlocks NONE = filename -> false;

    boolean isBlocked(String filename);
}
