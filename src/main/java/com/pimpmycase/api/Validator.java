package com.pimpmycase.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects the 422 field errors of one request (SPEC §4), in the shape and with the type names of
 * §3: {@code missing}, {@code string_type}, {@code string_too_short}, {@code string_too_long},
 * {@code string_pattern_mismatch}, {@code int_parsing}, {@code greater_than_equal}, {@code less_than_equal}.
 */
public final class Validator {

    public static final int ID_MAX_LENGTH = 64;
    public static final String ID_PATTERN = "^[A-Za-z0-9_-]+$";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    private final String where;
    private final List<FieldError> errors = new ArrayList<>();

    private Validator(String where) {
        this.where = where;
    }

    /** Errors located in the JSON or form body: {@code loc = ["body", field]}. */
    public static Validator body() {
        return new Validator("body");
    }

    /** Errors located in the query string: {@code loc = ["query", field]}. */
    public static Validator query() {
        return new Validator("query");
    }

    /** Errors located in the request path: {@code loc = ["path", field]}. */
    public static Validator path() {
        return new Validator("path");
    }

    public void add(String type, String field, String msg, Object input) {
        errors.add(FieldError.of(type, List.of(where, field), msg, input));
    }

    public void add(String type, String field, String msg, Object input, Map<String, Object> ctx) {
        errors.add(new FieldError(type, List.of(where, field), msg, input, ctx));
    }

    /** A required string field of a JSON object; {@code null} (after recording why) when unusable. */
    public String string(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            missing(field);
            return null;
        }
        if (!value.isTextual()) {
            add("string_type", field, "Input should be a valid string", value);
            return null;
        }
        return value.asText();
    }

    /** A required id: 1–64 characters of {@code [A-Za-z0-9_-]}. */
    public String id(JsonNode object, String field) {
        String text = string(object, field);
        return text == null ? null : id(field, text);
    }

    /** {@code text} checked as an id (already known to be present). */
    public String id(String field, String text) {
        if (text.isEmpty()) {
            add("string_too_short", field, "String should have at least 1 character", text, Map.of("min_length", 1));
            return null;
        }
        if (text.length() > ID_MAX_LENGTH) {
            add("string_too_long", field, "String should have at most " + ID_MAX_LENGTH + " characters", text,
                    Map.of("max_length", ID_MAX_LENGTH));
            return null;
        }
        if (!ID.matcher(text).matches()) {
            add("string_pattern_mismatch", field, "String should match pattern '" + ID_PATTERN + "'", text,
                    Map.of("pattern", ID_PATTERN));
            return null;
        }
        return text;
    }

    /** A required single-valued parameter (query or form); {@code null} when absent or repeated. */
    public String single(List<String> values, String field) {
        if (values == null || values.isEmpty()) {
            missing(field);
            return null;
        }
        if (values.size() > 1) {
            add("too_many_values", field, "Give this field once", values);
            return null;
        }
        return values.get(0);
    }

    /** An optional single-valued parameter; {@code null} when absent, recorded when repeated. */
    public String optional(List<String> values, String field) {
        return values == null || values.isEmpty() ? null : single(values, field);
    }

    /**
     * A whole number in {@code [min, max]}. A larger value is {@code less_than_equal} unless
     * {@code capAtMax}, in which case it becomes {@code max}.
     */
    public Long wholeNumber(String text, String field, long min, long max, boolean capAtMax) {
        String trimmed = text.strip();
        if (!trimmed.matches("[+-]?\\d{1,18}")) {
            if (capAtMax && trimmed.matches("\\+?\\d+")) {
                return max; // more digits than a long holds: still just "too many"
            }
            add("int_parsing", field, "Input should be a valid integer, unable to parse string as an integer", text);
            return null;
        }
        long value = Long.parseLong(trimmed);
        if (value < min) {
            add("greater_than_equal", field, "Input should be greater than or equal to " + min, text, Map.of("ge", min));
            return null;
        }
        if (value > max) {
            if (capAtMax) {
                return max;
            }
            add("less_than_equal", field, "Input should be less than or equal to " + max, text, Map.of("le", max));
            return null;
        }
        return value;
    }

    public void missing(String field) {
        add("missing", field, "Field required", null);
    }

    /** @throws ApiException 422 with every error recorded so far */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
    }
}
