package com.pimpmycase.image;

import java.nio.file.Path;

/** One image file as found on disk: what the response headers are made from. */
public record StoredImage(Path path, long length, long lastModifiedMillis) {

    /**
     * A strong validator from length and modification time. Stored images are written once under a
     * fresh name and renamed into place, so the pair changes whenever the bytes do, and every node
     * sharing the image volume computes the same tag.
     */
    public String etag() {
        return "\"" + Long.toHexString(length) + "-" + Long.toHexString(lastModifiedMillis) + "\"";
    }
}
