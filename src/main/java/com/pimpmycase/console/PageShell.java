package com.pimpmycase.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The one frame of every console page (sign-in included): head, navigation, the operator and the
 * sign-out form, and the security headers. Styles and the one script come from this host
 * ({@code /console-assets/}); the policy forbids inline scripts and styles, frames and other hosts.
 */
public final class PageShell {

    /** No inline script or style, nothing from another host, never framed (SPEC §12). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The navigation's sections. */
    enum Section {
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

    private PageShell() {
    }

    /** A whole page for a signed-in operator (navigation and sign-out), or for anyone when no session. */
    static String page(HttpServletRequest request, String title, Section current, String body) {
        String context = request.getContextPath();
        StringBuilder sb = head(context, title);
        sb.append("<header class=\"bar\"><a class=\"brand\" href=\"").append(context)
                .append("/console/\">PimpMyCase console</a>\n");
        HttpSession session = request.getSession(false);
        String operator = request.getRemoteUser();
        if (operator != null && session != null) {
            sb.append("<nav aria-label=\"Console\"><ul>");
            for (Section section : Section.values()) {
                if (section.label == null) {
                    continue;
                }
                sb.append("<li><a href=\"").append(context).append(section.path).append('"')
                        .append(section == current ? " aria-current=\"page\"" : "").append('>')
                        .append(section.label).append("</a></li>");
            }
            sb.append("</ul></nav>\n<form class=\"signout\" method=\"post\" action=\"").append(context)
                    .append(SignInServlet.SIGN_OUT).append("\">").append(Csrf.field(session))
                    .append("<span class=\"who\" title=\"Signed in; signed out after ")
                    .append(session.getMaxInactiveInterval() / 60).append(" idle minutes\">")
                    .append(Html.esc(operator)).append("</span> ")
                    .append("<button type=\"submit\">Sign out</button></form>\n");
        }
        sb.append("</header>\n<main id=\"main\">\n").append(body).append("\n</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static StringBuilder head(String context, String title) {
        return new StringBuilder(8192).append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="same-origin">
                <title>""").append(Html.esc(title)).append(" · PimpMyCase console</title>\n")
                .append("<link rel=\"icon\" href=\"").append(context).append("/console-assets/favicon.svg\" type=\"image/svg+xml\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(context).append("/console-assets/console.css\">\n")
                .append("<script src=\"").append(context).append("/console-assets/console.js\" defer></script>\n")
                .append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
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

    /** A short message box: {@code kind} is {@code ok}, {@code problem} or {@code note}. */
    static String notice(String kind, String text) {
        return "<p class=\"notice " + kind + "\" role=\"" + ("problem".equals(kind) ? "alert" : "status") + "\">"
                + Html.esc(text) + "</p>";
    }
}
