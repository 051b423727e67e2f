package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedImagesTest {

    @TempDir
    Path directory;

    @Test
    void mappedOnTheSecondRequestForAVersionThenSharedWithIndependentPositions() throws Exception {
        byte[] content = new byte[100_000];
        new java.util.Random(1).nextBytes(content);
        StoredImage image = store("a.png", content, 1_000);
        MappedImages mapped = new MappedImages();

        assertNull(mapped.bytes(image), "a one-off download is streamed, not mapped");
        ByteBuffer second = mapped.bytes(image);
        assertNotNull(second);
        second.position(50_000);
        ByteBuffer third = mapped.bytes(image);
        assertEquals(0, third.position());
        assertEquals(content.length, third.remaining());
        byte[] read = new byte[content.length];
        third.get(read);
        assertArrayEquals(content, read);
        assertEquals(1, mapped.size());
    }

    @Test
    void aNewVersionIsANewEntry() throws Exception {
        MappedImages mapped = new MappedImages();
        StoredImage old = store("a.png", new byte[] {1, 2, 3}, 1_000);
        mapped.bytes(old);
        assertEquals(1, mapped.bytes(old).get(0));

        StoredImage current = store("a.png", new byte[] {7, 8, 9}, 2_000);
        assertNull(mapped.bytes(current), "a new version starts over as a one-off");
        assertEquals(7, mapped.bytes(current).get(0));
    }

    @Test
    void emptyAndChangedFilesAreNotMapped() throws Exception {
        MappedImages mapped = new MappedImages();
        StoredImage empty = store("empty.png", new byte[0], 1_000);
        mapped.bytes(empty);
        assertNull(mapped.bytes(empty));

        StoredImage stale = store("b.png", new byte[10], 1_000);
        Files.write(stale.path(), new byte[20]); // not the length the request saw
        mapped.bytes(stale);
        assertNull(mapped.bytes(stale));

        StoredImage replaced = store("d.png", new byte[10], 1_000);
        Files.setLastModifiedTime(replaced.path(), FileTime.fromMillis(5_000)); // same length, newer
        mapped.bytes(replaced);
        assertNull(mapped.bytes(replaced));

        StoredImage gone = store("c.png", new byte[10], 1_000);
        Files.delete(gone.path());
        mapped.bytes(gone);
        assertNull(mapped.bytes(gone));
    }

    private StoredImage store(String name, byte[] content, long modifiedMillis) throws Exception {
        Path path = Files.write(directory.resolve(name), content);
        Files.setLastModifiedTime(path, FileTime.fromMillis(modifiedMillis));
        String etag = StoredImage.etag(content.length, modifiedMillis);
        return new StoredImage(path, content.length, modifiedMillis, ImageType.PNG, etag, name + etag, "-");
    }
}
