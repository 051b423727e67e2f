package com.pimpmycase.image;

/**
 * Told of every image GET answered with 200 or 206 (SPEC §11 downloads); HEAD, 304 and refusals
 * are not downloads. Called on the image path, so an implementation only counts in memory.
 */
@FunctionalInterface
public interface ServedDownloads {

    /** Counts nothing (tests, tools). */
    ServedDownloads NONE = (filename, partnerType) -> { };

    /** {@code filename} is being sent to a holder of a genuine {@code partnerType} token. */
    void served(String filename, String partnerType);
}
