package com.pimpmycase.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Range} header of RFC 9110 §14.2 applied to a representation of known length.
 *
 * <p>Decisions where the RFC leaves a choice: a header that does not parse, uses another unit, or
 * asks for more than {@value #MAX_RANGES} ranges is ignored and the whole image is sent (a
 * partner's download tool then still gets the file); a parseable header none of whose ranges
 * overlaps the image is 416.
 */
public final class RangeRequest {

    /** More ranges than this in one request is a denial-of-service pattern, not a download. */
    static final int MAX_RANGES = 16;
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

    /** 206 with these ranges (one: a plain body; several: multipart/byteranges), in request order. */
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
        return satisfiable.isEmpty() ? UNSATISFIABLE : new Partial(List.copyOf(satisfiable));
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
