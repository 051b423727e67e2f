package com.pimpmycase.image;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Ranges of an image's reused memory mapping ({@link MappedImages}), handed to the container as they are. */
final class MappedBody implements ImageBody {

    private final ResponseSink sink;
    private final ByteBuffer mapping;

    /** @param mapping the whole image, a buffer of this request's own */
    MappedBody(ResponseSink sink, ByteBuffer mapping) {
        this.sink = sink;
        this.mapping = mapping;
    }

    @Override
    public boolean send(ByteRange range) throws IOException {
        sink.write(mapping.limit((int) range.last() + 1).position((int) range.first()));
        return true;
    }

    @Override
    public boolean send(byte[] bytes) throws IOException {
        sink.write(ByteBuffer.wrap(bytes));
        return true;
    }

    @Override
    public long bytesHandedOver() {
        return sink.written();
    }

    @Override
    public void close() {
    }
}
