package com.pimpmycase.api;

import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.HttpStatusText;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Jersey's own refusals (no such resource, wrong method, wrong content type, a role that may not
 * call the method) in the contract's JSON shape instead of Jersey's or the container's page.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response response = ApiResponses.json(status, ErrorBodies.detail(HttpStatusText.of(status)));
        if (e instanceof NotAllowedException) {
            return Response.fromResponse(response).allow(e.getResponse().getAllowedMethods()).build();
        }
        return response;
    }
}
