package com.pimpmycase.console;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A link an operator pasted (an image or preview link a partner sent): its file name and token.
 * Only reads the text; whether the token is any good is the revocation rules' question.
 */
record PastedLink(String filename, String token) {

    /** The link's file name and token, or {@code null} when the text is no such link. */
    static PastedLink parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (Exception e) {
            return null;
        }
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        if (path == null || query == null) {
            return null;
        }
        int image = Math.max(path.lastIndexOf("/image/"), path.lastIndexOf("/preview/"));
        if (image < 0) {
            return null;
        }
        String filename = decode(path.substring(path.indexOf('/', image + 1) + 1));
        String token = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                if (token != null) {
                    return null; // two tokens: which one was meant?
                }
                token = decode(pair.substring("token=".length()));
            }
        }
        if (filename == null || filename.isEmpty() || filename.contains("/") || token == null || token.isEmpty()) {
            return null;
        }
        return new PastedLink(filename, token);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
