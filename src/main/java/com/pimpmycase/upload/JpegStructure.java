package com.pimpmycase.upload;

import com.pimpmycase.upload.ImageInspector.Inspection;
import java.io.IOException;

/**
 * The marker structure of a JPEG (ITU T.81 Annex B), every byte of it: SOI; marker segments with
 * their lengths; exactly one frame header (SOF, which gives the dimensions) and the tables a decoder
 * needs (DQT, and DHT for a Huffman-coded frame: no JPEG can be decoded without them) before the
 * first scan;
 * each scan's entropy-coded data scanned to the marker that ends it (only stuffed {@code FF 00},
 * restart markers and fill bytes inside); at least one scan; EOI as the last two bytes of the file.
 *
 * <p>Fill bytes ({@code FF} before a marker) are allowed, as the standard allows them, and cost
 * one array access each: the file is read through a buffer, so the check is linear in the file's
 * size (issue 14: 20 MB of fill bytes is one pass, not 20 million reads). Nothing may follow EOI:
 * designs come from the shop's composer, not from cameras that append preview images
 * (MPF) or other trailers after the first image.
 */
final class JpegStructure {

    private static final int SOS = 0xda;
    private static final int EOI = 0xd9;
    private static final int SOI = 0xd8;
    private static final int TEM = 0x01;
    private static final int DQT = 0xdb;
    private static final int DHT = 0xc4;

    private JpegStructure() {
    }

    static Inspection inspect(ByteSource in) throws IOException {
        in.skip(2); // SOI, already matched
        int width = 0;
        int height = 0;
        boolean frame = false;
        boolean huffman = false;
        boolean quantisationTables = false;
        boolean huffmanTables = false;
        int scans = 0;
        int marker = nextMarker(in);
        while (true) {
            if (marker < 0) {
                return in.remaining() == 0
                        ? Inspection.invalid("JPEG is cut short (no end-of-image marker)")
                        : Inspection.invalid("JPEG marker structure is broken at byte " + (in.position() - 1));
            }
            if (marker == EOI) {
                break;
            }
            if (marker == TEM || (marker >= 0xd0 && marker <= 0xd7)) {
                marker = nextMarker(in); // standalone markers, no length
                continue;
            }
            if (marker == SOI || (marker >= 0x02 && marker <= 0xbf)) {
                return Inspection.invalid("JPEG has a misplaced or reserved marker");
            }
            int length = in.u16be();
            if (length < 2 || length - 2 > in.remaining()) {
                return Inspection.invalid("JPEG is cut short (a segment runs past the end of the file)");
            }
            if (isStartOfFrame(marker)) {
                if (frame) {
                    return Inspection.invalid("JPEG has more than one frame");
                }
                if (length < 8) {
                    return Inspection.invalid("JPEG frame header is malformed");
                }
                in.skip(1); // sample precision
                height = in.u16be();
                width = in.u16be();
                int components = in.u8();
                if (components < 1 || components > 4 || length != 8 + 3 * components) {
                    return Inspection.invalid("JPEG frame header is malformed");
                }
                Inspection dimensions = Inspection.ok(width, height);
                if (!dimensions.valid()) {
                    return dimensions;
                }
                in.skip(3L * components);
                frame = true;
                huffman = marker <= 0xc7; // C9..CF are arithmetic-coded
                marker = nextMarker(in);
            } else if (marker == SOS) {
                if (!frame || !quantisationTables || (huffman && !huffmanTables)) {
                    return Inspection.invalid("JPEG scan before its frame header or tables");
                }
                int components = length >= 3 ? in.u8() : 0;
                if (components < 1 || components > 4 || length != 6 + 2 * components) {
                    return Inspection.invalid("JPEG scan header is malformed");
                }
                in.skip(length - 3L);
                scans++;
                marker = endOfEntropyCodedData(in);
                if (marker < 0) {
                    return Inspection.invalid("JPEG is cut short (image data without an end-of-image marker)");
                }
            } else {
                quantisationTables |= marker == DQT;
                huffmanTables |= marker == DHT;
                in.skip(length - 2L); // tables, APPn, COM, DRI, DNL…: their lengths are all that matters here
                marker = nextMarker(in);
            }
        }
        if (!frame || scans == 0) {
            return Inspection.invalid("JPEG without " + (frame ? "image data" : "a frame header"));
        }
        if (in.remaining() != 0) {
            return Inspection.invalid("JPEG has " + in.remaining() + " bytes after its end-of-image marker");
        }
        return Inspection.ok(width, height);
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    /**
     * The next marker's code, after any fill bytes; -1 when the next byte is not {@code FF} or the
     * file ends.
     */
    private static int nextMarker(ByteSource in) throws IOException {
        if (in.read() != 0xff) {
            return -1;
        }
        int code = in.readPastFF(); // after any fill bytes
        return code == 0 ? -1 : code;
    }

    /**
     * Scans entropy-coded data to the marker that ends it and returns that marker's code, or -1
     * when the file ends first. Inside the data, {@code FF} is only ever followed by {@code 00}
     * (a stuffed byte), a restart marker, or more {@code FF} fill bytes before a marker.
     */
    private static int endOfEntropyCodedData(ByteSource in) throws IOException {
        while (in.skipPastNextFF()) {
            int code = in.readPastFF();
            if (code < 0) {
                return -1;
            }
            if (code != 0x00 && (code < 0xd0 || code > 0xd7)) {
                return code;
            }
        }
        return -1;
    }
}
