package com.pimpmycase.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Files that start like an image but are not one (issue 14, item 7), and worst cases for the
 * cost of checking (item 8). Built from the real images of {@link TestImages}.
 */
public final class BrokenImages {

    public static final byte[] HTML =
            "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private BrokenImages() {
    }

    // --- PNG

    /** A PNG chunk: length, type, data, CRC-32 of type and data. */
    public static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        chunk.putInt(data.length).put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return chunk.putInt((int) crc.getValue()).array();
    }

    /** The chunk starting at {@code offset} of a PNG, whole (length, type, data, CRC). */
    private static byte[] chunkAt(byte[] png, int offset) {
        int length = ByteBuffer.wrap(png).getInt(offset);
        return Arrays.copyOfRange(png, offset, offset + 12 + length);
    }

    private static int offsetOf(byte[] png, String type) {
        for (int offset = 8; offset < png.length; offset += 12 + ByteBuffer.wrap(png).getInt(offset)) {
            if (new String(png, offset + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                return offset;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Issue 14's example: PNG signature, a real IHDR, then HTML, then a real IEND. */
    public static byte[] htmlBetweenIhdrAndIend() {
        byte[] png = TestImages.png(16, 16);
        return concat(PNG_SIGNATURE, chunkAt(png, 8), HTML, chunkAt(png, offsetOf(png, "IEND")));
    }

    /** A whole real PNG with HTML between its last IDAT and IEND. */
    public static byte[] htmlBeforeIend() {
        byte[] png = TestImages.png(16, 16);
        int iend = offsetOf(png, "IEND");
        return concat(Arrays.copyOf(png, iend), HTML, chunkAt(png, iend));
    }

    /** A whole real PNG with HTML after IEND. */
    public static byte[] htmlAfterIend() {
        return concat(TestImages.png(16, 16), HTML);
    }

    /** Signature, IHDR, the HTML in a well-formed text chunk, IEND: chunks fine, but no image data. */
    public static byte[] htmlInATextChunkWithoutImageData() {
        byte[] png = TestImages.png(16, 16);
        return concat(PNG_SIGNATURE, chunkAt(png, 8), pngChunk("tEXt", concat("Comment\0".getBytes(), HTML)),
                chunkAt(png, offsetOf(png, "IEND")));
    }

    /** A real PNG with one byte of its image data changed: the IDAT CRC no longer matches. */
    public static byte[] pngWithBadCrc() {
        byte[] png = TestImages.png(16, 16);
        png[offsetOf(png, "IDAT") + 10] ^= 0x01;
        return png;
    }

    /** A real PNG whose IDAT claims more bytes than it has (the rest of the file is swallowed). */
    public static byte[] pngWithWrongChunkLength() {
        byte[] png = TestImages.png(16, 16);
        ByteBuffer buffer = ByteBuffer.wrap(png);
        int idat = offsetOf(png, "IDAT");
        buffer.putInt(idat, buffer.getInt(idat) + 12); // now ends exactly at the end of the file
        return png;
    }

    /** A valid PNG of exactly {@code size} bytes: a real image plus one ancillary chunk of zeros. */
    public static byte[] pngOfSize(int size) {
        byte[] png = TestImages.png(8, 8);
        byte[] padding = pngChunk("zPAD", new byte[size - png.length - 12]);
        return concat(Arrays.copyOf(png, 33), padding, Arrays.copyOfRange(png, 33, png.length));
    }

    // --- JPEG

    /** Where the marker {@code FF code} starts in a real JPEG's header (segments walked from SOI). */
    private static int jpegMarker(byte[] jpeg, int code) {
        int offset = 2;
        while ((jpeg[offset + 1] & 0xff) != code) {
            offset += 2 + ((jpeg[offset + 2] & 0xff) << 8 | (jpeg[offset + 3] & 0xff));
        }
        return offset;
    }

    private static final byte[] EOI = {(byte) 0xff, (byte) 0xd9};

    /** A real JPEG's headers up to its scan, then EOI: a frame but no image data at all. */
    public static byte[] jpegWithoutScan() {
        byte[] jpeg = TestImages.jpeg(64, 32);
        return concat(Arrays.copyOf(jpeg, jpegMarker(jpeg, 0xda)), EOI);
    }

    /** A real JPEG cut inside its Huffman tables, then EOI. */
    public static byte[] jpegCutInItsTables() {
        byte[] jpeg = TestImages.jpeg(64, 32);
        return concat(Arrays.copyOf(jpeg, jpegMarker(jpeg, 0xc4) + 20), EOI);
    }

    /** A real JPEG cut inside its scan's entropy-coded data: no EOI. */
    public static byte[] jpegScanCutShort() {
        byte[] jpeg = TestImages.jpeg(64, 32);
        int sos = jpegMarker(jpeg, 0xda);
        return Arrays.copyOf(jpeg, sos + (jpeg.length - sos) / 2);
    }

    /** A real JPEG cut inside its scan, then HTML, then EOI: the last two bytes look like an end. */
    public static byte[] jpegScanCutThenHtmlAfterAnEoi() {
        byte[] jpeg = TestImages.jpeg(64, 32);
        int sos = jpegMarker(jpeg, 0xda);
        return concat(Arrays.copyOf(jpeg, sos + (jpeg.length - sos) / 2), EOI, HTML, EOI);
    }

    /** A whole real JPEG with HTML and another EOI after it. */
    public static byte[] jpegWithHtmlAfterEoi() {
        return concat(TestImages.jpeg(64, 32), HTML, EOI);
    }

    /** Issue 14's CPU example: SOI and then {@code size - 2} fill bytes {@code FF}, nothing else. */
    public static byte[] jpegOfFillBytes(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0xff);
        bytes[1] = (byte) 0xd8;
        return bytes;
    }

    /** The same ending in EOI: fill bytes before the end marker, but no frame and no scan. */
    public static byte[] jpegOfFillBytesAndEoi(int size) {
        byte[] bytes = jpegOfFillBytes(size);
        bytes[size - 1] = (byte) 0xd9;
        return bytes;
    }

    /**
     * A valid JPEG of exactly {@code size} bytes: a real image whose scan ends in fill bytes before
     * EOI (allowed: fill bytes may precede any marker). The worst case that must be accepted.
     */
    public static byte[] jpegWithFillBytesBeforeEoi(int size) {
        byte[] jpeg = TestImages.jpeg(64, 32);
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0xff);
        System.arraycopy(jpeg, 0, bytes, 0, jpeg.length - 2);
        bytes[size - 1] = (byte) 0xd9;
        return bytes;
    }

    // --- WebP

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The 1×1 lossless WebP with its VP8L chunk claiming more bytes than the RIFF holds. */
    public static byte[] webpChunkLongerThanTheFile() {
        byte[] webp = TestImages.webp();
        littleEndian(webp).putInt(16, 0x40);
        return webp;
    }

    /** The VP8L chunk claiming fewer bytes: the rest of its data is read as a (nonsense) chunk. */
    public static byte[] webpChunkShorterThanItsData() {
        byte[] webp = TestImages.webp();
        littleEndian(webp).putInt(16, 5);
        return webp;
    }

    /** The WebP with HTML appended and the RIFF size grown to cover it: not a chunk. */
    public static byte[] webpWithHtmlInsideTheRiff() {
        byte[] webp = concat(TestImages.webp(), HTML);
        littleEndian(webp).putInt(4, webp.length - 8);
        return webp;
    }

    /** The WebP with a second, well-formed chunk of HTML: a simple WebP is its image chunk alone. */
    public static byte[] webpWithAnHtmlChunk() {
        byte[] html = HTML.length % 2 == 0 ? HTML : concat(HTML, new byte[] {' '});
        ByteBuffer chunk = ByteBuffer.allocate(8 + html.length).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put("HTML".getBytes(StandardCharsets.US_ASCII)).putInt(html.length).put(html);
        byte[] webp = concat(TestImages.webp(), chunk.array());
        littleEndian(webp).putInt(4, webp.length - 8);
        return webp;
    }
}
