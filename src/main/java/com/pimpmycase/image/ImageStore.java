package com.pimpmycase.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The directory of stored design images (shared by every node in a scale-out). */
public final class ImageStore {

    private final Path directory;

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
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? new StoredImage(path, attributes.size(), attributes.lastModifiedTime().toMillis())
                    : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public boolean exists(String name) throws IOException {
        return ImageName.isValid(name) && find(name) != null;
    }
}
