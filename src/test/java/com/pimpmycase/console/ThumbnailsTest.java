package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.image.ImageStore;
import com.pimpmycase.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What one console thumbnail may cost (SPEC §12, issue 22 items 6 and 8e), against bombs made in
 * the test: an image over 40 Mpx gets the placeholder without a decode; a broken one gets it too,
 * remembered; a decode costs at most about 1 s of CPU; a real image still gets a real thumbnail.
 * CPU is the sum over every thread of this JVM ({@link ThumbnailBombs#cpuOfAllThreads()}), so it
 * counts the decode whichever thread makes it. Uses only what {@code Thumbnails} had before the
 * fix, so it runs against both.
 */
class ThumbnailsTest {

    /** "About 1 s" (SPEC §12), with room for a busy 2-core machine. */
    static final long CPU_BOUND_MS = 1500;

    @TempDir
    Path directory;
    Thumbnails thumbnails;

    @BeforeEach
    void open() throws Exception {
        thumbnails = new Thumbnails(new ImageStore(directory));
        // Class loading, the PNG writer, the decoding threads: paid here, not by the first bomb.
        Files.write(directory.resolve("warm.png"), TestImages.png(64, 64));
        assertNotNull(thumbnails.of("warm.png"));
    }

    @AfterEach
    void close() {
        thumbnails.close();
    }

    /** The 16384×6103 PNG of the issue: 100 Mpx of one colour, a few hundred KB on disk. */
    @Test
    void anImageOverFortyMegapixelsGetsThePlaceholderWithoutADecode() throws Exception {
        byte[] bomb = ThumbnailBombs.png(16384, 6103, 8, ThumbnailBombs.RGB, false, 0x80);
        assertTrue(bomb.length < 2_000_000, "a small file: " + bomb.length);
        Path file = store("wide.png", bomb);
        for (int view = 1; view <= 2; view++) {
            Timed timed = Timed.of(() -> thumbnails.of("wide.png"));
            assertTrue(isPlaceholder(timed.png()), "view " + view + ": the placeholder, not a thumbnail of the pixels");
            assertTrue(timed.cpuMs() < 200, "view " + view + ": refused by its header, not decoded: " + timed);
        }
        // Remembered: a same-size, same-time file with a readable image behind that header still gets it.
        replaceKeepingVersion(file, TestImages.png(64, 64));
        assertTrue(isPlaceholder(png(thumbnails.of("wide.png"))), "the placeholder is remembered for that version");
    }

    /** The broken variant: a truncated PNG decoded every view (only two at a time, others queued). */
    @Test
    void aBrokenImageGetsThePlaceholderRememberedSoTheNextViewDoesNotDecodeAgain() throws Exception {
        byte[] broken = ThumbnailBombs.truncated(ThumbnailBombs.png(5000, 5000, 8, ThumbnailBombs.RGB, false, 0x80), 0.5);
        Path file = store("broken.png", broken);
        Timed first = Timed.of(() -> thumbnails.of("broken.png"));
        assertTrue(isPlaceholder(first.png()), "a broken image gets the placeholder");
        assertTrue(first.cpuMs() < CPU_BOUND_MS, first.toString());
        // Same length and modification time, but now a valid image: a new decode would show it.
        replaceKeepingVersion(file, TestImages.png(64, 64));
        Timed second = Timed.of(() -> thumbnails.of("broken.png"));
        assertTrue(isPlaceholder(second.png()), "the second view is answered from memory, not decoded again");
        assertTrue(second.cpuMs() < 100, second.toString());
    }

    /** A replaced file is a new version: a remembered placeholder does not outlive it. */
    @Test
    void replacingABrokenImageGivesTheNewImagesThumbnail() throws Exception {
        Path file = store("replaced.png", ThumbnailBombs.truncated(TestImages.png(640, 1200), 0.5));
        assertTrue(isPlaceholder(png(thumbnails.of("replaced.png"))));
        Files.write(file, TestImages.png(640, 1200));
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        BufferedImage thumbnail = image(png(thumbnails.of("replaced.png")));
        assertEquals(160, thumbnail.getHeight(), "the new version's own thumbnail");
    }

    static Stream<Arguments> underFortyMegapixels() {
        return Stream.of(
                Arguments.of("16-bit RGBA interlaced PNG 6000x6000 (36 Mpx), Paeth-filtered", "a.png",
                        (Supplier<byte[]>) () -> ThumbnailBombs.png(6000, 6000, 16, ThumbnailBombs.RGBA, true, 0, 4)),
                Arguments.of("16-bit RGBA PNG 6300x6300 (39.7 Mpx), Paeth-filtered", "b.png",
                        (Supplier<byte[]>) () -> ThumbnailBombs.png(6300, 6300, 16, ThumbnailBombs.RGBA, false, 0, 4)),
                Arguments.of("truncated 16-bit RGBA interlaced PNG 6000x6000", "c.png",
                        (Supplier<byte[]>) () -> ThumbnailBombs.truncated(
                                ThumbnailBombs.png(6000, 6000, 16, ThumbnailBombs.RGBA, true, 0x80), 0.97)),
                Arguments.of("lossless WebP 6000x6000 (36 Mpx in 34 bytes)", "d.webp",
                        (Supplier<byte[]>) () -> ThumbnailBombs.webp(6000, 6000)));
    }

    /** Under 40 Mpx, decoded: one thumbnail costs at most about 1 s of CPU, and its result is remembered. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("underFortyMegapixels")
    void oneThumbnailCostsAtMostAboutOneSecondOfCpu(String what, String name, Supplier<byte[]> bomb) throws Exception {
        store(name, bomb.get());
        Timed first = Timed.of(() -> thumbnails.of(name));
        assertNotNull(first.png(), what + ": a thumbnail or the placeholder, never nothing");
        BufferedImage shown = image(first.png());
        assertTrue(Math.max(shown.getWidth(), shown.getHeight()) <= Thumbnails.SIZE, what);
        assertTrue(first.cpuMs() < CPU_BOUND_MS, what + ": " + first);
        Timed second = Timed.of(() -> thumbnails.of(name));
        assertTrue(Arrays.equals(first.png(), second.png()), what + ": the same answer");
        assertTrue(second.cpuMs() < 100, what + ": remembered, not decoded again: " + second);
        System.out.println("[thumbnail cost] " + what + ": first " + first + ", second " + second
                + (isPlaceholder(first.png()) ? " (placeholder)" : " (thumbnail)"));
    }

    /** The bounds do not cost real images their thumbnails: PNG (also interlaced), JPEG, WebP. */
    @Test
    void realImagesStillGetRealThumbnails() throws Exception {
        store("tall.png", TestImages.png(640, 1200));
        store("photo.jpg", TestImages.jpeg(4000, 3000));
        store("one.webp", TestImages.webp());
        store("interlaced.png", interlacedPng(2400, 1600));
        BufferedImage tall = image(png(thumbnails.of("tall.png")));
        assertEquals(160, tall.getHeight());
        assertTrue(Math.abs(tall.getWidth() - 85) <= 1, "640x1200 scaled to about 85x160: " + tall.getWidth());
        BufferedImage photo = image(png(thumbnails.of("photo.jpg")));
        assertEquals(160, photo.getWidth());
        assertEquals(120, photo.getHeight());
        assertFalse(isPlaceholder(png(thumbnails.of("one.webp"))));
        BufferedImage interlaced = image(png(thumbnails.of("interlaced.png")));
        assertEquals(160, interlaced.getWidth());
        assertEquals(0xff5f6d, interlaced.getRGB(5, 5) & 0xffffff, "the interlaced image's own colour");
    }

    // ---- helpers

    /** An Adam7 PNG of TestImages' colour, by ImageIO's writer with interlacing on. */
    static byte[] interlacedPng(int width, int height) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(TestImages.png(width, height)));
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(source, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] png = bytes.toByteArray();
        assertEquals(1, png[28], "Adam7");
        return png;
    }

    Path store(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** Rewrites {@code file} with {@code content} padded to its length, and its modification time kept: the same version to the store. */
    static void replaceKeepingVersion(Path file, byte[] content) throws IOException {
        long length = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        assertTrue(content.length <= length);
        Files.write(file, Arrays.copyOf(content, (int) length));
        Files.setLastModifiedTime(file, modified);
    }

    static byte[] png(Thumbnails.Thumbnail thumbnail) {
        return thumbnail == null ? null : thumbnail.png();
    }

    static BufferedImage image(byte[] png) throws IOException {
        assertNotNull(png, "an image");
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The console's placeholder: 80×80, light grey (the pixels of the bombs are mid grey or colours). */
    static boolean isPlaceholder(byte[] png) throws IOException {
        if (png == null) {
            return false;
        }
        BufferedImage image = image(png);
        return image.getWidth() == 80 && image.getHeight() == 80 && (image.getRGB(40, 20) & 0xffffff) == 0xe4e4e7;
    }

    @FunctionalInterface
    interface Call {
        Thumbnails.Thumbnail run() throws Exception;
    }

    /** One call's answer, its CPU (every thread of this JVM) and wall time. */
    record Timed(byte[] png, long cpuMs, long wallMs) {
        static Timed of(Call call) throws Exception {
            long cpu = ThumbnailBombs.cpuOfAllThreads();
            long wall = System.nanoTime();
            Thumbnails.Thumbnail answer = call.run();
            return new Timed(ThumbnailsTest.png(answer), (ThumbnailBombs.cpuOfAllThreads() - cpu) / 1_000_000,
                    (System.nanoTime() - wall) / 1_000_000);
        }

        @Override
        public String toString() {
            return "CPU " + cpuMs + " ms, wall " + wallMs + " ms";
        }
    }
}
