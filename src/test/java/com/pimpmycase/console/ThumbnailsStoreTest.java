package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.image.ImageStore;
import com.pimpmycase.testing.TestImages;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store failing (SPEC §12, §13) gives a placeholder that is not remembered; what is remembered
 * is never decoded twice (counted by {@link Thumbnails#decodes()}).
 */
class ThumbnailsStoreTest {

    @TempDir
    Path directory;

    enum Store { WORKS, OPEN_FAILS, READ_FAILS }

    @Test
    void aStoreFailureGivesAPlaceholderThatIsNotRemembered() throws Exception {
        Files.write(directory.resolve("design.png"), TestImages.png(640, 1200));
        AtomicReference<Store> store = new AtomicReference<>(Store.OPEN_FAILS);
        ImageStore images = new ImageStore(directory);
        try (Thumbnails thumbnails = new Thumbnails(images, image -> switch (store.get()) {
            case WORKS -> images.open(image);
            case OPEN_FAILS -> throw new IOException("store unavailable");
            // A channel whose reads fail (EISDIR), as a disk or network file system failing mid-read.
            case READ_FAILS -> FileChannel.open(directory, StandardOpenOption.READ);
        })) {
            for (Store failure : new Store[] {Store.OPEN_FAILS, Store.READ_FAILS}) {
                store.set(failure);
                Thumbnails.Thumbnail placeholder = thumbnails.of("design.png");
                assertArrayEquals(Thumbnails.placeholder(), placeholder.png(), failure.name());
                assertTrue(placeholder.placeholder(), failure.name());
                assertFalse(placeholder.remembered(), failure + ": not remembered");
                assertNull(placeholder.etag(), failure + ": no validator a browser could keep");
            }
            store.set(Store.WORKS);
            Thumbnails.Thumbnail real = thumbnails.of("design.png");
            assertFalse(real.placeholder(), "the store back: the real thumbnail at the next view");
            assertEquals(160, ThumbnailsTest.image(real.png()).getHeight());
        }
    }

    @Test
    void aRememberedPlaceholderOrThumbnailIsNotDecodedAgain() throws Exception {
        Files.write(directory.resolve("wide.png"), ThumbnailBombs.png(16384, 6103, 8, ThumbnailBombs.RGB, false, 0x80));
        Files.write(directory.resolve("broken.png"), ThumbnailBombs.truncated(TestImages.png(640, 1200), 0.5));
        Files.write(directory.resolve("design.png"), TestImages.png(640, 1200));
        try (Thumbnails thumbnails = new Thumbnails(new ImageStore(directory))) {
            for (int view = 1; view <= 3; view++) {
                long before = thumbnails.decodes();
                assertTrue(thumbnails.of("wide.png").placeholder());
                assertEquals(before, thumbnails.decodes(), "over 40 Mpx: never decoded");
                assertTrue(thumbnails.of("broken.png").placeholder());
                assertTrue(thumbnails.of("broken.png").remembered());
                assertFalse(thumbnails.of("design.png").placeholder());
                assertEquals(2, thumbnails.decodes(), "view " + view + ": one decode per image, at the first view");
            }
            assertTrue(thumbnails.of("wide.png").etag().startsWith("\"t160p-"), "a placeholder's tag is its own");
            assertTrue(thumbnails.of("design.png").etag().startsWith("\"t160-"));
        }
    }
}
