package com.pimpmycase.web;

import java.util.List;
import java.util.Map;

/** The two error body shapes of the contract: a plain {@code detail} string, or a list of {@link FieldError}. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** {@code {"detail":"<text>"}} */
    public static Map<String, Object> detail(String text) {
        return Map.of("detail", text);
    }

    /** {@code {"detail":[<errors>]}} */
    public static Map<String, Object> fieldErrors(FieldError... errors) {
        return Map.of("detail", List.of(errors));
    }
}
