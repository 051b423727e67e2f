package com.pimpmycase.console;

import com.pimpmycase.web.RequestIds;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The FORM login's pages (web.xml {@code login-config}): the sign-in form the container shows
 * instead of a console page, the same after a wrong name or password, and the page after signing
 * out. They lie outside {@code /console/*}, so anyone may see them; the form posts to the
 * container's {@code j_security_check}, which checks the realm and sends the operator on.
 */
public final class SignInServlet extends HttpServlet {

    public static final String SIGN_IN = "/console-signin";
    public static final String FAILED = "/console-signin-failed";
    public static final String SIGNED_OUT = "/console-signed-out";
    /** Sign-out (POST with the CSRF token): outside /console/* so a user without the role can sign out too. */
    public static final String SIGN_OUT = "/console-signout";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestIds.assign(request, response); // shown by a forward: the front filter may not have run
        String path = request.getServletPath();
        String context = request.getContextPath();
        StringBuilder body = new StringBuilder(2048).append("<div class=\"signin\">\n<h1>Sign in</h1>\n");
        if (FAILED.equals(path)) {
            body.append(PageShell.notice("problem", "Wrong name or password. Try again."));
        } else if (SIGNED_OUT.equals(path)) {
            body.append(PageShell.notice("ok", "You are signed out."));
        }
        if (SIGNED_OUT.equals(path)) {
            body.append("<p><a href=\"").append(context).append("/console/\">Sign in again</a></p>\n");
        } else {
            body.append("<p>PimpMyCase staff only. Use your operator account.</p>\n")
                    .append("<form method=\"post\" action=\"").append(context).append("/j_security_check\">\n")
                    .append("<label for=\"j_username\">Name</label>\n")
                    .append("<input id=\"j_username\" name=\"j_username\" type=\"text\" autocomplete=\"username\" "
                            + "required autofocus>\n")
                    .append("<label for=\"j_password\">Password</label>\n")
                    .append("<input id=\"j_password\" name=\"j_password\" type=\"password\" "
                            + "autocomplete=\"current-password\" required>\n")
                    .append("<button type=\"submit\">Sign in</button>\n</form>\n");
        }
        body.append("</div>");
        PageShell.send(response, 200, PageShell.page(request, "Sign in", PageShell.Section.NONE, body.toString()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!SIGN_OUT.equals(request.getServletPath())) {
            doGet(request, response); // the error page in answer to the login POST itself
            return;
        }
        RequestIds.assign(request, response);
        if (!Csrf.isValid(request)) {
            PageShell.send(response, 403, PageShell.page(request, "Refused", PageShell.Section.NONE,
                    PageShell.notice("problem", "This form has expired or did not come from the console. "
                            + "You are still signed in.")));
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SIGNED_OUT);
    }

    /**
     * The console's page for an error the container raises on a console path (SPEC §12): 403 for
     * a signed-in user without the operator role, 404, 405; an HTML page, not the API's JSON.
     */
    public static void containerError(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        String context = request.getContextPath();
        String body = switch (status) {
            case 403 -> "<h1>Not allowed</h1>\n" + PageShell.notice("problem",
                    "Your account may not use the operator console (it lacks the role " + ConsoleServlet.ROLE + ").")
                    + "<p>Sign out above, or close the browser, to sign in with another account.</p>";
            case 404 -> "<h1>Not found</h1>\n" + PageShell.notice("problem", "There is no console page here.");
            case 405 -> "<h1>Not allowed</h1>\n" + PageShell.notice("problem", "This page does not take that method.");
            default -> "<h1>Something went wrong</h1>\n" + PageShell.notice("problem", "Try again in a moment.");
        };
        body += "\n<p><a href=\"" + context + "/console/\">Console home</a></p>";
        PageShell.send(response, status, PageShell.page(request, "Error " + status, PageShell.Section.NONE, body));
    }
}
