package com.pimpmycase.upload;

import com.pimpmycase.image.ImageName;
import com.pimpmycase.image.ImageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores an uploaded design (SPEC §5): streamed to a hidden temporary file in the image directory,
 * never more than the limit, flushed to disk, checked to be the declared type, then renamed
 * atomically to its final name. No reader ever sees a partial image, and a crash leaves nothing
 * under a served name (temporary names start with a dot, which no image name may).
 *
 * <p>No symbolic link is followed (issue 14): the temporary file is created with
 * {@code CREATE_NEW} ({@code O_EXCL}, which fails on an existing link), checked through
 * {@code O_NOFOLLOW} by {@link ImageInspector}, and a final name already taken by anything, a link
 * included, is drawn again.
 */
public final class ImageUploader {

    private static final Logger LOG = Logger.getLogger(ImageUploader.class.getName());
    private static final String TEMP_PREFIX = ".upload-";
    private static final String TEMP_SUFFIX = ".tmp";
    /** Older temporary files are leftovers of a crash (any node may be mid-upload on a shared volume). */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path directory;
    private final long maxBytes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ImageUploader(Path directory, long maxBytes, Clock clock) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The body went over {@link #maxBytes}. */
    public static final class TooLargeException extends Exception {
        TooLargeException() {
            super(null, null, false, false);
        }
    }

    /** The body is not a sane image of the declared type. */
    public static final class InvalidImageException extends Exception {
        InvalidImageException(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Stores {@code body} and returns the new image's name.
     *
     * @param orderId an already validated order id, or {@code null}
     */
    public String store(InputStream body, ImageType declared, String orderId)
            throws IOException, TooLargeException, InvalidImageException {
        Path temp = directory.resolve(TEMP_PREFIX + hex(8) + TEMP_SUFFIX);
        boolean kept = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                copyAtMost(body, Channels.newOutputStream(channel));
                channel.force(true); // on disk before it gets a served name
            }
            ImageInspector.Inspection inspection = ImageInspector.inspect(temp, declared);
            if (!inspection.valid()) {
                throw new InvalidImageException(inspection.problem());
            }
            String name = moveIntoPlace(temp, declared, orderId);
            kept = true;
            return name;
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void copyAtMost(InputStream in, OutputStream out) throws IOException, TooLargeException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException(); // as soon as the body passes the limit
            }
            out.write(buffer, 0, n);
        }
    }

    private String moveIntoPlace(Path temp, ImageType type, String orderId) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String name = (orderId == null ? "design-" : "order-" + orderId + "-final-")
                    + clock.instant().getEpochSecond() + "-" + hex(4) + "." + type.extension();
            assert ImageName.isValid(name) : name;
            Path target = directory.resolve(name);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) { // a link of that name is taken too: never replaced
                if (attempt < 5) {
                    continue; // 32 random bits collided within one second: draw again
                }
                throw new FileAlreadyExistsException(name);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            return name;
        }
    }

    /** Makes the rename itself durable (Linux: fsync on the directory). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException unsupported) {
            LOG.log(Level.FINE, "cannot fsync the image directory", unsupported);
        }
    }

    /** Deletes temporary files that crashed uploads left behind; called at startup. */
    public void removeAbandonedUploads() {
        long cutoff = clock.millis() - ABANDONED_AFTER.toMillis();
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                    Files.deleteIfExists(temp);
                    LOG.info(() -> "removed abandoned upload " + temp.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clean abandoned uploads: {0}", e.toString());
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
