package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One answer of the manufacturer's API, classified by SPEC §9's table. Pure: the HTTP status and
 * the body in, the kind and a message that is safe to log out (the manufacturer's {@code msg}
 * trimmed to one short line; never the body itself).
 */
record ManufacturerAnswer(Kind kind, String message, JsonNode data) {

    enum Kind {
        /** HTTP 200 and {@code code} 200. */
        SUCCESS,
        /** HTTP 401/403 or {@code code} 401/403: log in again and repeat once. */
        AUTH,
        /** HTTP 400/404/422 or {@code code} 400/404: no automatic retry. */
        REJECTED,
        /** Anything else: retry later. */
        TRANSIENT
    }

    /** How much of the manufacturer's {@code msg} is kept (it ends up in last_error and log lines). */
    static final int MAX_MESSAGE = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    static ManufacturerAnswer classify(int status, byte[] body) {
        JsonNode json = envelope(body);
        String msg = json == null ? null : safe(json.path("msg").isValueNode() ? json.path("msg").asText() : null);
        if (status == 401 || status == 403) {
            return new ManufacturerAnswer(Kind.AUTH, "HTTP " + status, null);
        }
        if (status == 400 || status == 404 || status == 422) {
            return new ManufacturerAnswer(Kind.REJECTED, msg != null ? msg : "HTTP " + status, null);
        }
        if (status != 200) {
            return transientFailure("HTTP " + status);
        }
        JsonNode code = json == null ? null : json.get("code");
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            return transientFailure("HTTP 200 with a body that is not the manufacturer's JSON");
        }
        int c = code.intValue();
        String detail = "code " + c + (msg == null ? "" : ": " + msg);
        return switch (c) {
            case 200 -> new ManufacturerAnswer(Kind.SUCCESS, "code 200", json.get("data"));
            case 401, 403 -> new ManufacturerAnswer(Kind.AUTH, detail, null);
            case 400, 404 -> new ManufacturerAnswer(Kind.REJECTED, msg != null ? msg : detail, null);
            default -> transientFailure(detail);
        };
    }

    /** The same answer with {@code redact} applied to its message. */
    ManufacturerAnswer redacted(java.util.function.UnaryOperator<String> redact) {
        return new ManufacturerAnswer(kind, redact.apply(message), data);
    }

    /** No answer at all (timeout, refused, reset), described in a few safe words. */
    static ManufacturerAnswer transientFailure(String message) {
        return new ManufacturerAnswer(Kind.TRANSIENT, message, null);
    }

    /** The body as a JSON object, or {@code null}. */
    private static JsonNode envelope(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** One line of printable text, at most {@link #MAX_MESSAGE} characters; {@code null} when empty. */
    static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        text.codePoints().limit(MAX_MESSAGE).forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String result = line.toString().strip();
        return result.isEmpty() ? null : result;
    }
}
