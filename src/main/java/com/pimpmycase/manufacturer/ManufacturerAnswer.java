package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.config.AnswerMessages;
import java.io.IOException;

/**
 * One answer of the manufacturer's API, classified by SPEC §9's table. Pure: the HTTP status, the
 * body and the configured message lists in; the kind, the manufacturer's raw {@code msg} (never
 * shown before {@link ManufacturerText} made it safe) and {@code data} out.
 */
record ManufacturerAnswer(Kind kind, String message, String msg, JsonNode data) {

    enum Kind {
        /** HTTP 200 and {@code code} 200. */
        SUCCESS,
        /** HTTP 401/403, {@code code} 401/403, or a {@code code} 500 msg in reloginMessages: log in again, repeat once. */
        AUTH,
        /** HTTP 400/404/422, {@code code} 400/404, or a {@code code} 500 msg in rejectMessages: no automatic retry. */
        REJECTED,
        /** A {@code code} 500 msg in configMessages: our configuration is wrong, for every order. */
        CONFIG,
        /** Anything else: retry later. */
        TRANSIENT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param message what the answer was, in words: fixed words and the code, then ": " and the
     *        raw msg. Made safe by the caller before it goes anywhere.
     */
    static ManufacturerAnswer classify(int status, byte[] body, AnswerMessages lists) {
        JsonNode json = envelope(body);
        String msg = json == null || !json.path("msg").isValueNode() ? null : json.path("msg").asText();
        if (status == 401 || status == 403) {
            return new ManufacturerAnswer(Kind.AUTH, "HTTP " + status, msg, null);
        }
        if (status == 400 || status == 404 || status == 422) {
            return new ManufacturerAnswer(Kind.REJECTED, msg != null ? msg : "HTTP " + status, msg, null);
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
            case 200 -> new ManufacturerAnswer(Kind.SUCCESS, "code 200", msg, json.get("data"));
            case 401, 403 -> new ManufacturerAnswer(Kind.AUTH, detail, msg, null);
            case 400, 404 -> new ManufacturerAnswer(Kind.REJECTED, msg != null ? msg : detail, msg, null);
            case 500 -> switch (lists.classify(msg)) {
                case CONFIG -> new ManufacturerAnswer(Kind.CONFIG, msg, msg, null);
                case RELOGIN -> new ManufacturerAnswer(Kind.AUTH, detail, msg, null);
                case REJECT -> new ManufacturerAnswer(Kind.REJECTED, msg, msg, null);
                case TRANSIENT -> new ManufacturerAnswer(Kind.TRANSIENT, detail, msg, null);
            };
            default -> new ManufacturerAnswer(Kind.TRANSIENT, detail, msg, null);
        };
    }

    /** No answer at all (timeout, refused, reset), described in a few safe words. */
    static ManufacturerAnswer transientFailure(String message) {
        return new ManufacturerAnswer(Kind.TRANSIENT, message, null, null);
    }

    /** Whether the msg is the manufacturer's "Payment information does not exist" (§9: still settling). */
    boolean paymentNotFound() {
        return msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("payment information does not exist");
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
}
