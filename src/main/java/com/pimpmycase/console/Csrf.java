package com.pimpmycase.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The synchronizer token of every changing console form (SPEC §12): one random token per session,
 * sent in a hidden field {@value #FIELD} and compared in constant time. A form without it, or with
 * another session's, is refused before anything changes. The token never reaches a log line.
 */
final class Csrf {

    static final String FIELD = "csrf";
    private static final String ATTRIBUTE = Csrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Two first requests of one session must not make two tokens (a session facade differs per request). */
    private static final Object MAKING = new Object();

    private Csrf() {
    }

    /** The session's token, made on first use. */
    static String token(HttpSession session) {
        synchronized (MAKING) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token instanceof String s) {
                return s;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, made);
            return made;
        }
    }

    /** Whether the form carries this session's token (no session, no token: never). */
    static boolean isValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String sent = request.getParameter(FIELD);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        return sent != null && expected instanceof String s
                && MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
