package com.pimpmycase.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The first filter of every request but an image's: assigns the request id (SPEC §6), so the
 * response carries {@code X-Request-Id} and every log line can name it, and reports how long the
 * request took (SPEC §11); it also keeps the request at hand for the API ({@link CurrentRequest}).
 * Mapped by servlet name to every servlet but the image servlet, whose token filter does the same
 * on the benchmarked path without a second filter.
 *
 * <p>It also answers, in the contract's shape and with the request id, what would otherwise reach
 * a container or library that answers it badly (issue 22):
 * <ul>
 * <li>a query string that does not decode (a {@code %} without two hex digits, bytes that are not
 *     UTF-8): 400 {@code query_invalid}, before anyone calls the container's parameter parser —
 *     Tomcat's logs the value it could not decode (a token, in full), Jetty's throws (a 500 with a
 *     stack trace through Jersey). The preview reads its token from the raw query itself
 *     ({@link QueryStrings}) and answers a bad one as §3 says, so it passes;
 * <li>an answer someone reset behind our back — Jersey does, for a {@code Content-Type} it cannot
 *     parse, leaving an empty 400 without our headers: 400 {@code header_invalid}, id restored.
 * </ul>
 */
public final class FrontFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(FrontFilter.class.getName());
    private static final String PREVIEW = "/preview";
    private static final String CONSOLE = "/console";

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
        String id = RequestIds.assign(request, response);
        RequestIds.enter(id);
        CurrentRequest.enter(request);
        try {
            if (!PREVIEW.equals(request.getServletPath()) && QueryStrings.isMalformed(request.getQueryString())) {
                refuse(request, response, "query_invalid", List.of("query"),
                        "Query string does not decode: a % not followed by two hex digits, or not UTF-8");
                return;
            }
            chain.doFilter(request, response);
            if (!response.isCommitted() && !response.containsHeader(RequestIds.HEADER)) {
                response.setHeader(RequestIds.HEADER, id); // the answer was reset: our headers went with it
                if (response.getStatus() == 400 && response.getContentType() == null) { // nothing written
                    refuse(request, response, "header_invalid", List.of("header", "Content-Type"),
                            "Content-Type header does not parse");
                }
            }
        } finally {
            CurrentRequest.leave();
            RequestIds.leave();
            timing.took(request, System.nanoTime() - started);
        }
    }

    /** 400 {@code {"detail":[{"type","loc","msg"}]}} (the console: its error page), and one log line. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String type,
            List<String> loc, String msg) throws IOException {
        LOG.info(() -> "refused " + LogText.escape(request.getMethod()) + " "
                + LogText.escape(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
                + " status=400 reason=" + type + " from=" + request.getRemoteAddr()
                + " request_id=" + RequestIds.of(request));
        if (request.getServletPath().startsWith(CONSOLE)) {
            response.sendError(400); // the console's own error page (ErrorPageServlet)
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("loc", loc);
        error.put("msg", msg);
        response.resetBuffer();
        JsonResponses.send(request, response, 400, Map.of("detail", List.of(error)));
    }
}
