package com.pimpmycase.api;

import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.FieldError;
import java.util.List;
import java.util.Map;

/** An answer other than success, with its status and contract-shaped body; see {@link ApiExceptionMapper}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient Object body;

    public ApiException(int status, Object body) {
        super(null, null, false, false); // control flow, not a failure: no stack trace
        this.status = status;
        this.body = body;
    }

    public static ApiException detail(int status, String detail) {
        return new ApiException(status, ErrorBodies.detail(detail));
    }

    /** 422 with one or more field errors. */
    public static ApiException unprocessable(List<FieldError> errors) {
        return new ApiException(422, Map.of("detail", List.copyOf(errors)));
    }

    public static ApiException unprocessable(FieldError error) {
        return unprocessable(List.of(error));
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    @Override
    public String getMessage() {
        return status + " " + body;
    }
}
