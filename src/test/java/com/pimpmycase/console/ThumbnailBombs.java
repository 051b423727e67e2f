package com.pimpmycase.console;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Decompression bombs for the thumbnail tests (issue 22, items 6 and 8e), made in memory: PNGs
 * written chunk by chunk (one colour, so hundreds of megabytes of pixels compress to a few hundred
 * kilobytes), any bit depth, Adam7-interlaced or not; a lossless WebP whose pixels take no bits.
 */
final class ThumbnailBombs {

    private ThumbnailBombs() {
    }

    static final int RGB = 2;
    static final int RGBA = 6;

    /**
     * A PNG of one colour: {@code colourType} {@link #RGB} or {@link #RGBA}, {@code bitDepth} 8 or
     * 16, each sample {@code sample} (its low byte repeated at 16 bits).
     */
    static byte[] png(int width, int height, int bitDepth, int colourType, boolean interlaced, int sample) {
        return png(width, height, bitDepth, colourType, interlaced, sample, 0);
    }

    /**
     * As above, each row filtered with {@code filter} (PNG filter type 0–4) over bytes all
     * {@code sample}: with Paeth (4) and sample 0 the image is transparent black and the decoder
     * computes a Paeth predictor for every byte, the costliest case of its inner loop.
     */
    static byte[] png(int width, int height, int bitDepth, int colourType, boolean interlaced, int sample, int filter) {
        int channels = colourType == RGBA ? 4 : 3;
        int bytesPerPixel = channels * bitDepth / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) (interlaced ? 1 : 0));
        out.writeBytes(chunk("IHDR", header.array()));

        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 20);
        byte[] buffer = new byte[1 << 16];
        byte[] row = new byte[1 + width * bytesPerPixel];
        Arrays.fill(row, (byte) sample);
        row[0] = (byte) filter;
        int[][] passes = interlaced
                ? new int[][] {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
                : new int[][] {{0, 0, 1, 1}};
        for (int[] pass : passes) {
            int passWidth = (width - pass[0] + pass[2] - 1) / pass[2];
            int passHeight = (height - pass[1] + pass[3] - 1) / pass[3];
            if (passWidth <= 0 || passHeight <= 0) {
                continue;
            }
            int length = 1 + passWidth * bytesPerPixel;
            for (int y = 0; y < passHeight; y++) {
                deflater.setInput(row, 0, length);
                while (!deflater.needsInput()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] data = compressed.toByteArray();
        for (int offset = 0; offset < data.length; offset += 1 << 20) {
            out.writeBytes(chunk("IDAT", Arrays.copyOfRange(data, offset, Math.min(data.length, offset + (1 << 20)))));
        }
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** The first {@code fraction} of {@code image}'s bytes: the header intact, the pixel data cut short. */
    static byte[] truncated(byte[] image, double fraction) {
        return Arrays.copyOf(image, (int) (image.length * fraction));
    }

    /**
     * A lossless WebP of {@code width}×{@code height} (each at most 16384): the 1×1 image of
     * {@code TestImages.webp()}, whose five Huffman codes each have a single symbol, so every pixel
     * costs the decoder work and the file no bits.
     */
    static byte[] webp(int width, int height) {
        byte[] webp = com.pimpmycase.testing.TestImages.webp().clone();
        int bits = (width - 1) | (height - 1) << 14 | (webp[24] & 0xf0) << 24;
        ByteBuffer.wrap(webp, 21, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(bits);
        return webp;
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        chunk.putInt(data.length).put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return chunk.putInt((int) crc.getValue()).array();
    }

    /**
     * CPU time of every live thread of this JVM, in nanoseconds: a thumbnail's cost whichever thread
     * makes it (the caller's or a decoding pool's), without the JVM's own GC and compiler threads.
     */
    static long cpuOfAllThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }
}
