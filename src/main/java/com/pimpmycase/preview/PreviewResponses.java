package com.pimpmycase.preview;

import com.pimpmycase.web.ResponseHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** How every preview page goes out: private, with a strict Content-Security-Policy keyed by a fresh nonce. */
final class PreviewResponses {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PreviewResponses() {
    }

    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static void send(HttpServletRequest request, HttpServletResponse response, int status, String html,
            String nonce) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        ResponseHeaders.privateAnswer(response);
        // The token is in this page's URL: never send it on as a Referer.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'nonce-"
                + nonce + "'; script-src 'nonce-" + nonce + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }
}
