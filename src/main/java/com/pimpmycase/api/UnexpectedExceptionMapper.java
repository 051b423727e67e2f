package com.pimpmycase.api;

import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.RequestIds;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A failure of ours (database down, a bug): logged in full, answered without a stack trace. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Exception e) {
        LOG.log(Level.SEVERE, "API request failed request_id=" + RequestIds.current(), e);
        if (e instanceof java.sql.SQLException) {
            return ApiResponses.json(503, ErrorBodies.detail("Order store unavailable, try again"));
        }
        return ApiResponses.json(500, ErrorBodies.detail("Internal Server Error"));
    }
}
