package com.pimpmycase.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id of SPEC §6: the client's own {@code X-Request-Id} when it is 1–64 characters of
 * {@code [A-Za-z0-9._-]}, else a new one; answered in the response header and kept as a request
 * attribute, so every log line written for the request can name it ({@code request_id=<id>}).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final int MAX_LENGTH = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /**
     * The id of the request this thread is handling inside {@link FrontFilter}, for code that has
     * no request at hand (JAX-RS filters and exception mappers: Jersey's injected request proxy
     * cannot be built in every container). A plain ThreadLocal, always removed: nothing outlives a request.
     */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** The request's id, assigned (and sent in the response header) on first use. */
    public static String assign(HttpServletRequest request, HttpServletResponse response) {
        Object known = request.getAttribute(ATTRIBUTE);
        String id = known instanceof String s ? s : accept(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        return id;
    }

    /** The id assigned to this request, {@code -} when none was (for log lines). */
    public static String of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        return known instanceof String s ? s : "-";
    }

    /** The id of the request this thread handles (inside the front filter), {@code -} otherwise. */
    public static String current() {
        String id = CURRENT.get();
        return id == null ? "-" : id;
    }

    /** Marks {@code id} as this thread's request until {@link #leave()}. */
    static void enter(String id) {
        CURRENT.set(id);
    }

    static void leave() {
        CURRENT.remove();
    }

    /** The client's id when acceptable, else a new one. */
    static String accept(String offered) {
        return offered != null && isValid(offered) ? offered : generate();
    }

    static boolean isValid(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** 32 hex digits (128 random bits): unique enough across nodes without coordination. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long bits = random.nextLong();
        for (int i = 0; i < 32; i++) {
            if (i == 16) {
                bits = random.nextLong();
            }
            id[i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
        return new String(id);
    }
}
