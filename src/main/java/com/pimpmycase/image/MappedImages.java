package com.pimpmycase.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory mappings of images that are downloaded more than once, so that serving one again costs
 * no open, read and close, and the kernel copies straight from the page cache to the socket: what
 * the containers' static servlets get from their in-memory caches, without holding the bytes on
 * the heap or in native buffers. Measured on Jetty 12 (docs/BENCHMARKS.md).
 *
 * <p>An image is mapped the second time a request asks for the same version, so one-off downloads
 * (most of a manufacturer's) keep the streaming path and cost no mapping. Entries are keyed by name
 * and entity tag: the request's own {@code stat} (in {@link ImageStore#find}) notices a rewritten
 * file, which gets a new tag. Stored images are never modified in place (they are written under a
 * temporary name and renamed), so a mapping never sees its file change. The counts and the mapped
 * total are bounded; when a bound is reached the table starts over, and the old mappings go when
 * the garbage collector frees them. Built and closed by the application's lifecycle: closing drops
 * every mapping, so an undeployed WAR keeps none reachable.
 */
public final class MappedImages implements AutoCloseable {

    static final long MAX_IMAGE_BYTES = 64L << 20;
    private static final long MAX_TOTAL_BYTES = 1L << 30;
    private static final int MAX_ENTRIES = 4096;

    private final Map<String, ByteBuffer> mapped = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seenOnce = new ConcurrentHashMap<>();
    private long mappedBytes; // guarded by this

    /**
     * The image's bytes as a buffer of its own (position 0, limit its length), or {@code null} when
     * it is not (yet) mapped: the caller streams it instead.
     */
    ByteBuffer bytes(StoredImage image) throws IOException {
        if (image.length() == 0 || image.length() > MAX_IMAGE_BYTES) {
            return null;
        }
        String key = image.versionKey();
        ByteBuffer bytes = mapped.get(key);
        if (bytes != null) {
            return bytes.duplicate();
        }
        if (seenOnce.putIfAbsent(key, Boolean.TRUE) == null) {
            if (seenOnce.size() > MAX_ENTRIES) {
                seenOnce.clear();
            }
            return null;
        }
        bytes = map(image);
        if (bytes == null) {
            return null;
        }
        add(key, bytes);
        return bytes.duplicate();
    }

    private synchronized void add(String key, ByteBuffer bytes) {
        if (mappedBytes + bytes.capacity() > MAX_TOTAL_BYTES || mapped.size() >= MAX_ENTRIES) {
            mapped.clear();
            mappedBytes = 0;
        }
        if (mapped.putIfAbsent(key, bytes) == null) {
            mappedBytes += bytes.capacity();
        }
    }

    /**
     * A read-only mapping of the whole file, or null when it is gone, a link now (never followed,
     * as in {@link ImageStore}), or no longer that version.
     */
    private static ByteBuffer map(StoredImage image) throws IOException {
        try (FileChannel channel = ImageStore.openNoFollow(image.path())) {
            // Still the version the request saw? (A file renamed into place since has another time.)
            boolean sameVersion = channel.size() == image.length()
                    && Files.getLastModifiedTime(image.path(), LinkOption.NOFOLLOW_LINKS).toMillis()
                            == image.lastModifiedMillis();
            return sameVersion ? channel.map(FileChannel.MapMode.READ_ONLY, 0, image.length()) : null;
        } catch (ImageStore.NotAnImageException | NoSuchFileException removedOrReplacedMeanwhile) {
            return null;
        }
    }

    int size() {
        return mapped.size();
    }

    @Override
    public synchronized void close() {
        mapped.clear();
        seenOnce.clear();
        mappedBytes = 0;
    }
}
