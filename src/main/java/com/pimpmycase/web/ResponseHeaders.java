package com.pimpmycase.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The one home of the response headers the service sets in many places: private answers are never
 * stored, our content types are never second-guessed by a browser, and a 405 names what is allowed.
 */
public final class ResponseHeaders {

    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String NO_STORE = "no-store";
    public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    public static final String NOSNIFF = "nosniff";
    /** The methods of every read-only resource: images, previews (SPEC §3, §5). */
    private static final String GET_HEAD = "GET, HEAD";

    private ResponseHeaders() {
    }

    /** {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}: every private answer. */
    public static void privateAnswer(HttpServletResponse response) {
        response.setHeader(CACHE_CONTROL, NO_STORE);
        response.setHeader(CONTENT_TYPE_OPTIONS, NOSNIFF);
    }

    /**
     * The headers of a served image: {@code nosniff}, and cached only privately and never longer
     * than the token that opened it lives.
     */
    public static void cachedPrivatelyFor(HttpServletResponse response, long seconds) {
        response.setHeader(CACHE_CONTROL, "private, max-age=" + seconds);
        response.setHeader(CONTENT_TYPE_OPTIONS, NOSNIFF);
    }

    /** {@code Allow: GET, HEAD}, with a 405. */
    public static void allowGetAndHead(HttpServletResponse response) {
        response.setHeader("Allow", GET_HEAD);
    }
}
