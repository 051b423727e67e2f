package com.pimpmycase.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory of stored design images (shared by every node in a scale-out). Finding an image
 * costs one {@code stat}: its type, sniffed from its first bytes, is remembered per version.
 */
public final class ImageStore {

    private static final int TYPE_CACHE_LIMIT = 10_000;

    private final Path directory;
    /** name + entity tag → type; a rewritten file has a new tag, so entries never go stale. */
    private final Map<String, ImageType> types = new ConcurrentHashMap<>();

    public ImageStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The stored image called {@code name} (already checked by {@link ImageName#isValid}), or
     * {@code null} when there is no such regular file.
     */
    public StoredImage find(String name) throws IOException {
        Path path = directory.resolve(name);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        long length = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = StoredImage.etag(length, modified);
        String key = name + etag;
        ImageType type = types.get(key);
        if (type == null) {
            try {
                type = sniff(path);
            } catch (NoSuchFileException removedMeanwhile) {
                return null;
            }
            if (types.size() >= TYPE_CACHE_LIMIT) {
                types.clear(); // crude but bounded; refilled at one read per image
            }
            types.put(key, type);
        }
        return new StoredImage(path, length, modified, type, etag);
    }

    public boolean exists(String name) throws IOException {
        return ImageName.isValid(name) && find(name) != null;
    }

    private static ImageType sniff(Path path) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(ImageType.SIGNATURE_BYTES);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read until full or end of file
            }
        }
        return ImageType.detect(head.array(), head.position());
    }
}
