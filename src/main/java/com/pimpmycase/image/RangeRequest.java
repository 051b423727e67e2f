package com.pimpmycase.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Range} header of RFC 9110 §14.2 applied to a representation of known length.
 *
 * <p>Decisions where the RFC leaves a choice: a header that does not parse, uses another unit, or
 * asks for more than {@value #MAX_RANGES} ranges is ignored and the whole image is sent (a
 * partner's download tool then still gets the file); a parseable header none of whose ranges
 * overlaps the image is 416.
 *
 * <p>A response is never much larger than the image (no range amplification: sixteen times
 * {@code 0-} must not send sixteen copies). Of the satisfiable ranges:
 * <ol>
 *   <li>If no two of them overlap or touch, they are sent as asked, in request order: a client
 *       asking for disjoint parts (a PDF reader, a resuming downloader) gets exactly those.
 *   <li>Otherwise they are sorted and every overlapping or adjacent pair is merged into one
 *       (RFC 9110 §15.3.7.2 lets a server coalesce ranges regardless of the order they were asked
 *       in). The result is disjoint, so its bytes add up to at most the image's length; it is
 *       sent in ascending order, and a single merged range is a plain 206.
 *   <li>If two or more parts remain and their bytes plus about {@value #PART_OVERHEAD_BYTES}
 *       bytes of part headers each come to the image's length or more, the whole image is sent
 *       (200) instead: it is no larger, and simpler for the client (RFC 9110 §14.2 lets a server
 *       ignore Range).
 * </ol>
 * So a multipart body is at most the image's length plus the part headers beyond that estimate
 * (a few hundred bytes at {@value #MAX_RANGES} parts). Disjoint ranges out of order are not
 * refused: they cost no more to send than ordered ones, and their count is already capped.
 */
public final class RangeRequest {

    /** More ranges than this in one request is a denial-of-service pattern, not a download. */
    static final int MAX_RANGES = 16;
    /**
     * What one part of multipart/byteranges adds, roughly: boundary line, Content-Type and
     * Content-Range (about 90 bytes for a PNG of a few MB). Only used to decide when the whole
     * image is the cheaper answer.
     */
    static final long PART_OVERHEAD_BYTES = 100;
    private static final long SATURATED = Long.MAX_VALUE / 2;

    /** What to send. */
    public sealed interface Outcome {
    }

    /** The whole image, 200. */
    public record Whole() implements Outcome {
    }

    /** 416 with {@code Content-Range: bytes *}{@code /length}. */
    public record Unsatisfiable() implements Outcome {
    }

    /**
     * 206 with these ranges (one: a plain body; several: multipart/byteranges): disjoint, in
     * request order, or ascending once coalesced.
     */
    public record Partial(List<ByteRange> ranges) implements Outcome {
    }

    private static final Whole WHOLE = new Whole();
    private static final Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

    private RangeRequest() {
    }

    /** @param header the Range header, {@code null} when absent */
    public static Outcome evaluate(String header, long length) {
        if (header == null) {
            return WHOLE;
        }
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE; // another unit, or nonsense
        }
        String[] specs = value.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return WHOLE;
        }
        List<ByteRange> satisfiable = new ArrayList<>(specs.length);
        for (String spec : specs) {
            String s = spec.strip();
            int dash = s.indexOf('-');
            if (dash < 0) {
                return WHOLE;
            }
            String firstText = s.substring(0, dash).strip();
            String lastText = s.substring(dash + 1).strip();
            if (firstText.isEmpty()) {
                long suffix = digits(lastText); // "-500": the last 500 bytes
                if (suffix < 0) {
                    return WHOLE;
                }
                if (suffix > 0 && length > 0) {
                    satisfiable.add(new ByteRange(Math.max(0, length - suffix), length - 1));
                }
                continue;
            }
            long first = digits(firstText);
            long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
            if (first < 0 || last < 0 || last < first) {
                return WHOLE; // invalid range-spec: the whole header is ignored
            }
            if (first < length) {
                satisfiable.add(new ByteRange(first, Math.min(last, length - 1)));
            }
        }
        if (satisfiable.isEmpty()) {
            return UNSATISFIABLE;
        }
        List<ByteRange> ranges = overlapOrTouch(satisfiable) ? coalesce(satisfiable) : satisfiable;
        if (ranges.size() > 1 && multipartBytes(ranges) >= length) {
            return WHOLE;
        }
        return new Partial(List.copyOf(ranges));
    }

    /** Whether any two ranges share a byte or are adjacent (at most 16 ranges: pairwise is fine). */
    private static boolean overlapOrTouch(List<ByteRange> ranges) {
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                ByteRange a = ranges.get(i);
                ByteRange b = ranges.get(j);
                if (a.first() <= b.last() + 1 && b.first() <= a.last() + 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sorted by first byte, overlapping or adjacent ranges merged: disjoint and ascending. */
    private static List<ByteRange> coalesce(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::first));
        List<ByteRange> merged = new ArrayList<>(sorted.size());
        ByteRange current = sorted.get(0);
        for (ByteRange next : sorted.subList(1, sorted.size())) {
            if (next.first() <= current.last() + 1) {
                current = new ByteRange(current.first(), Math.max(current.last(), next.last()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }

    /** The estimated size of a multipart/byteranges body of these ranges. */
    private static long multipartBytes(List<ByteRange> ranges) {
        long total = 0;
        for (ByteRange range : ranges) {
            total += range.length() + PART_OVERHEAD_BYTES;
        }
        return total;
    }

    /** A run of ASCII digits as a number (saturating: no file is that big), -1 when not digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value >= SATURATED / 10 ? SATURATED : value * 10 + (c - '0');
        }
        return value;
    }
}
