package com.pimpmycase.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.pimpmycase.token.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 body's {@code detail} list (SPEC §3): {@code type}, {@code loc}, {@code msg},
 * {@code input} (always present, may be null) and, for some types, {@code ctx}.
 */
@JsonPropertyOrder({"type", "loc", "msg", "input", "ctx"})
public record FieldError(
        String type,
        List<String> loc,
        String msg,
        @JsonInclude(JsonInclude.Include.ALWAYS) Object input,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> ctx) {

    public static FieldError of(String type, List<String> loc, String msg, Object input) {
        return new FieldError(type, loc, msg, input, null);
    }

    public static FieldError missing(String where, String field) {
        return of("missing", List.of(where, field), "Field required", null);
    }

    /**
     * The entry for a refused token (SPEC §3): its type and plain-words message, the token as
     * sent, and for an expired one {@code ctx.expired_at} in ISO-8601 UTC.
     */
    public static FieldError tokenRefused(Refusal reason, Instant expiredAt, List<String> loc, Object input) {
        Map<String, Object> ctx = expiredAt == null ? null : Map.of("expired_at", expiredAt.toString());
        return new FieldError(reason.type(), loc, reason.message(), input, ctx);
    }
}
