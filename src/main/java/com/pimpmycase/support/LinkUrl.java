package com.pimpmycase.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pasted link read the way the container would read the request: which endpoint, which file
 * (percent-decoded), every {@code token} parameter (form-decoded), and the host it names.
 *
 * @param preview whether it is a {@code /preview/} link (else {@code /image/})
 * @param filename the path after the endpoint's prefix, not yet validated
 * @param tokens every value of the {@code token} parameter, in order; {@code ""} for {@code ?token}
 */
record LinkUrl(boolean preview, String filename, List<String> tokens, String host) {

    private static final String IMAGE = "/image/";
    private static final String PREVIEW = "/preview/";

    /** Why a URL is not a link of this service. */
    static final class NotALinkException extends Exception {
        NotALinkException(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * @param basePath the path under which the service is reached, {@code ""} at the root
     * @throws NotALinkException unless {@code url} is an http(s) URL whose path starts with
     *     {@code basePath + /image/} or {@code basePath + /preview/} (after resolving dot segments)
     */
    static LinkUrl read(String url, String basePath) throws NotALinkException {
        URI uri = parse(url);
        String path = uri.getRawPath();
        String prefix;
        if (path.startsWith(basePath + IMAGE)) {
            prefix = basePath + IMAGE;
        } else if (path.startsWith(basePath + PREVIEW)) {
            prefix = basePath + PREVIEW;
        } else {
            throw new NotALinkException("Not a link to an image or a preview of this service: its path must start "
                    + "with " + basePath + IMAGE + " or " + basePath + PREVIEW);
        }
        String filename = URI.create("/" + path.substring(prefix.length())).getPath().substring(1);
        return new LinkUrl(prefix.endsWith(PREVIEW), filename, tokenParameters(uri.getRawQuery()), uri.getHost());
    }

    /** An absolute http(s) URL with a host, dot segments resolved. */
    private static URI parse(String url) throws NotALinkException {
        try {
            URI uri = new URI(url == null ? "" : url.strip()).normalize();
            String scheme = uri.getScheme();
            boolean web = scheme != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
            if (web && uri.getHost() != null && uri.getRawPath() != null) {
                return uri;
            }
        } catch (URISyntaxException notAUri) {
            // answered below
        }
        throw new NotALinkException("Not an http or https URL");
    }

    /** Every {@code token} parameter's value, decoded as a container decodes a query string. */
    private static List<String> tokenParameters(String rawQuery) throws NotALinkException {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        try {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if ("token".equals(name)) {
                    values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new NotALinkException("The query string is not valid URL encoding");
        }
        return values;
    }
}
