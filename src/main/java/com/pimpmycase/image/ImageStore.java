package com.pimpmycase.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 *
 * <p>An image is a regular file directly in the directory, under a valid name, and nothing else:
 * symbolic links are never followed ({@link LinkOption#NOFOLLOW_LINKS} on the {@code stat} and
 * {@code O_NOFOLLOW} on every open), so a link placed in the directory (to {@code /etc/passwd}, to
 * another image, or dangling) is no image, for downloads, previews, minting and orders alike.
 * Whoever reads an image's bytes opens it with {@link #open(StoredImage)} for the same reason.
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
     * The stored image called {@code name}, or {@code null} when the name is not a valid image name
     * or there is no regular file of that name in the directory (a symbolic link is none, whatever
     * it points to).
     */
    public StoredImage find(String name) throws IOException {
        if (!ImageName.isValid(name)) {
            return null; // one path segment, no dot segments: the file lies directly in the directory
        }
        Path path = directory.resolve(name);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null; // a link, a directory, a device
        }
        long length = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = StoredImage.etag(length, modified);
        String key = name + etag;
        Version version = versions.get(key);
        if (version == null) {
            try {
                version = new Version(sniff(path), HTTP_DATE.format(Instant.ofEpochMilli(modified)));
            } catch (NotAnImageException removedOrReplacedMeanwhile) {
                return null;
            }
            if (versions.size() >= VERSION_CACHE_LIMIT) {
                versions.clear(); // crude but bounded; refilled at one read per image
            }
            versions.put(key, version);
        }
        return new StoredImage(path, length, modified, version.type(), etag, key, version.lastModifiedHeader());
    }

    public boolean exists(String name) throws IOException {
        return find(name) != null;
    }

    /**
     * Opens a found image for reading without following a link: {@code null} when it was removed,
     * or replaced by a symbolic link, since {@link #find} saw it. (Whether it is still the version
     * found is the caller's question: compare the channel's size, or the modification time.)
     */
    public FileChannel open(StoredImage image) throws IOException {
        try {
            return openNoFollow(image.path());
        } catch (NotAnImageException removedOrReplacedMeanwhile) {
            return null;
        }
    }

    /** The file read-only with {@code O_NOFOLLOW}; a missing file or a link is a {@link NotAnImageException}. */
    static FileChannel openNoFollow(Path path) throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotAnImageException(e);
        } catch (IOException e) {
            // O_NOFOLLOW on a link fails with ELOOP, which Java reports as a plain IOException.
            if (Files.isSymbolicLink(path)) {
                throw new NotAnImageException(e);
            }
            throw e;
        }
    }

    /** The path is gone, or is a symbolic link: not an image, whatever the cause. */
    static final class NotAnImageException extends IOException {
        NotAnImageException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static ImageType sniff(Path path) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(ImageType.SIGNATURE_BYTES);
        try (FileChannel channel = openNoFollow(path)) {
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read until full or end of file
            }
        }
        return ImageType.detect(head.array(), head.position());
    }
}
