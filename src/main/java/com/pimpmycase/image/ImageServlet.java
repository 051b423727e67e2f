package com.pimpmycase.image;

import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.token.Token;
import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.HttpStatusText;
import com.pimpmycase.web.JsonResponses;
import com.pimpmycase.web.ResponseHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves a stored image to a request that {@link ImageTokenFilter} let through (SPEC §3 success),
 * with the HTTP semantics of the containers' static servlets, in named steps as Tomcat's
 * DefaultServlet has them: find the image, check the preconditions ({@link ConditionalRequest}),
 * write the validators, work out the ranges ({@link RangeRequest}), then send the body the way
 * {@link ImageBodies} chose for this request. HEAD answers exactly as GET would, without the body.
 * Each step answers with its status only: {@link ImageTokenFilter} counts the request's outcome
 * from it. The body bytes handed over are counted here; a GET that sends the image (200 or 206) is
 * a download of it ({@link ServedDownloads}, SPEC §11).
 */
public final class ImageServlet extends HttpServlet {

    private static final byte[] NOT_FOUND = JsonResponses.toBytes(ErrorBodies.detail("Image not found"));
    private static final byte[] PRECONDITION_FAILED = JsonResponses.toBytes(ErrorBodies.detail(HttpStatusText.of(412)));
    private static final byte[] NOT_SATISFIABLE = JsonResponses.toBytes(ErrorBodies.detail(HttpStatusText.of(416)));
    private static final RangeRequest.Outcome WHOLE = new RangeRequest.Whole();

    private final ImageStore store;
    private final ImageBodies bodies;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final ServedDownloads downloads;

    public ImageServlet(ImageStore store, MappedImages mappedImages, Clock clock, ServiceMetrics metrics,
            ServedDownloads downloads) {
        this.store = store;
        this.bodies = new ImageBodies(store, mappedImages);
        this.clock = clock;
        this.metrics = metrics;
        this.downloads = downloads;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    /** The steps in order; a failure to look the image up is thrown to the container (500). */
    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        ImageAccess.Granted granted = (ImageAccess.Granted) request.getAttribute(ImageTokenFilter.GRANTED_ATTRIBUTE);
        if (granted == null) {
            throw new IllegalStateException("ImageTokenFilter is not mapped in front of ImageServlet");
        }
        StoredImage image = store.find(granted.filename());
        if (image == null) {
            JsonResponses.send(request, response, 404, NOT_FOUND);
            return;
        }
        ConditionalRequest.Outcome condition = checkPreconditions(request, image);
        if (condition == ConditionalRequest.Outcome.PRECONDITION_FAILED) {
            JsonResponses.send(request, response, 412, PRECONDITION_FAILED);
            return;
        }
        writeValidators(response, image, granted.token());
        if (condition == ConditionalRequest.Outcome.NOT_MODIFIED) {
            response.setStatus(304);
            return;
        }
        response.setHeader("Accept-Ranges", "bytes");
        RangeRequest.Outcome ranges = parseRanges(request, image);
        if (ranges instanceof RangeRequest.Unsatisfiable) {
            response.setHeader("Content-Range", "bytes */" + image.length());
            JsonResponses.send(request, response, 416, NOT_SATISFIABLE);
            return;
        }
        if (withBody) { // a HEAD is not a download
            downloads.served(granted.filename(), granted.token().partnerType());
        }
        if (ranges instanceof RangeRequest.Partial partial && partial.ranges().size() > 1) {
            sendMultipart(request, response, image, partial.ranges(), withBody);
        } else {
            sendOne(request, response, image, ranges, withBody);
        }
    }

    /** If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since (RFC 9110 §13.2.2). */
    private static ConditionalRequest.Outcome checkPreconditions(HttpServletRequest request, StoredImage image) {
        return ConditionalRequest.evaluate(request.getHeader("If-Match"), dateSeconds(request, "If-Unmodified-Since"),
                request.getHeader("If-None-Match"), dateSeconds(request, "If-Modified-Since"), image.etag(),
                image.lastModifiedSeconds());
    }

    /** The headers shared by 200, 206 and 304: never cached longer than the token lives. */
    private void writeValidators(HttpServletResponse response, StoredImage image, Token token) {
        long secondsLeft = Math.max(0, token.expiresAt() - Math.floorDiv(clock.millis(), 1000));
        response.setHeader("ETag", image.etag());
        response.setHeader("Last-Modified", image.lastModifiedHeader());
        ResponseHeaders.cachedPrivatelyFor(response, secondsLeft);
    }

    /** The Range header, honoured only if If-Range (when sent) still names this version. */
    private static RangeRequest.Outcome parseRanges(HttpServletRequest request, StoredImage image) {
        String ifRange = request.getHeader("If-Range");
        long ifRangeDate = ifRange == null ? -1 : dateSeconds(request, "If-Range");
        return ConditionalRequest.rangeApplies(ifRange, ifRangeDate, image.etag(), image.lastModifiedSeconds())
                ? RangeRequest.evaluate(request.getHeader("Range"), image.length())
                : WHOLE;
    }

    /** 200 with the whole image, or 206 with one range as a plain body. */
    private void sendOne(HttpServletRequest request, HttpServletResponse response, StoredImage image,
            RangeRequest.Outcome ranges, boolean withBody) throws IOException {
        ByteRange range;
        if (ranges instanceof RangeRequest.Partial partial) {
            range = partial.ranges().get(0);
            response.setStatus(206);
            response.setHeader("Content-Range", range.contentRange(image.length()));
        } else {
            range = new ByteRange(0, image.length() - 1);
            response.setStatus(200);
        }
        response.setContentType(image.type().mediaType());
        response.setContentLengthLong(range.length());
        if (withBody && range.length() > 0) {
            try (ImageBody body = bodies.choose(request, response, image, range.length())) {
                try {
                    body.send(range);
                } finally {
                    metrics.imageBytesSent(body.bytesHandedOver());
                }
            }
        }
    }

    /** 206 multipart/byteranges: each range with its own Content-Type and Content-Range. */
    private void sendMultipart(HttpServletRequest request, HttpServletResponse response, StoredImage image,
            List<ByteRange> ranges, boolean withBody) throws IOException {
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "pimpmycase";
        byte[][] partHeads = new byte[ranges.size()][];
        long length = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            partHeads[i] = ascii("\r\n--" + boundary + "\r\nContent-Type: " + image.type().mediaType()
                    + "\r\nContent-Range: " + range.contentRange(image.length()) + "\r\n\r\n");
            length += partHeads[i].length + range.length();
        }
        byte[] end = ascii("\r\n--" + boundary + "--\r\n");
        length += end.length;

        response.setStatus(206);
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(length);
        if (!withBody) {
            return;
        }
        try (ImageBody body = bodies.choose(request, response, image, -1)) {
            try {
                for (int i = 0; i < ranges.size(); i++) {
                    if (!body.send(partHeads[i]) || !body.send(ranges.get(i))) {
                        return;
                    }
                }
                body.send(end);
            } finally {
                metrics.imageBytesSent(body.bytesHandedOver());
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
