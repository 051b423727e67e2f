package com.pimpmycase.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON request bodies strictly ({@link StrictJson}: one reading only): 400
 * {@code json_invalid} when unreadable, 413 when absurdly large, 422 when not an object.
 */
public final class JsonBodies {

    /** Orders are a few hundred bytes; anything near this is not an order. */
    static final int MAX_BYTES = 64 * 1024;
    /** Orders are flat; deep nesting is only ever an attack on the parser or on the 422 echo. */
    static final int MAX_NESTING_DEPTH = 32;

    private static final StrictJson STRICT = new StrictJson(MAX_NESTING_DEPTH);

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
        JsonNode node = parse(bytes);
        if (!node.isObject()) {
            throw ApiException.unprocessable(FieldError.of("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", node));
        }
        return node;
    }

    /** Exactly one JSON value of UTF-8 text ({@link StrictJson}), or 400 {@code json_invalid}. */
    static JsonNode parse(byte[] bytes) {
        try {
            return STRICT.tree(withoutByteOrderMark(StrictJson.utf8(bytes)));
        } catch (StrictJson.Invalid e) {
            throw invalid(switch (e.problem()) {
                case NOT_UTF8 -> "The body is not UTF-8 text";
                case NO_VALUE -> "No JSON value in the body";
                case EXTRA_DATA -> "Extra data after the JSON value";
                case DUPLICATE_KEY, MALFORMED -> e.getMessage();
            });
        }
    }

    /** One leading byte order mark skipped (RFC 8259 lets a parser ignore it). */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
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
