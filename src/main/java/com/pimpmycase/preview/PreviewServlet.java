package com.pimpmycase.preview;

import com.pimpmycase.app.ServiceContext;
import com.pimpmycase.image.ImageAccess;
import com.pimpmycase.image.ImageAccessCheck;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.image.ImageTokenFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * {@code GET|HEAD /preview/{filename}?token=…} (SPEC §5): the image endpoint's checks and statuses
 * ({@link ImageAccessCheck}), answered as pages for a customer instead of JSON.
 */
public final class PreviewServlet extends HttpServlet {

    /** What a customer reads for each refusal: what happened, then what to do. */
    private static final Map<String, String[]> PROBLEMS = Map.of(
            "token_expired", new String[] {"This preview link has expired",
                "Preview links only work for a limited time. Ask the shop for a new preview link."},
            "missing", new String[] {"This preview link is incomplete",
                "The link is missing its access code. Copy the whole link again, or ask the shop for a new preview link."},
            "invalid_name", new String[] {"This link does not point to a design",
                "Check that you copied the whole link, or ask the shop for a new preview link."},
            "method_not_allowed", new String[] {"This page can only be viewed",
                "Open the preview link in your browser."});
    private static final String[] INVALID = {"This preview link is not valid",
        "The link may have been cut short or changed. Copy the whole link again, or ask the shop for a new preview link."};
    private static final String[] NOT_FOUND = {"This design is no longer available",
        "Ask the shop for a new preview link."};

    private final SecureRandom random = new SecureRandom();
    private ImageAccessCheck check;
    private ImageStore store;
    private Clock clock;

    @Override
    public void init() {
        ServiceContext service = ServiceContext.from(getServletContext());
        check = service.imageAccessCheck();
        store = service.imageStore();
        clock = service.clock();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String nonce = nonce();
        ImageAccess access = check.check(request.getMethod(), request.getPathInfo(), request.getParameterValues("token"));
        if (access instanceof ImageAccess.Denied denied) {
            ImageTokenFilter.logRefusal(request, denied);
            if (denied.status() == 405) {
                response.setHeader("Allow", ImageAccessCheck.ALLOW);
            }
            String[] text = PROBLEMS.getOrDefault(denied.reason(), INVALID);
            send(request, response, denied.status(), PreviewPage.problem(text[0], text[1], nonce), nonce);
            return;
        }
        ImageAccess.Granted granted = (ImageAccess.Granted) access;
        if (store.find(granted.filename()) == null) {
            send(request, response, 404, PreviewPage.problem(NOT_FOUND[0], NOT_FOUND[1], nonce), nonce);
            return;
        }
        String imageUrl = request.getContextPath() + "/image/" + granted.filename() + "?token=" + granted.token().text();
        send(request, response, 200, PreviewPage.design(granted.filename(), imageUrl,
                granted.token().expiresAt(), clock.instant(), nonce), nonce);
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, int status, String html,
            String nonce) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The token is in this page's URL: never send it on as a Referer.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'nonce-"
                + nonce + "'; script-src 'nonce-" + nonce + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
