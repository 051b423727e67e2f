package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
