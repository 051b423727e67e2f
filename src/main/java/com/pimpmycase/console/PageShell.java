package com.pimpmycase.console;

import com.pimpmycase.web.Views;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The one frame of every console page (sign-in included; src/main/jte/console/shell.jte): head,
 * navigation, the operator and the sign-out form, and the security headers. Styles and the one
 * script come from this host ({@code /console-assets/}); the policy forbids inline scripts and
 * styles, frames and other hosts. The view models are public for the precompiled templates.
 */
public final class PageShell {

    /** No inline script or style, nothing from another host, never framed (SPEC §12). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The navigation's sections. */
    public enum Section {
        ORDERS("Orders", "/console/"),
        LINK_CHECK("Link check", "/console/link-check"),
        DASHBOARD("Dashboard", "/console/dashboard"),
        NONE(null, null);

        final String label;
        final String path;

        Section(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    /** The signed-in operator the frame shows, with the sign-out form's CSRF token. */
    public record Operator(String name, String csrf, int idleMinutes) {}

    /** One link of the navigation. */
    public record NavItem(String label, String href, boolean current) {}

    /**
     * What frames a page: its title, the context path, the current section and, for a signed-in
     * operator with a session, the operator ({@code null}: no navigation, no sign-out).
     */
    public record Frame(String title, String context, Section current, Operator operator) {

        public List<NavItem> navigation() {
            return Arrays.stream(Section.values()).filter(s -> s.label != null)
                    .map(s -> new NavItem(s.label, context + s.path, s == current)).toList();
        }
    }

    /** A page that is only a message: an optional heading, the notice, an optional hint and home link. */
    public record Message(Frame frame, String heading, String kind, String text, String hint, boolean home) {}

    private PageShell() {
    }

    /** The frame of a page for this request: with the operator when signed in with a session. */
    static Frame frame(HttpServletRequest request, String title, Section current) {
        HttpSession session = request.getSession(false);
        String operator = request.getRemoteUser();
        return new Frame(title, request.getContextPath(), current, operator == null || session == null ? null
                : new Operator(operator, Csrf.token(session), session.getMaxInactiveInterval() / 60));
    }

    /** A message page: {@code kind} is {@code ok}, {@code problem} or {@code note}. */
    static String message(HttpServletRequest request, String title, String heading, String kind, String text) {
        return Views.render("console/message.jte",
                new Message(frame(request, title, Section.NONE), heading, kind, text, null, false));
    }

    /** Sends a page with the console's headers: never cached, never framed, no inline code. */
    static void send(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        headers(response);
        response.getWriter().write(html);
    }

    /** The console's security headers, for pages and thumbnails alike. */
    static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!response.containsHeader("Cache-Control")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
