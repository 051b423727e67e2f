package com.pimpmycase.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image file opened by {@code ImageStore} (no symbolic link followed) as ImageIO's input,
 * read in place: ImageIO's own streams would copy it into memory or a temporary file.
 */
final class ChannelImageInputStream extends ImageInputStreamImpl {

    private final FileChannel channel;
    private final ByteBuffer one = ByteBuffer.allocate(1);
    /** The first read of the file that failed: the store's failure, which a reader may wrap or swallow. */
    private volatile IOException storeFailure;
    /** Set by the thumbnail watchdog: every later read fails, which stops a reader that ignores {@code abort()}. */
    private volatile boolean stopped;

    ChannelImageInputStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read() throws IOException {
        one.clear();
        int n = read(one);
        if (n <= 0) {
            return -1;
        }
        bitOffset = 0;
        streamPos++;
        return one.get(0) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = read(ByteBuffer.wrap(b, off, len));
        if (n <= 0) {
            return -1;
        }
        bitOffset = 0;
        streamPos += n;
        return n;
    }

    private int read(ByteBuffer into) throws IOException {
        if (stopped) {
            // Not an EOFException: some readers take that as the end of the data and go on decoding.
            throw new IOException("thumbnail decode stopped");
        }
        try {
            return channel.read(into, streamPos);
        } catch (IOException e) {
            if (storeFailure == null) {
                storeFailure = e;
            }
            throw e;
        }
    }

    /** Makes every later read fail. */
    void stop() {
        stopped = true;
    }

    /** The I/O error a read of the file got, or {@code null}: tells a store failure from a broken image. */
    IOException storeFailure() {
        return storeFailure;
    }

    @Override
    public long length() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }
}
