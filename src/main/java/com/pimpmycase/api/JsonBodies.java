package com.pimpmycase.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.JsonResponses;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON request bodies: 400 {@code json_invalid} when unreadable, 413 when absurdly large. */
public final class JsonBodies {

    /** Orders are a few hundred bytes; anything near this is not an order. */
    static final int MAX_BYTES = 64 * 1024;

    private JsonBodies() {
    }

    /** The body as a JSON object; other JSON values are 422 {@code model_attributes_type}. */
    public static JsonNode object(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw ApiException.detail(413, "Request body too large");
        }
        if (bytes.length == 0) {
            throw ApiException.unprocessable(FieldError.of("missing", List.of("body"), "Field required", null));
        }
        JsonNode node;
        try {
            node = JsonResponses.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw invalid(e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw invalid("No JSON value in the body");
        }
        if (!node.isObject()) {
            throw ApiException.unprocessable(FieldError.of("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", node));
        }
        return node;
    }

    /** {@code {"detail":[{"type":"json_invalid","loc":["body"],"msg":"…"}]}} */
    private static ApiException invalid(String why) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "json_invalid");
        error.put("loc", List.of("body"));
        error.put("msg", "JSON decode error: " + why);
        return new ApiException(400, Map.of("detail", List.of(error)));
    }
}
