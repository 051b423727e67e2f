package com.pimpmycase.upload;

import com.pimpmycase.image.ImageType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a file really is the image type it was declared as (SPEC §5): the format's
 * signature, then its whole structure, every byte of the file accounted for
 * ({@link PngStructure}, {@link JpegStructure}, {@link WebpStructure}), and its dimensions from the
 * header within bounds.
 *
 * <p>No pixel is decoded: a full decode (javax.imageio) would hold the whole raster on the heap
 * (400 MB for a 100-megapixel RGBA image) and costs time in proportion to the pixels, not the
 * upload; a small file can declare a huge image (a decompression bomb). The structure walk reads
 * the file once, forwards, through one 64 KiB buffer, so its cost is linear in the upload's size
 * with a small constant (a 20 MB upload takes some tens of milliseconds) and its memory is fixed.
 */
public final class ImageInspector {

    /** Larger than any phone case print; larger sides are a decompression bomb, not a design. */
    public static final int MAX_SIDE = 16_384;
    /**
     * At most 100 megapixels (a 16384-pixel side alone would allow 268): some 50 times a phone
     * case print at 300 dpi, and a bound on what any later decode (thumbnails, printing) may take.
     */
    public static final long MAX_PIXELS = 100_000_000L;

    private ImageInspector() {
    }

    /** What the file turned out to be. */
    public record Inspection(boolean valid, int width, int height, String problem) {

        static Inspection ok(int width, int height) {
            if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                return invalid("dimensions " + Integer.toUnsignedString(width) + "x" + Integer.toUnsignedString(height)
                        + " are outside 1.." + MAX_SIDE);
            }
            if ((long) width * height > MAX_PIXELS) {
                return invalid("dimensions " + width + "x" + height + " exceed " + MAX_PIXELS / 1_000_000 + " megapixels");
            }
            return new Inspection(true, width, height, null);
        }

        static Inspection invalid(String problem) {
            return new Inspection(false, 0, 0, problem);
        }
    }

    public static Inspection inspect(Path file, ImageType declared) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, ImageType.SIGNATURE_BYTES));
            while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
                // read the signature bytes
            }
            if (ImageType.detect(head.array(), head.position()) != declared) {
                return Inspection.invalid("the bytes are not " + declared.mediaType());
            }
            ByteSource in = new ByteSource(channel, size);
            try {
                return switch (declared) {
                    case PNG -> PngStructure.inspect(in);
                    case JPEG -> JpegStructure.inspect(in);
                    case WEBP -> WebpStructure.inspect(in);
                    case OTHER -> Inspection.invalid("not an image type");
                };
            } catch (EOFException cutShort) {
                return Inspection.invalid(declared == ImageType.JPEG ? "JPEG is cut short"
                        : declared == ImageType.PNG ? "PNG is cut short" : "WebP is cut short");
            }
        }
    }
}
