package com.pimpmycase.image;

/**
 * The preconditions of RFC 9110 §13.2.2, evaluated in its order for a GET or HEAD of a stored
 * image: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since, and If-Range for ranges.
 * Dates are whole seconds (HTTP dates have no finer precision); {@code -1} means "absent or invalid".
 */
public final class ConditionalRequest {

    public enum Outcome {
        /** Send the representation (or the requested ranges). */
        PROCEED,
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    private ConditionalRequest() {
    }

    /**
     * @param etag the image's strong entity tag, quoted
     * @param lastModifiedSeconds the image's modification time in Unix seconds
     */
    public static Outcome evaluate(String ifMatch, long ifUnmodifiedSince, String ifNoneMatch, long ifModifiedSince,
            String etag, long lastModifiedSeconds) {
        if (ifMatch != null) {
            if (!EntityTags.anyMatches(ifMatch, etag, true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (ifUnmodifiedSince >= 0 && lastModifiedSeconds > ifUnmodifiedSince) {
            return Outcome.PRECONDITION_FAILED;
        }
        if (ifNoneMatch != null) {
            if (EntityTags.anyMatches(ifNoneMatch, etag, false)) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (ifModifiedSince >= 0 && lastModifiedSeconds <= ifModifiedSince) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a {@code Range} may be honoured given {@code If-Range} (§13.1.5): absent, or the same
     * strong entity tag, or exactly the image's modification date. Anything else sends the whole image.
     *
     * @param ifRangeDateSeconds the header read as a date, -1 when it is not one
     */
    public static boolean rangeApplies(String ifRange, long ifRangeDateSeconds, String etag, long lastModifiedSeconds) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag); // strong comparison: a weak tag never matches
        }
        return ifRangeDateSeconds >= 0 && ifRangeDateSeconds == lastModifiedSeconds;
    }
}
