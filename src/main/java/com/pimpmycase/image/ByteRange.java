package com.pimpmycase.image;

/** One satisfiable byte range of a representation, {@code first} to {@code last} inclusive. */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for a representation of {@code total} bytes. */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }
}
