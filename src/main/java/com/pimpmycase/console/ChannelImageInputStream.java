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

    ChannelImageInputStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read() throws IOException {
        one.clear();
        int n = channel.read(one, streamPos);
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
        int n = channel.read(ByteBuffer.wrap(b, off, len), streamPos);
        if (n <= 0) {
            return -1;
        }
        bitOffset = 0;
        streamPos += n;
        return n;
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
