package com.pimpmycase.image;

import java.nio.file.Path;

/**
 * One image file as found on disk, with its type sniffed from its first bytes and its entity tag.
 *
 * @param etag a strong validator from length and modification time. Stored images are written
 *     once under a fresh name and renamed into place, so the pair changes whenever the bytes do,
 *     and every node sharing the image volume computes the same tag.
 * @param versionKey name and entity tag: identifies this version among all images
 * @param lastModifiedHeader the modification time as an HTTP date, formatted once per version
 */
public record StoredImage(Path path, long length, long lastModifiedMillis, ImageType type, String etag,
        String versionKey, String lastModifiedHeader) {

    static String etag(long length, long lastModifiedMillis) {
        return "\"" + Long.toHexString(length) + "-" + Long.toHexString(lastModifiedMillis) + "\"";
    }

    /** Modification time in whole seconds, the precision of HTTP dates. */
    public long lastModifiedSeconds() {
        return Math.floorDiv(lastModifiedMillis, 1000);
    }
}
