package com.pimpmycase.web;

import com.pimpmycase.token.Token;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Builds the URLs the service hands out: on {@code pimpmycase/publicBaseUrl} when configured,
 * else on the scheme, host and context path the request came in on.
 */
public final class PublicUrls {

    private final String configuredBase;

    public PublicUrls(String configuredBase) {
        this.configuredBase = configuredBase;
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

    /** {@code <base>/image/<filename>?token=<token>}: filename and token need no escaping. */
    public String image(HttpServletRequest request, String filename, Token token) {
        return base(request) + "/image/" + filename + "?token=" + token.text();
    }

    /** {@code <base>/preview/<filename>?token=<token>} */
    public String preview(HttpServletRequest request, String filename, Token token) {
        return base(request) + "/preview/" + filename + "?token=" + token.text();
    }
}
