package com.pimpmycase.console;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * What a session may cost before sign-in (SPEC §12): every new session lives
 * {@value #BEFORE_SIGN_IN_SECONDS} idle seconds; an operator's session gets the lifetime web.xml
 * configures ({@code session-timeout}) once signed in. The saved request body is the container's:
 * Tomcat keeps at most the connector's {@code maxSavePostSize} (4096 by default, conf/tomcat);
 * Jetty 12 saves the form fields of a POST up to the context's form limit, which this class sets
 * to {@value #SAVED_FORM_BYTES} bytes (the context attribute Jetty's FORM authenticator reads;
 * the servlets' own {@code getParameter} keeps the default limit). Other containers ignore it.
 */
public final class ConsoleSessions implements HttpSessionListener {

    public static final int BEFORE_SIGN_IN_SECONDS = 300;
    public static final int SAVED_FORM_BYTES = 4096;
    /** Jetty 12's {@code FormFields.MAX_LENGTH_ATTRIBUTE}. */
    static final String JETTY_FORM_LIMIT = "org.eclipse.jetty.server.Request.maxFormContentSize";

    /** Called once by the composition root, before the first request. */
    public static void install(ServletContext context) {
        context.setAttribute(JETTY_FORM_LIMIT, SAVED_FORM_BYTES);
        context.addListener(new ConsoleSessions());
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        shorten(event.getSession());
    }

    /** A session nobody has signed in to yet: at most the short lifetime. */
    static void shorten(HttpSession session) {
        int interval = session.getMaxInactiveInterval();
        if (interval <= 0 || interval > BEFORE_SIGN_IN_SECONDS) {
            session.setMaxInactiveInterval(BEFORE_SIGN_IN_SECONDS);
        } else if (interval < BEFORE_SIGN_IN_SECONDS) {
            // Tomcat's FORM authenticator cuts a new session to 120 s while the sign-in form shows;
            // the contract gives the operator five minutes on every container.
            session.setMaxInactiveInterval(BEFORE_SIGN_IN_SECONDS);
        }
    }

    /** An operator is signed in on this request: the session gets the configured lifetime. */
    static void signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        int configured = request.getServletContext().getSessionTimeout() * 60;
        if (configured > 0 && session.getMaxInactiveInterval() != configured) {
            session.setMaxInactiveInterval(configured);
        }
    }
}
