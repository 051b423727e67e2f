package com.pimpmycase.image;

import java.io.IOException;

/**
 * How the bytes of one image response leave the servlet, chosen once per request by
 * {@link ImageBodies}: Tomcat's sendfile, a reused memory mapping, or a stream from the file.
 */
interface ImageBody extends AutoCloseable {

    /** Sends one byte range of the image; false (or an IOException) when the client went away. */
    boolean send(ByteRange range) throws IOException;

    /** Sends bytes of the servlet's own (multipart part heads); false (or an IOException) when the client went away. */
    boolean send(byte[] bytes) throws IOException;

    /** The body bytes handed to the container (or to sendfile) so far: {@code pimpmycase_image_bytes_sent_total}. */
    long bytesHandedOver();

    /** Releases what the body opened (a file); nothing to report. */
    @Override
    void close() throws IOException;
}
