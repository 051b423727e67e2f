package com.pimpmycase.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Writes an {@link ApiException} as its status and JSON body. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        return ApiResponses.json(e.status(), e.body());
    }
}
