package com.pimpmycase.image;

import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds a container's {@code write(ByteBuffer)} on its servlet output stream: Jetty 12 has it, and
 * Servlet 6.1 makes it standard. Writing a buffer of native memory lets the container hand it
 * straight to the socket, where {@code write(byte[])} would first copy a heap array.
 */
final class ByteBufferSink {

    private static final MethodType WRITE = MethodType.methodType(void.class, ByteBuffer.class);
    /** What callers invoke: {@code (OutputStream out, ByteBuffer buffer) -> out.write(buffer)}. */
    private static final MethodType CALL = MethodType.methodType(void.class, OutputStream.class, ByteBuffer.class);
    /** Per output stream class: the method, or a marker that there is none. */
    private static final ConcurrentMap<Class<?>, MethodHandle> WRITERS = new ConcurrentHashMap<>();
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private ByteBufferSink() {
    }

    /**
     * {@code write(ByteBuffer)} of {@code out}'s class, to be invoked exactly as
     * {@code (OutputStream, ByteBuffer)void} with {@code out}; {@code null} when it has none. Looked
     * up once per class, so a request costs a map lookup and no new handle.
     */
    static MethodHandle writerFor(OutputStream out) {
        MethodHandle write = WRITERS.computeIfAbsent(out.getClass(), ByteBufferSink::lookup);
        return write == NONE ? null : write;
    }

    private static MethodHandle lookup(Class<?> type) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, "write", WRITE).asType(CALL);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return NONE;
        }
    }
}
