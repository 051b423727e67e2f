package com.pimpmycase.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory of stored design images (shared by every node in a scale-out). Finding an image
 * costs one {@code stat}: what is derived from a version of it (its type, sniffed from its first
 * bytes, and its {@code Last-Modified} text) is remembered per version.
 */
public final class ImageStore {

    private static final int VERSION_CACHE_LIMIT = 10_000;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Path directory;
    /** name + entity tag → what is derived from that version; a rewritten file has a new tag. */
    private final Map<String, Version> versions = new ConcurrentHashMap<>();

    private record Version(ImageType type, String lastModifiedHeader) {}

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
        Version version = versions.get(key);
        if (version == null) {
            try {
                version = new Version(sniff(path), HTTP_DATE.format(Instant.ofEpochMilli(modified)));
            } catch (NoSuchFileException removedMeanwhile) {
                return null;
            }
            if (versions.size() >= VERSION_CACHE_LIMIT) {
                versions.clear(); // crude but bounded; refilled at one read per image
            }
            versions.put(key, version);
        }
        return new StoredImage(path, length, modified, version.type(), etag, key, version.lastModifiedHeader());
    }

    /** The image's file opened for reading, or {@code null} when it was removed since it was found. */
    public FileChannel open(StoredImage image) throws IOException {
        try {
            return FileChannel.open(image.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException removedMeanwhile) {
            return null;
        }
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
