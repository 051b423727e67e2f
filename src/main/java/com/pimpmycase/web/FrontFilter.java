package com.pimpmycase.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The first filter of every request but an image's: assigns the request id (SPEC §6), so the
 * response carries {@code X-Request-Id} and every log line can name it, and reports how long the
 * request took (SPEC §11); it also keeps the request at hand for the API ({@link CurrentRequest}).
 * Mapped by servlet name to every servlet but the image servlet, whose token filter does the same
 * on the benchmarked path without a second filter.
 */
public final class FrontFilter extends HttpFilter {

    /** Told how long each request took, for the duration histogram. */
    @FunctionalInterface
    public interface Timing {
        void took(HttpServletRequest request, long nanos);
    }

    private final Timing timing;

    public FrontFilter(Timing timing) {
        this.timing = timing;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        RequestIds.enter(RequestIds.assign(request, response));
        CurrentRequest.enter(request);
        try {
            chain.doFilter(request, response);
        } finally {
            CurrentRequest.leave();
            RequestIds.leave();
            timing.took(request, System.nanoTime() - started);
        }
    }
}
