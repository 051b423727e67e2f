package com.pimpmycase.upload;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * A file read forwards through one 64 KiB buffer, for the structure checks of
 * {@link ImageInspector}: every byte costs an array access, never a system call (issue 14: one
 * read per byte made a 2 MB JPEG of fill bytes take seconds). Not thread-safe, not synchronised.
 * Reading past the end throws {@link EOFException}: the image is cut short.
 */
final class ByteSource {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final long size;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    /** File position of {@code buffer[0]}. */
    private long bufferStart;
    private int pos;
    private int limit;

    ByteSource(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    long size() {
        return size;
    }

    long position() {
        return bufferStart + pos;
    }

    long remaining() {
        return size - position();
    }

    /** The next byte (0..255), or -1 at the end of the file. */
    int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    int u8() throws IOException {
        int b = read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    int u16be() throws IOException {
        return u8() << 8 | u8();
    }

    long u32be() throws IOException {
        return (long) u16be() << 16 | u16be();
    }

    int u16le() throws IOException {
        return u8() | u8() << 8;
    }

    int u24le() throws IOException {
        return u16le() | u8() << 16;
    }

    long u32le() throws IOException {
        return u16le() | (long) u16le() << 16;
    }

    void readFully(byte[] into) throws IOException {
        for (int i = 0; i < into.length; i++) {
            into[i] = (byte) u8();
        }
    }

    /** Skips {@code n} bytes, which must all be there. */
    void skip(long n) throws IOException {
        if (n < 0 || n > remaining()) {
            throw new EOFException();
        }
        if (n <= limit - pos) {
            pos += (int) n;
        } else {
            bufferStart = position() + n; // refilled on the next read
            pos = 0;
            limit = 0;
        }
    }

    /** Feeds the next {@code n} bytes, which must all be there, to {@code crc}. */
    void update(CRC32 crc, long n) throws IOException {
        if (n < 0 || n > remaining()) {
            throw new EOFException();
        }
        while (n > 0) {
            if (pos == limit && !fill()) {
                throw new EOFException();
            }
            int chunk = (int) Math.min(n, limit - pos);
            crc.update(buffer, pos, chunk);
            pos += chunk;
            n -= chunk;
        }
    }

    /**
     * Consumes bytes up to and including the next {@code 0xFF}: true when one was found, false at
     * the end of the file. A tight loop over the buffer (JPEG entropy-coded data).
     */
    boolean skipPastNextFF() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == (byte) 0xff) {
                    pos = i + 1;
                    return true;
                }
            }
            pos = limit;
            if (!fill()) {
                return false;
            }
        }
    }

    /** Consumes bytes while they are {@code 0xFF} (JPEG fill bytes): the next other byte, or -1 at the end. */
    int readPastFF() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buffer[i] != (byte) 0xff) {
                    pos = i + 1;
                    return buffer[i] & 0xff;
                }
            }
            pos = limit;
            if (!fill()) {
                return -1;
            }
        }
    }

    private boolean fill() throws IOException {
        bufferStart += pos;
        pos = 0;
        limit = 0;
        wrapped.clear().limit((int) Math.min(BUFFER_BYTES, Math.max(0, size - bufferStart)));
        while (wrapped.hasRemaining()) {
            int n = channel.read(wrapped, bufferStart + wrapped.position());
            if (n < 0) {
                break;
            }
        }
        limit = wrapped.position();
        return limit > 0;
    }
}
