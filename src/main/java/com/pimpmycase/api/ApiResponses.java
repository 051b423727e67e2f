package com.pimpmycase.api;

import com.pimpmycase.web.JsonResponses;
import com.pimpmycase.web.ResponseHeaders;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every /api answer is JSON serialised by the service's one {@code ObjectMapper} (the same that
 * writes the image errors), and never cached: each carries fresh tokens or private data. The body
 * is written once as bytes whose length is known, so Jersey neither looks for a JSON provider nor
 * buffers the answer to count it ({@link ApiApplication} switches that buffer off).
 */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static Response json(int status, Object body) {
        byte[] json = JsonResponses.toBytes(body);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, json.length)
                .header(ResponseHeaders.CACHE_CONTROL, ResponseHeaders.NO_STORE)
                .header(ResponseHeaders.CONTENT_TYPE_OPTIONS, ResponseHeaders.NOSNIFF)
                .entity(json)
                .build();
    }
}
