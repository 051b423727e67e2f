package com.pimpmycase.api;

import com.pimpmycase.web.ErrorBodies;
import jakarta.ws.rs.ForbiddenException;
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
        if (e instanceof ForbiddenException) {
            return ApiResponses.json(403, ErrorBodies.detail("Not permitted"));
        }
        Response response = ApiResponses.json(status, ErrorBodies.detail(reason(status)));
        if (e instanceof NotAllowedException) {
            return Response.fromResponse(response).allow(e.getResponse().getAllowedMethods()).build();
        }
        return response;
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 415 -> "Unsupported Media Type";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "Request refused";
            }
        };
    }
}
