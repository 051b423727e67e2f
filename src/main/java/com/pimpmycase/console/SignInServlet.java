package com.pimpmycase.console;

import com.pimpmycase.web.LogText;
import com.pimpmycase.web.RequestIds;
import com.pimpmycase.web.Views;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The FORM login's pages (web.xml {@code login-config}): the sign-in form the container shows
 * instead of a console page, the same after a wrong name or password, and the page after signing
 * out. They lie outside {@code /console/*}, so anyone may see them.
 *
 * <p>Where the form posts (SPEC §12, docs/CONSOLE.md "Sign-in limits"): on Tomcat to the container's
 * {@code j_security_check}, whose realm conf/tomcat wraps in the stock {@code LockOutRealm} and
 * whose non-POST and query-string uses conf/tomcat's RewriteValve refuses (WEB-INF/rewrite.config);
 * a failure reaches {@link #FAILED} and is logged here. Jetty 12 cannot lock or refuse from the WAR
 * and its context file, so on every other container the form posts to {@link #SIGN_IN} itself:
 * POST only, credentials only in the body, {@link SignInLock}, every failure logged, then
 * {@link HttpServletRequest#login}; conf/jetty closes Jetty's own {@code j_security_check}.
 */
public final class SignInServlet extends HttpServlet {

    public static final String SIGN_IN = "/console-signin";
    public static final String FAILED = "/console-signin-failed";
    public static final String SIGNED_OUT = "/console-signed-out";
    /** Sign-out (POST with the CSRF token): outside /console/* so a user without the role can sign out too. */
    public static final String SIGN_OUT = "/console-signout";
    static final String USERNAME = "j_username";
    static final String PASSWORD = "j_password";
    /** Where Jetty 12's FORM authenticator keeps the URI that led to the sign-in form. */
    private static final String JETTY_SAVED_URI = "org.eclipse.jetty.security.form_URI";
    private static final Logger LOG = Logger.getLogger(SignInServlet.class.getName());

    /**
     * The view model of the sign-in pages (src/main/jte/console/signIn.jte): the notice, if any;
     * after sign-out a link to sign in again, else the form posting to {@code action}, which
     * expires after {@code expiryMinutes} idle minutes (0: not said).
     */
    public record Form(PageShell.Frame frame, String noticeKind, String notice, boolean signedOut, String action,
            int expiryMinutes) {}

    private final SignInLock lock;
    /** Whether the form posts here (everything but Tomcat) rather than to the container's j_security_check. */
    private volatile boolean ownSignIn;

    public SignInServlet() {
        this(Clock.systemUTC());
    }

    SignInServlet(Clock clock) {
        this.lock = new SignInLock(clock);
    }

    @Override
    public void init() {
        String server = String.valueOf(getServletContext().getServerInfo());
        ownSignIn = !server.startsWith("Apache Tomcat");
        LOG.info(() -> "Console sign-in on " + server + ": " + (ownSignIn
                ? "the form posts to " + SIGN_IN + " (POST only, " + SignInLock.FAILURES + " failures lock a name for "
                        + SignInLock.LOCK.toMinutes() + " minutes)"
                : "the form posts to the container's j_security_check (conf/tomcat: LockOutRealm, RewriteValve)"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(request, response, 200, null);
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, String problem)
            throws IOException {
        RequestIds.assign(request, response); // shown by a forward: the front filter may not have run
        String path = request.getServletPath();
        HttpSession session = request.getSession(false);
        if (session != null && request.getUserPrincipal() == null && !SIGNED_OUT.equals(path)) {
            ConsoleSessions.shorten(session); // the form's session: five idle minutes on every container
        }
        String notice = problem != null ? problem : FAILED.equals(path) ? "Wrong name or password. Try again."
                : SIGNED_OUT.equals(path) ? "You are signed out." : null;
        int expiry = session != null && session.getMaxInactiveInterval() > 0
                ? Math.max(1, session.getMaxInactiveInterval() / 60) : 0;
        Form form = new Form(PageShell.frame(request, "Sign in", PageShell.Section.NONE),
                problem == null && SIGNED_OUT.equals(path) ? "ok" : "problem", notice, SIGNED_OUT.equals(path),
                ownSignIn ? SIGN_IN : "/j_security_check", expiry);
        PageShell.send(response, status, Views.render("console/signIn.jte", form));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        if (SIGN_IN.equals(path) && ownSignIn) {
            signIn(request, response);
            return;
        }
        if (!SIGN_OUT.equals(path)) {
            if (FAILED.equals(path) && String.valueOf(request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI))
                    .endsWith("/j_security_check")) {
                // Tomcat's j_security_check refused the name and password (LockOutRealm: or the name is locked).
                RequestIds.assign(request, response);
                logFailure(request, request.getParameter(USERNAME), "refused by the container's realm");
            }
            doGet(request, response); // the error page in answer to the login POST itself
            return;
        }
        RequestIds.assign(request, response);
        if (!Csrf.isValid(request)) {
            PageShell.send(response, 403, PageShell.message(request, "Refused", null, "problem",
                    "This form has expired or did not come from the console. You are still signed in."));
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SIGNED_OUT);
    }

    /**
     * The sign-in form's POST where the container cannot lock (SPEC §12): credentials from the
     * body only, the lock before the realm, every failure logged, then the container's own login
     * and on to the page that asked for it (Jetty then replays a saved form, at most 4 KiB).
     */
    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = RequestIds.assign(request, response);
        request.setCharacterEncoding("UTF-8");
        if (request.getQueryString() != null) {
            // A name or password in a URL ends up in access logs and browser histories: never read it.
            LOG.warning(() -> "console sign-in refused: a query string on the sign-in action remote="
                    + LogText.escape(request.getRemoteAddr()) + " request_id=" + id);
            show(request, response, 403, "Sign in with the form below.");
            return;
        }
        if (request.getUserPrincipal() != null) {
            response.sendRedirect(request.getContextPath() + "/console/");
            return;
        }
        String name = request.getParameter(USERNAME);
        String password = request.getParameter(PASSWORD);
        if (name == null || name.isEmpty() || password == null) {
            logFailure(request, name, "name or password missing");
            show(request, response, 200, "Wrong name or password. Try again.");
            return;
        }
        if (!lock.attempt(name)) {
            // Refused like a wrong password, whatever it was; the lock lasts from this try.
            logFailure(request, name, "name locked after " + SignInLock.FAILURES + " failures");
            show(request, response, 200, "Wrong name or password. Try again.");
            return;
        }
        try {
            request.login(name, password);
        } catch (ServletException wrong) {
            logFailure(request, name, "wrong name or password");
            show(request, response, 200, "Wrong name or password. Try again.");
            return;
        }
        lock.succeeded(name);
        ConsoleSessions.signedIn(request);
        LOG.info(() -> "console sign-in name=" + LogText.escape(name) + " remote="
                + LogText.escape(request.getRemoteAddr()) + " request_id=" + id);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", savedPage(request));
    }

    /** The page that led to the form (Jetty keeps it in the session), else the console's start. */
    private static String savedPage(HttpServletRequest request) {
        String home = request.getContextPath() + "/console/";
        HttpSession session = request.getSession(false);
        Object saved = session == null ? null : session.getAttribute(JETTY_SAVED_URI);
        if (saved == null) {
            return home;
        }
        String uri = saved.toString();
        int scheme = uri.indexOf("://");
        if (scheme >= 0) {
            int path = uri.indexOf('/', scheme + 3);
            uri = path < 0 ? "/" : uri.substring(path);
        }
        // Only a page of this console: never another host, never outside it.
        return uri.startsWith(home) && !uri.contains("\\") ? uri : home;
    }

    /** SPEC §12: every failed sign-in, the name escaped, never the password. */
    private static void logFailure(HttpServletRequest request, String name, String reason) {
        String remote = request.getRemoteAddr();
        String id = RequestIds.of(request);
        LOG.warning(() -> "console sign-in failed: " + reason + " name=" + LogText.escape(name) + " remote="
                + LogText.escape(remote) + " request_id=" + id);
    }

    /**
     * The console's page for an error the container raises on a console path (SPEC §12): 403 for
     * a signed-in user without the operator role, 404, 405; an HTML page, not the API's JSON.
     */
    public static void containerError(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        PageShell.Frame frame = PageShell.frame(request, "Error " + status, PageShell.Section.NONE);
        PageShell.Message page = switch (status) {
            case 403 -> new PageShell.Message(frame, "Not allowed", "problem",
                    "Your account may not use the operator console (it lacks the role " + ConsoleServlet.ROLE + ").",
                    "Sign out above, or close the browser, to sign in with another account.", true);
            case 404 -> new PageShell.Message(frame, "Not found", "problem", "There is no console page here.", null, true);
            case 405 -> new PageShell.Message(frame, "Not allowed", "problem", "This page does not take that method.",
                    null, true);
            default -> new PageShell.Message(frame, "Something went wrong", "problem", "Try again in a moment.", null,
                    true);
        };
        PageShell.send(response, status, Views.render("console/message.jte", page));
    }
}
