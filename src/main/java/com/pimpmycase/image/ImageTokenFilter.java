package com.pimpmycase.image;

import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.metrics.ServiceMetrics.ImageOutcome;
import com.pimpmycase.web.QueryStrings;
import com.pimpmycase.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Guards {@code /image/*}: only a request with a valid token for the named file reaches
 * {@link ImageServlet}. The request and response pass on unwrapped, so the container keeps its
 * zero-copy path.
 *
 * <p>It is also the image path's front door: no other filter of ours runs on {@code /image}, so
 * the request id (SPEC §6) is assigned here, and the request timed and counted by its outcome here
 * (SPEC §11, route {@code image}; the outcome from the status it was answered with), the refusals
 * included. Whoever answers states the outcome once, as the status.
 */
public final class ImageTokenFilter extends HttpFilter {

    /** Request attribute carrying the {@link ImageAccess.Granted} (filename and verified token) to the servlet. */
    static final String GRANTED_ATTRIBUTE = ImageTokenFilter.class.getName() + ".granted";

    private final ImageAccessCheck check;
    private final RefusalAnswer refusals;
    private final ServiceMetrics metrics;

    public ImageTokenFilter(ImageAccessCheck check, RefusalAnswer refusals, ServiceMetrics metrics) {
        this.check = check;
        this.refusals = refusals;
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        RequestIds.assign(request, response);
        boolean answered = false;
        try {
            // The raw query, decoded here: the container's parameter parser logs what it cannot decode.
            ImageAccess access = check.check(request.getMethod(), request.getPathInfo(),
                    QueryStrings.values(request.getQueryString(), "token"));
            if (access instanceof ImageAccess.Granted granted) {
                request.setAttribute(GRANTED_ATTRIBUTE, granted);
                chain.doFilter(request, response);
            } else {
                refusals.answer(request, response, (ImageAccess.Denied) access);
            }
            answered = true;
        } finally {
            metrics.imageRequest(outcome(response, answered));
            metrics.requestTook(ServiceMetrics.Route.IMAGE, System.nanoTime() - started);
        }
    }

    /**
     * The request's outcome, by the status it was answered with. A failure before anything was
     * sent is an error (the container answers 500); after the headers went out, the status sent
     * stands: a client leaving mid-body is not an error of ours.
     */
    static ImageOutcome outcome(HttpServletResponse response, boolean answered) {
        return answered || response.isCommitted() ? ImageOutcome.of(response.getStatus()) : ImageOutcome.ERROR;
    }
}
