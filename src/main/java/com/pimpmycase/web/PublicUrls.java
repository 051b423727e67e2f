package com.pimpmycase.web;

import com.pimpmycase.token.Token;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Every URL the service hands out is built here: on {@code pimpmycase/publicBaseUrl} when
 * configured, else on the scheme, host and context path the request came in on. Work that runs
 * without a request (start-up, background deliveries) needs the configured base.
 */
public final class PublicUrls {

    /** Where images and previews live below the base (SPEC §3, §5). */
    public static final String IMAGE = "/image/";
    public static final String PREVIEW = "/preview/";

    private final String configuredBase;

    /** @param configuredBase without trailing slash; {@code null}: from each request */
    public PublicUrls(String configuredBase) {
        this.configuredBase = configuredBase;
    }

    /** Whether URLs can be built without a request (a base is configured). */
    public boolean hasConfiguredBase() {
        return configuredBase != null;
    }

    /** The base, without trailing slash, e.g. {@code https://pimpmycase.onrender.com}. */
    public String base(HttpServletRequest request) {
        if (configuredBase != null) {
            return configuredBase;
        }
        StringBuilder sb = new StringBuilder(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        if (!defaultPort) {
            sb.append(':').append(port);
        }
        return sb.append(request.getContextPath()).toString();
    }

    /**
     * The configured base, for work that has no request.
     *
     * @throws IllegalStateException when {@code pimpmycase/publicBaseUrl} is not set (configuration
     *     makes it required wherever such work is switched on)
     */
    public String base() {
        if (configuredBase == null) {
            throw new IllegalStateException("java:comp/env/pimpmycase/publicBaseUrl is required to build "
                    + "links outside a request");
        }
        return configuredBase;
    }

    /** {@code <base>/image/<filename>?token=<token>}: filename and token need no escaping. */
    public String image(HttpServletRequest request, String filename, Token token) {
        return base(request) + IMAGE + filename + "?token=" + token.text();
    }

    /** The same without a request, on the configured base. */
    public String image(String filename, Token token) {
        return base() + IMAGE + filename + "?token=" + token.text();
    }

    /** {@code <base>/image/<filename>}: a link without its token (to show what a refusal looks like). */
    public String imageWithoutToken(HttpServletRequest request, String filename) {
        return base(request) + IMAGE + filename;
    }

    /** {@code <base>/preview/<filename>?token=<token>} */
    public String preview(HttpServletRequest request, String filename, Token token) {
        return base(request) + PREVIEW + filename + "?token=" + token.text();
    }

    /** The same without a request, on the configured base. */
    public String preview(String filename, Token token) {
        return base() + PREVIEW + filename + "?token=" + token.text();
    }

    /**
     * {@code <context path>/image/<filename>?token=<token>}: the image as a page of this service
     * links to it, same origin whatever host the page was reached by.
     */
    public static String imageOnThisHost(HttpServletRequest request, String filename, Token token) {
        return request.getContextPath() + IMAGE + filename + "?token=" + token.text();
    }
}
