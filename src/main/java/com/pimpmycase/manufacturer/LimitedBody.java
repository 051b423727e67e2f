package com.pimpmycase.manufacturer;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A response body read into memory up to a limit: the manufacturer answers a few hundred bytes,
 * and a broken proxy streaming megabytes must not fill the heap of the dispatcher.
 */
final class LimitedBody {

    /** The answer was larger than the limit. */
    static final class TooLargeException extends IOException {
        private final int limit;

        TooLargeException(int limit) {
            super("answer larger than " + limit + " bytes");
            this.limit = limit;
        }

        int limit() {
            return limit;
        }
    }

    private LimitedBody() {
    }

    /**
     * The whole body of {@code response} (empty when it has none), or {@link TooLargeException}
     * after at most {@code limit + 1} bytes; {@code abort} is run first then, so that the rest is
     * never read (closing a body that is not at its end would otherwise drain it).
     */
    static byte[] read(ClassicHttpResponse response, int limit, Runnable abort) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > limit) {
            abort.run();
            throw new TooLargeException(limit);
        }
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            abort.run();
            throw new TooLargeException(limit);
        }
        in.close(); // at the end: the connection goes back to the pool
        return bytes;
    }
}
