package com.pimpmycase.image;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response's output stream as image bodies write to it. Where the container has
 * {@code write(ByteBuffer)} (Jetty 12; standard from Servlet 6.1) a buffer of native or mapped
 * memory goes to the socket as it is, where {@code write(byte[])} would first copy a heap array.
 * A client that goes away mid-body is ordinary (a partner's script, a closed browser tab): nothing
 * is logged above FINE. A failed buffer write is thrown back to the container, a failed array
 * write answers {@code false} (see each method for why).
 */
final class ResponseSink {

    private static final Logger LOG = Logger.getLogger(ResponseSink.class.getName());
    private static final MethodType WRITE = MethodType.methodType(void.class, ByteBuffer.class);
    /** What is invoked: {@code (OutputStream out, ByteBuffer buffer) -> out.write(buffer)}. */
    private static final MethodType CALL = MethodType.methodType(void.class, OutputStream.class, ByteBuffer.class);
    /** Per output stream class: its {@code write(ByteBuffer)}, or a marker that there is none. */
    private static final ConcurrentMap<Class<?>, MethodHandle> WRITERS = new ConcurrentHashMap<>();
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private final OutputStream out;
    private final MethodHandle writeBuffer;
    private final String filename;
    /** Bytes the container accepted, for the bytes-sent counter. */
    private long written;

    /** @param filename for the FINE line when the client goes away */
    ResponseSink(OutputStream out, String filename) {
        this.out = out;
        MethodHandle write = WRITERS.computeIfAbsent(out.getClass(), ResponseSink::lookup);
        this.writeBuffer = write == NONE ? null : write;
        this.filename = filename;
    }

    /** Whether {@link #write(ByteBuffer)} hands buffers over without a copy. */
    boolean takesBuffers() {
        return writeBuffer != null;
    }

    /**
     * Writes the buffer's remaining bytes (blocking: it may be reused when this returns).
     *
     * @throws IOException when the client left. Rethrown, never swallowed: returning normally after
     *     a failed write that carried the body's last byte makes Jetty 12 complete the exchange
     *     twice (a WARN with a NullPointerException in HttpChannelState). With its own exception
     *     back, Jetty aborts the exchange quietly, as its DefaultServlet does; Tomcat 11 too.
     */
    void write(ByteBuffer buffer) throws IOException {
        try {
            int length = buffer.remaining();
            writeBuffer.invokeExact(out, buffer);
            written += length;
        } catch (IOException clientGone) {
            clientLeft();
            throw clientGone;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable unexpected) {
            throw new IOException(unexpected);
        }
    }

    /** Writes {@code bytes[0, length)}; false when the client left. */
    boolean write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
            written += length;
            return true;
        } catch (IOException clientGone) {
            return clientLeft();
        }
    }

    /** The bytes handed to the container so far. */
    long written() {
        return written;
    }

    private boolean clientLeft() {
        LOG.log(Level.FINE, "download of {0} ended by the client", filename);
        return false;
    }

    private static MethodHandle lookup(Class<?> type) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, "write", WRITE).asType(CALL);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return NONE;
        }
    }
}
