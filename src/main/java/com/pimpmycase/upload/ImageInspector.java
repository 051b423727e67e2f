package com.pimpmycase.upload;

import com.pimpmycase.image.ImageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a file really is the image type it was declared as: the format's signature, its
 * dimensions read from the header (without decoding a single pixel, so a 20 MB upload costs no
 * more memory than a small one), and that it is not cut short.
 */
public final class ImageInspector {

    /** Larger than any phone case print; larger dimensions are a decompression bomb, not a design. */
    public static final int MAX_SIDE = 16_384;
    private static final int HEAD_BYTES = 64 * 1024;
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

    private ImageInspector() {
    }

    /** What the file turned out to be. */
    public record Inspection(boolean valid, int width, int height, String problem) {

        static Inspection ok(int width, int height) {
            return width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE
                    ? new Inspection(true, width, height, null)
                    : invalid("dimensions " + width + "x" + height + " are outside 1.." + MAX_SIDE);
        }

        static Inspection invalid(String problem) {
            return new Inspection(false, 0, 0, problem);
        }
    }

    public static Inspection inspect(Path file, ImageType declared) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
            channel.read(head, 0);
            head.flip();
            if (ImageType.detect(head.array(), head.limit()) != declared) {
                return Inspection.invalid("the bytes are not " + declared.mediaType());
            }
            return switch (declared) {
                case PNG -> png(head, tail(channel, size, PNG_IEND.length));
                case JPEG -> jpeg(channel, size);
                case WEBP -> webp(head, size);
                case OTHER -> Inspection.invalid("not an image type");
            };
        }
    }

    /** Signature, then IHDR (always first) with width and height; ends with the IEND chunk. */
    private static Inspection png(ByteBuffer head, ByteBuffer tail) {
        if (head.limit() < 33 || head.getInt(8) != 13 || head.getInt(12) != 0x49484452) { // "IHDR"
            return Inspection.invalid("PNG without an IHDR header");
        }
        if (!tail.equals(ByteBuffer.wrap(PNG_IEND))) {
            return Inspection.invalid("PNG is cut short (no IEND chunk)");
        }
        return Inspection.ok(head.getInt(16), head.getInt(20));
    }

    /** Walks the marker segments to the first start-of-frame; the file must end with EOI (FF D9). */
    private static Inspection jpeg(FileChannel channel, long size) throws IOException {
        ByteBuffer tail = tail(channel, size, 2);
        if (tail.limit() < 2 || (tail.get(0) & 0xff) != 0xff || (tail.get(1) & 0xff) != 0xd9) {
            return Inspection.invalid("JPEG is cut short (no end-of-image marker)");
        }
        ByteBuffer segment = ByteBuffer.allocate(9);
        long position = 2;
        while (position + 4 <= size) {
            segment.clear().limit(4);
            channel.read(segment, position);
            if ((segment.get(0) & 0xff) != 0xff) {
                return Inspection.invalid("JPEG marker structure is broken");
            }
            int marker = segment.get(1) & 0xff;
            if (marker == 0xff) {
                position++; // fill byte
                continue;
            }
            int length = segment.getShort(2) & 0xffff;
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                segment.clear().limit(9);
                channel.read(segment, position);
                return Inspection.ok(segment.getShort(7) & 0xffff, segment.getShort(5) & 0xffff);
            }
            if (marker == 0xda || marker == 0xd9 || length < 2) {
                break; // image data or the end before any frame header
            }
            position += 2 + length;
        }
        return Inspection.invalid("JPEG without a frame header");
    }

    /** RIFF size must match the file; the first chunk (VP8, VP8L or VP8X) gives the dimensions. */
    private static Inspection webp(ByteBuffer head, long size) {
        ByteBuffer le = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (head.limit() < 30) {
            return Inspection.invalid("WebP too short");
        }
        long riffSize = le.getInt(4) & 0xffffffffL;
        if (riffSize + 8 != size && riffSize + 9 != size) { // a trailing pad byte is tolerated
            return Inspection.invalid("WebP is cut short or padded (RIFF size " + riffSize + ", file " + size + ")");
        }
        String chunk = new String(new byte[] {head.get(12), head.get(13), head.get(14), head.get(15)},
                java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> (head.get(23) & 0xff) == 0x9d && (head.get(24) & 0xff) == 0x01 && (head.get(25) & 0xff) == 0x2a
                    ? Inspection.ok(le.getShort(26) & 0x3fff, le.getShort(28) & 0x3fff)
                    : Inspection.invalid("VP8 frame tag missing");
            case "VP8L" -> {
                if ((head.get(20) & 0xff) != 0x2f) {
                    yield Inspection.invalid("VP8L signature missing");
                }
                int bits = le.getInt(21);
                yield Inspection.ok((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
            }
            case "VP8X" -> Inspection.ok(uint24(le, 24) + 1, uint24(le, 27) + 1);
            default -> Inspection.invalid("WebP without a VP8, VP8L or VP8X chunk");
        };
    }

    private static int uint24(ByteBuffer le, int at) {
        return (le.get(at) & 0xff) | (le.get(at + 1) & 0xff) << 8 | (le.get(at + 2) & 0xff) << 16;
    }

    private static ByteBuffer tail(FileChannel channel, long size, int n) throws IOException {
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(n, size));
        channel.read(tail, size - tail.capacity());
        return tail.flip();
    }
}
