package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageStoreTest {

    @TempDir
    Path directory;

    @Test
    void lastModifiedIsAnImfFixdateWithATwoDigitDay() throws Exception {
        Path path = Files.write(directory.resolve("a.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2026-11-01T08:05:09.750Z")));

        StoredImage image = new ImageStore(directory).find("a.png");

        assertEquals("Sun, 01 Nov 2026 08:05:09 GMT", image.lastModifiedHeader());
        assertEquals(ImageType.PNG, image.type());
    }

    @Test
    void aNewVersionHasANewKeyAndAMissingFileIsNull() throws Exception {
        Path path = Files.write(directory.resolve("a.png"), new byte[] {1, 2, 3});
        ImageStore store = new ImageStore(directory);
        Files.setLastModifiedTime(path, FileTime.fromMillis(1_000));
        String first = store.find("a.png").versionKey();
        Files.setLastModifiedTime(path, FileTime.fromMillis(2_000));

        assertNotEquals(first, store.find("a.png").versionKey());
        assertNull(store.find("b.png"));
    }

    static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    /**
     * Makes {@code name} in the image directory one kind of entry that is not an image: symbolic
     * links (to a file outside, to another image inside, to nothing, to the directory itself), a
     * directory, a link to a directory.
     */
    private Path make(String kind, String name, Path outside) throws Exception {
        Path entry = directory.resolve(name);
        return switch (kind) {
            case "link-outside" -> Files.createSymbolicLink(entry, outside.resolve("secret.png"));
            case "relative-link-outside" -> Files.createSymbolicLink(entry, Path.of("../outside/secret.png"));
            case "link-to-image" -> Files.createSymbolicLink(entry, directory.resolve("real.png"));
            case "relative-link-to-image" -> Files.createSymbolicLink(entry, Path.of("real.png"));
            case "dangling-link" -> Files.createSymbolicLink(entry, directory.resolve("nothing-here.png"));
            case "link-to-directory" -> Files.createSymbolicLink(entry, outside);
            case "directory" -> Files.createDirectory(entry);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"link-outside", "relative-link-outside", "link-to-image", "relative-link-to-image",
        "dangling-link", "link-to-directory", "directory"})
    void onlyARegularFileInTheDirectoryIsAnImage(String kind) throws Exception {
        Path images = Files.createDirectory(directory.resolve("images"));
        Path outside = Files.createDirectory(directory.resolve("outside"));
        Files.write(outside.resolve("secret.png"), PNG_HEAD);
        Files.write(images.resolve("real.png"), PNG_HEAD);
        directory = images;
        make(kind, "entry.png", outside);
        ImageStore store = new ImageStore(images);

        assertNull(store.find("entry.png"), kind);
        assertFalse(store.exists("entry.png"), kind);
        assertNotNull(store.find("real.png"), "the real image next to it is still one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/secret.png", "sub/real.png", "..", ".", "", "/etc/passwd", ".hidden.png"})
    void aNameThatIsNotOneValidSegmentIsNoImage(String name) throws Exception {
        Path images = Files.createDirectories(directory.resolve("images/sub"));
        Files.write(directory.resolve("images/sub/real.png"), PNG_HEAD);
        Files.write(directory.resolve("images/.hidden.png"), PNG_HEAD);
        Files.write(Files.createDirectory(directory.resolve("outside")).resolve("secret.png"), PNG_HEAD);
        ImageStore store = new ImageStore(images.getParent());

        assertNull(store.find(name), name);
        assertFalse(store.exists(name), name);
    }

    @Test
    void openReadsTheImageAndRefusesALinkSwappedInAfterTheStat() throws Exception {
        Path secret = Files.write(Files.createDirectory(directory.resolve("outside")).resolve("secret"), PNG_HEAD);
        Path images = Files.createDirectory(directory.resolve("images"));
        Path path = Files.write(images.resolve("a.png"), PNG_HEAD);
        ImageStore store = new ImageStore(images);
        StoredImage image = store.find("a.png");

        try (FileChannel channel = store.open(image)) {
            ByteBuffer bytes = ByteBuffer.allocate(PNG_HEAD.length);
            channel.read(bytes);
            assertTrue(java.util.Arrays.equals(PNG_HEAD, bytes.array()));
        }
        Files.delete(path);
        assertNull(store.open(image), "removed since the stat");
        Files.createSymbolicLink(path, secret);
        assertNull(store.open(image), "a link since the stat is not followed");
    }
}
