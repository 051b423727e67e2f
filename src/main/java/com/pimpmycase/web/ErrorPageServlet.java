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
 * path, an exception escaping a servlet) answer in the contract's JSON shape, never with the
 * container's HTML page or a stack trace.
 */
public final class ErrorPageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404; // reached directly: there is nothing here
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null) {
            LOG.log(Level.SEVERE, "request to " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + " failed", failure);
        }
        JsonResponses.sendStatus(request, response, status);
    }
}
