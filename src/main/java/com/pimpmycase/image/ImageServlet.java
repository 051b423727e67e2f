package com.pimpmycase.image;

import com.pimpmycase.app.ServiceContext;
import com.pimpmycase.token.Token;
import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.JsonResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves a stored image to a request that {@link ImageTokenFilter} let through (SPEC §3 success),
 * with the HTTP semantics of the containers' static servlets: conditional requests
 * ({@link ConditionalRequest}), ranges ({@link RangeRequest}), HEAD. Bodies go out through Tomcat's
 * sendfile when the container offers it; where the container takes buffers (Jetty), from the
 * image's reused memory mapping once it is asked for again ({@link MappedImages}); else in
 * fixed-size chunks. Never whole on the heap.
 */
public final class ImageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ImageServlet.class.getName());
    private static final byte[] NOT_FOUND = JsonResponses.toBytes(ErrorBodies.detail("Image not found"));
    private static final byte[] PRECONDITION_FAILED = JsonResponses.toBytes(ErrorBodies.detail("Precondition Failed"));
    private static final byte[] NOT_SATISFIABLE = JsonResponses.toBytes(ErrorBodies.detail("Range Not Satisfiable"));
    private static final int CHUNK_BYTES = 64 * 1024;
    /** Native memory per request thread; 256 KiB measured clearly faster than 64 KiB for large images. */
    private static final int DIRECT_CHUNK_BYTES = 256 * 1024;
    private static final ThreadLocal<ByteBuffer> DIRECT_CHUNK =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(DIRECT_CHUNK_BYTES));

    // Tomcat's sendfile contract (org.apache.catalina.Globals): announced per request, used when
    // the servlet sets the file and its byte range and writes no body itself.
    static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    /** Below this, a plain write is as cheap as setting up sendfile (Tomcat's own default). */
    static final long SENDFILE_MIN_BYTES = 48 * 1024;

    private ImageStore store;
    private Clock clock;
    private final MappedImages mappedImages = new MappedImages();

    @Override
    public void init() {
        ServiceContext service = ServiceContext.from(getServletContext());
        store = service.imageStore();
        clock = service.clock();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    /** HEAD answers exactly as GET would (status and headers), without the body. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        ImageAccess.Granted granted = (ImageAccess.Granted) request.getAttribute(ImageTokenFilter.GRANTED_ATTRIBUTE);
        if (granted == null) {
            throw new IllegalStateException("ImageTokenFilter is not mapped in front of ImageServlet");
        }
        Token token = granted.token();
        StoredImage image = store.find(granted.filename());
        if (image == null) {
            JsonResponses.sendError(request, response, 404, NOT_FOUND);
            return;
        }
        String etag = image.etag();
        ConditionalRequest.Outcome condition = ConditionalRequest.evaluate(request.getHeader("If-Match"),
                dateSeconds(request, "If-Unmodified-Since"), request.getHeader("If-None-Match"),
                dateSeconds(request, "If-Modified-Since"), etag, image.lastModifiedSeconds());
        if (condition == ConditionalRequest.Outcome.PRECONDITION_FAILED) {
            JsonResponses.sendError(request, response, 412, PRECONDITION_FAILED);
            return;
        }
        writeValidators(response, image, token);
        if (condition == ConditionalRequest.Outcome.NOT_MODIFIED) {
            response.setStatus(304);
            return;
        }
        response.setHeader("Accept-Ranges", "bytes");
        String ifRange = request.getHeader("If-Range");
        RangeRequest.Outcome ranges = ConditionalRequest.rangeApplies(ifRange, ifRange == null ? -1
                        : dateSeconds(request, "If-Range"), etag, image.lastModifiedSeconds())
                ? RangeRequest.evaluate(request.getHeader("Range"), image.length())
                : new RangeRequest.Whole();

        if (ranges instanceof RangeRequest.Unsatisfiable) {
            response.setHeader("Content-Range", "bytes */" + image.length());
            JsonResponses.sendError(request, response, 416, NOT_SATISFIABLE);
        } else if (ranges instanceof RangeRequest.Partial partial && partial.ranges().size() > 1) {
            sendMultipart(response, image, partial.ranges(), withBody);
        } else {
            ByteRange range = ranges instanceof RangeRequest.Partial partial
                    ? partial.ranges().get(0)
                    : new ByteRange(0, image.length() - 1);
            if (ranges instanceof RangeRequest.Partial) {
                response.setStatus(206);
                response.setHeader("Content-Range", range.contentRange(image.length()));
            } else {
                response.setStatus(200);
            }
            response.setContentType(image.type().mediaType());
            response.setContentLengthLong(range.length());
            if (withBody && range.length() > 0 && !sendfile(request, image, range)) {
                sendBody(response.getOutputStream(), image, range);
            }
        }
    }

    /** One range of the image: from its mapping where the container takes buffers, else streamed. */
    private void sendBody(OutputStream out, StoredImage image, ByteRange range) throws IOException {
        MethodHandle writeBuffer = ByteBufferSink.writerFor(out);
        ByteBuffer mapped = writeBuffer == null ? null : mappedImages.bytes(image);
        if (mapped != null) {
            write(writeBuffer, out, mapped.limit((int) range.last() + 1).position((int) range.first()), image);
            return;
        }
        try (FileChannel channel = open(image)) {
            if (channel == null) {
                return; // removed after the stat: headers are out, the body is cut short
            }
            copy(channel, range, out, writeBuffer, image);
        }
    }

    /** The headers shared by 200, 206 and 304. */
    private void writeValidators(HttpServletResponse response, StoredImage image, Token token) {
        long secondsLeft = Math.max(0, token.expiresAt() - Math.floorDiv(clock.millis(), 1000));
        response.setHeader("ETag", image.etag());
        response.setHeader("Last-Modified", image.lastModifiedHeader());
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Never cached longer than the token lives, and never by shared caches.
        response.setHeader("Cache-Control", "private, max-age=" + secondsLeft);
    }

    /** Hands the range to Tomcat's sendfile when offered: the kernel copies, no byte passes through here. */
    private static boolean sendfile(HttpServletRequest request, StoredImage image, ByteRange range) {
        if (range.length() < SENDFILE_MIN_BYTES || !Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            return false;
        }
        request.setAttribute(SENDFILE_FILENAME, image.path().toAbsolutePath().toString());
        request.setAttribute(SENDFILE_START, range.first());
        request.setAttribute(SENDFILE_END, range.last() + 1);
        return true;
    }

    /** 206 multipart/byteranges: each range with its own Content-Type and Content-Range. */
    private static void sendMultipart(HttpServletResponse response, StoredImage image, List<ByteRange> ranges,
            boolean withBody) throws IOException {
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "pimpmycase";
        byte[][] partHeads = new byte[ranges.size()][];
        long length = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            partHeads[i] = ("\r\n--" + boundary + "\r\nContent-Type: " + image.type().mediaType()
                    + "\r\nContent-Range: " + range.contentRange(image.length()) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            length += partHeads[i].length + range.length();
        }
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += end.length;

        response.setStatus(206);
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(length);
        if (!withBody) {
            return;
        }
        try (FileChannel channel = open(image)) {
            if (channel == null) {
                return;
            }
            OutputStream out = response.getOutputStream();
            MethodHandle writeBuffer = ByteBufferSink.writerFor(out);
            for (int i = 0; i < ranges.size(); i++) {
                if (!write(out, partHeads[i], partHeads[i].length, image)
                        || !copy(channel, ranges.get(i), out, writeBuffer, image)) {
                    return;
                }
            }
            write(out, end, end.length, image);
        }
    }

    private static FileChannel open(StoredImage image) throws IOException {
        try {
            return FileChannel.open(image.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException removedMeanwhile) {
            return null;
        }
    }

    /**
     * Copies one range; false when the client went away. Where the container takes a ByteBuffer
     * (Jetty 12, Servlet 6.1), the file is read into this thread's native buffer and handed over
     * as is: measured on Jetty 12, +90% requests/s for 64 KiB images and +33% MB/s for 8 MiB over
     * heap arrays, while mapping the file per request was slower than either (docs/BENCHMARKS.md).
     */
    private static boolean copy(FileChannel channel, ByteRange range, OutputStream out, MethodHandle writeBuffer,
            StoredImage image) throws IOException {
        byte[] heap = writeBuffer != null ? null : new byte[(int) Math.min(CHUNK_BYTES, range.length())];
        ByteBuffer chunk = writeBuffer != null ? DIRECT_CHUNK.get() : ByteBuffer.wrap(heap);
        long position = range.first();
        long remaining = range.length();
        while (remaining > 0) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), remaining));
            int n = channel.read(chunk, position);
            if (n < 0) {
                return true; // the file shrank: nothing more to send
            }
            chunk.flip();
            if (!(writeBuffer != null ? write(writeBuffer, out, chunk, image) : write(out, heap, n, image))) {
                return false;
            }
            position += n;
            remaining -= n;
        }
        return true;
    }

    private static boolean write(MethodHandle writeBuffer, OutputStream out, ByteBuffer chunk, StoredImage image)
            throws IOException {
        try {
            writeBuffer.invokeExact(out, chunk); // blocking: the buffer is free again when it returns
            return true;
        } catch (IOException clientGone) {
            LOG.log(Level.FINE, "download of {0} ended by the client", image.path().getFileName());
            // Rethrown, not swallowed: returning normally after a failed write that carried the
            // body's last byte makes Jetty 12 complete the exchange twice (a WARN with an NPE in
            // HttpChannelState). Its own exception back, Jetty aborts the exchange quietly.
            throw clientGone;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable unexpected) {
            throw new IOException(unexpected);
        }
    }

    private static boolean write(OutputStream out, byte[] bytes, int length, StoredImage image) {
        try {
            out.write(bytes, 0, length);
            return true;
        } catch (IOException clientGone) {
            // A partner's script or a browser went away mid-body: ordinary, not an error.
            LOG.log(Level.FINE, "download of {0} ended by the client", image.path().getFileName());
            return false;
        }
    }

    /** A date header in Unix seconds; -1 when absent or not a date (an invalid date is ignored). */
    private static long dateSeconds(HttpServletRequest request, String name) {
        try {
            long millis = request.getDateHeader(name);
            return millis < 0 ? -1 : millis / 1000;
        } catch (IllegalArgumentException notADate) {
            return -1;
        }
    }
}
