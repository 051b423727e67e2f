package com.pimpmycase.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The servlet request this thread is handling inside {@link FrontFilter}, for the API's hot read
 * paths. A {@code @Context HttpServletRequest} parameter costs every call a lookup through Jersey's
 * injection (HK2 builds a new referencing factory by reflection each time): about 7 % of
 * {@code GET orderData}'s profile, for a request the servlet thread already holds. Resources run
 * synchronously on that thread, so this is the same object. A plain ThreadLocal, always removed.
 */
public final class CurrentRequest {

    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

    private CurrentRequest() {
    }

    /**
     * The request of this thread.
     *
     * @throws IllegalStateException outside the front filter (a request it is not mapped to)
     */
    public static HttpServletRequest get() {
        HttpServletRequest request = CURRENT.get();
        if (request == null) {
            throw new IllegalStateException("no request: the front filter is not mapped to this servlet");
        }
        return request;
    }

    static void enter(HttpServletRequest request) {
        CURRENT.set(request);
    }

    static void leave() {
        CURRENT.remove();
    }
}
