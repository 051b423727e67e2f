package com.pimpmycase.metrics;

import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.JsonResponses;
import com.pimpmycase.web.ResponseHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics} (SPEC §11): this node's series in the Prometheus text format, for an admin
 * key or the metrics token; 401 (with {@code WWW-Authenticate: Bearer}) or 403 in the API's shape
 * otherwise. The secret is never logged.
 */
public final class MetricsServlet extends HttpServlet {

    private final ServiceMetrics metrics;
    private final MetricsAccess access;

    public MetricsServlet(ServiceMetrics metrics, MetricsAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (access.decide(request.getHeader("Authorization"))) {
            case UNAUTHENTICATED -> {
                response.setHeader("WWW-Authenticate", "Bearer");
                JsonResponses.send(request, response, 401, ErrorBodies.detail("Not authenticated"));
            }
            case FORBIDDEN -> JsonResponses.sendStatus(request, response, 403);
            case ALLOWED -> {
                response.setStatus(200);
                ResponseHeaders.privateAnswer(response);
                response.setContentType(ServiceMetrics.contentType());
                if (!"HEAD".equals(request.getMethod())) {
                    metrics.scrape(response.getOutputStream());
                }
            }
        }
    }
}
