package com.pimpmycase.image;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tomcat's sendfile: the servlet names the file and the range, writes nothing, and the kernel
 * copies from the page cache to the socket. One range only (Tomcat sends one file region).
 */
final class SendfileBody implements ImageBody {

    // Tomcat's sendfile contract (org.apache.catalina.Globals): announced per request, used when
    // the servlet sets the file and its byte range and writes no body itself.
    static final String SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String START = "org.apache.tomcat.sendfile.start";
    static final String END = "org.apache.tomcat.sendfile.end";
    /** Below this, a plain write is as cheap as setting up sendfile (Tomcat's own default). */
    static final long MIN_BYTES = 48 * 1024;

    private final HttpServletRequest request;
    private final StoredImage image;
    private long handedOver;

    SendfileBody(HttpServletRequest request, StoredImage image) {
        this.request = request;
        this.image = image;
    }

    /** Whether the container offers sendfile for this request and the range is worth it. */
    static boolean applies(HttpServletRequest request, long length) {
        return length >= MIN_BYTES && Boolean.TRUE.equals(request.getAttribute(SUPPORTED));
    }

    @Override
    public boolean send(ByteRange range) {
        request.setAttribute(FILENAME, image.path().toAbsolutePath().toString());
        request.setAttribute(START, range.first());
        request.setAttribute(END, range.last() + 1);
        handedOver += range.length();
        return true;
    }

    @Override
    public boolean send(byte[] bytes) {
        throw new UnsupportedOperationException("sendfile sends one file region, nothing of the servlet's own");
    }

    @Override
    public long bytesHandedOver() {
        return handedOver;
    }

    @Override
    public void close() {
    }
}
