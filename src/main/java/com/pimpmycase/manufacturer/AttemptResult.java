package com.pimpmycase.manufacturer;

/**
 * How one delivery attempt ended, classified as SPEC §9's table says. {@link #result()} is the
 * label of {@code pimpmycase_delivery_attempts_total{result}}.
 */
public sealed interface AttemptResult {

    String result();

    /** HTTP 200 and {@code code} 200: the manufacturer has the order. */
    record Delivered(String manufacturerOrderId, String queueNo, String status) implements AttemptResult {
        @Override
        public String result() {
            return "delivered";
        }
    }

    /** HTTP 400/404/422 or {@code code} 400/404: no automatic retry; {@code message} is the manufacturer's msg. */
    record Rejected(String message) implements AttemptResult {
        @Override
        public String result() {
            return "rejected";
        }
    }

    /**
     * Retry later. {@code auth} when logging in failed or a call still answered 401/403 after a
     * fresh login; otherwise a transient failure (5xx, 429, code 500, unreadable answer, timeout,
     * refused or reset connection). {@code message} is safe to log and show (no secret in it).
     */
    record RetryLater(boolean auth, String message) implements AttemptResult {
        @Override
        public String result() {
            return auth ? "auth" : "transient";
        }
    }
}
