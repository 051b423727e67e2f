package com.pimpmycase.upload;

import com.pimpmycase.upload.ImageInspector.Inspection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The RIFF container of a WebP (RFC 9649), every chunk of it: the RIFF size matches the file; the
 * chunks, each padded to an even length, exactly fill the RIFF; the first is VP8, VP8L or VP8X.
 * The simple formats are that one image chunk alone. The extended format (VP8X) carries the
 * canvas size and then either one still image (VP8 or VP8L, optionally after ALPH) of exactly the
 * canvas size, or, when its animation flag is set, ANMF frames. Image chunks must start with a
 * valid VP8 key frame header or VP8L header. The compressed bitstream itself is not decoded.
 *
 * <p>A file one byte longer than the RIFF says is accepted when that byte is the pad of a last
 * chunk of odd length (some writers leave it out of the RIFF size).
 */
final class WebpStructure {

    private static final int ANIMATION_FLAG = 0x02;

    private WebpStructure() {
    }

    /** A chunk's type and its payload's place in the file. */
    private record Chunk(String type, long start, long length) {

        /** Where the next chunk starts: after the payload and its pad byte when the length is odd. */
        long next(long riffEnd) {
            long end = start + length;
            return length % 2 == 1 && end < riffEnd ? end + 1 : end;
        }
    }

    static Inspection inspect(ByteSource in) throws IOException {
        long size = in.size();
        if (size < 20) {
            return Inspection.invalid("WebP too short");
        }
        in.skip(4); // "RIFF"
        long riffEnd = in.u32le() + 8;
        in.skip(4); // "WEBP"
        if (riffEnd != size && riffEnd + 1 != size) {
            return Inspection.invalid("WebP is cut short or padded (RIFF size " + (riffEnd - 8) + ", file " + size + ")");
        }
        Chunk first = null;
        Chunk last = null;
        int width = 0;
        int height = 0;
        boolean animated = false;
        int images = 0;
        int frames = 0;
        while (in.position() < riffEnd) {
            Chunk chunk = chunk(in, riffEnd);
            if (chunk == null) {
                return broken();
            }
            boolean image = chunk.type().equals("VP8 ") || chunk.type().equals("VP8L");
            if (first == null) {
                first = chunk;
                if (image) {
                    int[] dimensions = imageHeader(in, chunk);
                    if (dimensions == null) {
                        return Inspection.invalid("WebP " + chunk.type().strip() + " header is malformed");
                    }
                    width = dimensions[0];
                    height = dimensions[1];
                    images++;
                } else if (chunk.type().equals("VP8X")) {
                    if (chunk.length() != 10) {
                        return Inspection.invalid("WebP VP8X chunk has the wrong size");
                    }
                    animated = (in.u8() & ANIMATION_FLAG) != 0;
                    in.skip(3);
                    width = in.u24le() + 1;
                    height = in.u24le() + 1;
                } else {
                    return Inspection.invalid("WebP without a VP8, VP8L or VP8X chunk");
                }
                Inspection dimensions = Inspection.ok(width, height);
                if (!dimensions.valid()) {
                    return dimensions;
                }
            } else if (!first.type().equals("VP8X")) {
                return Inspection.invalid("WebP has chunks after its only image");
            } else if (image) {
                int[] dimensions = imageHeader(in, chunk);
                if (dimensions == null || dimensions[0] != width || dimensions[1] != height) {
                    return Inspection.invalid("WebP image does not match its canvas");
                }
                images++;
            } else if (chunk.type().equals("ANMF")) {
                if (chunk.length() < 16) {
                    return Inspection.invalid("WebP animation frame is malformed");
                }
                frames++;
            }
            in.skip(chunk.next(riffEnd) - in.position());
            last = chunk;
        }
        if (last == null) {
            return broken();
        }
        // One byte beyond the RIFF only as the pad of an odd last chunk that the RIFF size left out.
        boolean padOutside = last.length() % 2 == 1 && last.start() + last.length() == riffEnd;
        if (size != riffEnd && !(padOutside && size == riffEnd + 1)) {
            return broken();
        }
        if (animated ? frames == 0 || images != 0 : images != 1 || frames != 0) {
            return Inspection.invalid(animated ? "WebP animation without frames" : "WebP without exactly one image");
        }
        return Inspection.ok(width, height);
    }

    /** The next chunk's header; null when it or its payload does not fit in the RIFF. */
    private static Chunk chunk(ByteSource in, long riffEnd) throws IOException {
        if (riffEnd - in.position() < 8) {
            return null;
        }
        byte[] type = new byte[4];
        in.readFully(type);
        long length = in.u32le();
        if (length > riffEnd - in.position()) {
            return null;
        }
        return new Chunk(new String(type, StandardCharsets.US_ASCII), in.position(), length);
    }

    /**
     * Width and height from the start of a VP8 or VP8L chunk's payload (reads at most 10 bytes of
     * it), or null when the header is not valid.
     */
    private static int[] imageHeader(ByteSource in, Chunk chunk) throws IOException {
        if (chunk.type().equals("VP8 ")) {
            if (chunk.length() < 10) {
                return null;
            }
            int tag = in.u24le();
            boolean keyFrame = (tag & 1) == 0;
            int version = (tag >> 1) & 7;
            long firstPartition = tag >>> 5;
            if (!keyFrame || version > 3 || firstPartition > chunk.length() - 10
                    || in.u8() != 0x9d || in.u8() != 0x01 || in.u8() != 0x2a) {
                return null;
            }
            return new int[] {in.u16le() & 0x3fff, in.u16le() & 0x3fff};
        }
        if (chunk.length() < 5 || in.u8() != 0x2f) {
            return null;
        }
        long bits = in.u32le();
        if ((bits >>> 29) != 0) {
            return null; // version must be 0
        }
        return new int[] {(int) (bits & 0x3fff) + 1, (int) ((bits >>> 14) & 0x3fff) + 1};
    }

    private static Inspection broken() {
        return Inspection.invalid("WebP chunk sizes do not match the file");
    }
}
