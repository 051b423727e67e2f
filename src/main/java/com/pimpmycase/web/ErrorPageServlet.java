package com.pimpmycase.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page for this WAR: errors the container raises itself (no servlet for a
 * path, an exception escaping a servlet, Tomcat's 405 for {@code TRACE}) answer in the contract's
 * shape, never with the container's HTML page or a stack trace: JSON, or for a preview path the
 * customer's page, for a console path the console's page. Images and previews allow GET and HEAD
 * only, whatever the container computed.
 * An error dispatch passes no request filter, so the request id (SPEC §6) is assigned here too:
 * the one the request already had, or a new one when the container refused it before any filter.
 */
public final class ErrorPageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    /** Answers an error of the container's for a path of an entry point with pages of its own. */
    @FunctionalInterface
    public interface PageRenderer {
        void render(HttpServletRequest request, HttpServletResponse response, int status) throws IOException;
    }

    /** Where the operator console's pages live (SPEC §12): its errors are pages too. */
    private static final String CONSOLE = "/console";

    private final PageRenderer previewPages;
    private final PageRenderer consolePages;

    public ErrorPageServlet(PageRenderer previewPages, PageRenderer consolePages) {
        this.previewPages = previewPages;
        this.consolePages = consolePages;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestIds.assign(request, response);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404; // reached directly: there is nothing here
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s.substring(Math.min(s.length(), request.getContextPath().length())) : "";
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null) {
            LOG.log(Level.SEVERE, "request to " + LogText.escape(path) + " failed request_id=" + requestId, failure);
        }
        boolean preview = path.startsWith(PublicUrls.PREVIEW);
        if (status == 405 && (preview || path.startsWith(PublicUrls.IMAGE))) {
            ResponseHeaders.allowGetAndHead(response);
        }
        if (preview) {
            previewPages.render(request, response, status);
        } else if (path.equals(CONSOLE) || path.startsWith(CONSOLE + "/") || path.startsWith(CONSOLE + "-")) {
            consolePages.render(request, response, status);
        } else {
            JsonResponses.sendStatus(request, response, status);
        }
    }
}
