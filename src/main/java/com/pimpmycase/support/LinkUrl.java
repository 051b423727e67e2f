package com.pimpmycase.support;

import com.pimpmycase.web.QueryStrings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The one reader of a pasted link (support's link explanation, the console's revoke form): which
 * endpoint, which file, every {@code token} parameter, and the host it names — read the way the
 * image endpoint reads the request, so what is said about a link is what the endpoint does with it.
 *
 * <p>Decoding, decided once: the path is percent-decoded only ({@code +} in a file name stays a
 * {@code +}, as the container reads a path); the query is form-decoded by {@link QueryStrings},
 * the endpoint's own reader ({@code +} is a space, as both containers read a query). A token never
 * contains a space, so a link whose token was mangled into {@code +} is read as the endpoint reads
 * it — a token that does not verify — rather than silently repaired here.
 *
 * @param preview whether it is a {@code /preview/} link (else {@code /image/})
 * @param filename the path after the endpoint's prefix, not yet validated
 * @param tokens every value of the {@code token} parameter, in order; {@code ""} for {@code ?token}
 */
public record LinkUrl(boolean preview, String filename, List<String> tokens, String host) {

    private static final String IMAGE = "/image/";
    private static final String PREVIEW = "/preview/";

    /** Why a URL is not a link of this service. */
    public static final class NotALinkException extends Exception {
        NotALinkException(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * @param basePath the path under which the service is reached, {@code ""} at the root
     * @throws NotALinkException unless {@code url} is an http(s) URL whose path starts with
     *     {@code basePath + /image/} or {@code basePath + /preview/} (after resolving dot segments)
     */
    public static LinkUrl read(String url, String basePath) throws NotALinkException {
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
        String filename;
        try {
            filename = new URI("/" + path.substring(prefix.length())).getPath().substring(1);
        } catch (URISyntaxException e) {
            throw new NotALinkException("Not an http or https URL");
        }
        String rawQuery = uri.getRawQuery();
        if (QueryStrings.isMalformed(rawQuery)) {
            throw new NotALinkException("The query string is not valid URL encoding");
        }
        String[] tokens = QueryStrings.values(rawQuery, "token");
        return new LinkUrl(prefix.endsWith(PREVIEW), filename, tokens == null ? List.of() : List.of(tokens),
                uri.getHost());
    }

    /**
     * A link under whatever path the service is reached at (the last {@code /image/} or
     * {@code /preview/} of its path), for a form where the operator pastes one.
     */
    public static LinkUrl find(String url) throws NotALinkException {
        String path = parse(url).getRawPath();
        int endpoint = Math.max(path.lastIndexOf(IMAGE), path.lastIndexOf(PREVIEW));
        if (endpoint < 0) {
            throw new NotALinkException("Not a link to an image or a preview: its path has no " + IMAGE + " or "
                    + PREVIEW);
        }
        return read(url, path.substring(0, endpoint));
    }

    /** The one token, when the link has exactly one that is not empty; else {@code null}. */
    public String onlyToken() {
        return tokens.size() == 1 && !tokens.get(0).isEmpty() ? tokens.get(0) : null;
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
}
