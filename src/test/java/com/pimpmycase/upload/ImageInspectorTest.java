package com.pimpmycase.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.image.ImageType;
import com.pimpmycase.testing.TestImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInspectorTest {

    @TempDir
    Path dir;

    private ImageInspector.Inspection inspect(byte[] bytes, ImageType declared) throws IOException {
        Path file = Files.write(dir.resolve("f"), bytes);
        return ImageInspector.inspect(file, declared);
    }

    @Test
    void realImagesPassWithTheirDimensions() throws IOException {
        ImageInspector.Inspection png = inspect(TestImages.png(90, 180), ImageType.PNG);
        assertTrue(png.valid(), png.problem());
        assertEquals(90, png.width());
        assertEquals(180, png.height());
        ImageInspector.Inspection jpeg = inspect(TestImages.jpeg(64, 32), ImageType.JPEG);
        assertTrue(jpeg.valid(), jpeg.problem());
        assertEquals(64, jpeg.width());
        assertEquals(32, jpeg.height());
        ImageInspector.Inspection webp = inspect(TestImages.webp(), ImageType.WEBP);
        assertTrue(webp.valid(), webp.problem());
        assertEquals(1, webp.width());
    }

    @Test
    void declaredTypeMustMatchTheBytes() throws IOException {
        assertFalse(inspect(TestImages.png(4, 4), ImageType.JPEG).valid());
        assertFalse(inspect(TestImages.jpeg(4, 4), ImageType.WEBP).valid());
        assertFalse(inspect("not an image at all".getBytes(), ImageType.PNG).valid());
        assertFalse(inspect(new byte[0], ImageType.PNG).valid());
    }

    @Test
    void signatureOnGarbageOrACutShortFileFails() throws IOException {
        assertFalse(inspect(TestImages.pngHeaderedNoise(5000, 1), ImageType.PNG).valid());
        byte[] png = TestImages.png(40, 40);
        assertFalse(inspect(Arrays.copyOf(png, png.length - 20), ImageType.PNG).valid());
        byte[] jpeg = TestImages.jpeg(40, 40);
        assertFalse(inspect(Arrays.copyOf(jpeg, jpeg.length - 10), ImageType.JPEG).valid());
        byte[] webp = TestImages.webp();
        assertFalse(inspect(Arrays.copyOf(webp, webp.length - 4), ImageType.WEBP).valid());
    }

    @Test
    void absurdDimensionsAreRefused() throws IOException {
        byte[] png = TestImages.png(4, 4);
        ByteBuffer.wrap(png).putInt(16, 100_000); // IHDR width
        ImageInspector.Inspection inspection = inspect(png, ImageType.PNG);
        assertFalse(inspection.valid());
        assertTrue(inspection.problem().contains("100000x4"), inspection.problem());
    }
}
