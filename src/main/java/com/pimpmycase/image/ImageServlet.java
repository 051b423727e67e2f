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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams a stored image to a request that {@link ImageTokenFilter} let through (SPEC §3 success).
 * The file goes out in fixed-size chunks, never whole in memory.
 */
public final class ImageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ImageServlet.class.getName());
    private static final byte[] NOT_FOUND = JsonResponses.toBytes(ErrorBodies.detail("Image not found"));
    private static final int CHUNK_BYTES = 64 * 1024;

    private ImageStore store;
    private Clock clock;

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

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        Token token = (Token) request.getAttribute(ImageTokenFilter.TOKEN_ATTRIBUTE);
        if (token == null) {
            throw new IllegalStateException("ImageTokenFilter is not mapped in front of ImageServlet");
        }
        String name = request.getPathInfo().substring(1);
        StoredImage image = store.find(name);
        if (image == null) {
            JsonResponses.sendError(request, response, 404, NOT_FOUND);
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(image.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException removedMeanwhile) {
            JsonResponses.sendError(request, response, 404, NOT_FOUND);
            return;
        }
        try (channel) {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(image.length(),
                    ImageType.SIGNATURE_BYTES)));
            readFully(channel, chunk, 0);
            ImageType type = ImageType.detect(chunk.array(), chunk.position());
            writeHeaders(response, image, type, token);
            if (withBody) {
                copy(channel, chunk, response.getOutputStream(), image);
            }
        }
    }

    private void writeHeaders(HttpServletResponse response, StoredImage image, ImageType type, Token token) {
        long secondsLeft = Math.max(0, token.expiresAt() - clock.instant().getEpochSecond());
        response.setStatus(200);
        response.setContentType(type.mediaType());
        response.setContentLengthLong(image.length());
        response.setHeader("ETag", image.etag());
        response.setDateHeader("Last-Modified", image.lastModifiedMillis());
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Never cached longer than the token lives, and never by shared caches.
        response.setHeader("Cache-Control", "private, max-age=" + secondsLeft);
    }

    /** Sends the file: the chunk already read, then the rest, one chunk at a time. */
    private static void copy(FileChannel channel, ByteBuffer chunk, OutputStream out, StoredImage image)
            throws IOException {
        long position = 0;
        while (chunk.position() > 0 && position < image.length()) {
            int n = (int) Math.min(chunk.position(), image.length() - position);
            try {
                out.write(chunk.array(), 0, n);
            } catch (IOException clientGone) {
                // A partner's script or a browser went away mid-body: ordinary, not an error.
                LOG.log(Level.FINE, "download of {0} ended by the client after {1} bytes",
                        new Object[] {image.path().getFileName(), position});
                return;
            }
            position += n;
            chunk.clear();
            readFully(channel, chunk, position);
        }
    }

    /** Fills {@code buffer} from {@code position} until it is full or the file ends. */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                return;
            }
        }
    }
}
