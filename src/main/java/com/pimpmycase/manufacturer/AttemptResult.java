package com.pimpmycase.manufacturer;

/**
 * How one delivery attempt ended, classified as SPEC §9's table says. {@link #result()} is the
 * label of {@code pimpmycase_delivery_attempts_total{result}}. Every message is safe to log and
 * show ({@link ManufacturerText}).
 */
public sealed interface AttemptResult {

    String result();

    /** What happened, in words safe to log and show. */
    String message();

    /**
     * HTTP 200 and {@code code} 200: the manufacturer has the order. {@code manufacturerPaymentId}
     * is the payment id of the payData flow, else {@code null}.
     */
    record Delivered(String manufacturerOrderId, String queueNo, String status, String manufacturerPaymentId)
            implements AttemptResult {

        public Delivered(String manufacturerOrderId, String queueNo, String status) {
            this(manufacturerOrderId, queueNo, status, null);
        }

        @Override
        public String result() {
            return "delivered";
        }

        @Override
        public String message() {
            return "delivered";
        }
    }

    /** The manufacturer refused the order, or it cannot be sent at all: no automatic retry. */
    record Rejected(String message) implements AttemptResult {
        @Override
        public String result() {
            return "rejected";
        }
    }

    /**
     * Retry later. {@code auth} when logging in failed or a call still answered as logged out after
     * a fresh login; otherwise a transient failure (5xx, 429, another code 500, unreadable answer,
     * timeout, refused or reset connection).
     */
    record RetryLater(boolean auth, String message) implements AttemptResult {
        @Override
        public String result() {
            return auth ? "auth" : "transient";
        }
    }

    /**
     * A {@code code} 500 msg in configMessages: our own configuration is wrong (the fixed key, the
     * account), for every order. Retried like a transient failure with the giveUpAfter clock
     * paused, and reported ({@code /health}, the console, a SEVERE log line). {@code message}
     * names the step ({@code login failed: …}, {@code payData: …}) for last_error.
     */
    record Misconfigured(String message, String problem) implements AttemptResult {

        /** {@code problem}: the manufacturer's msg alone (safe), as {@code /health} reports it (§6). */
        public Misconfigured {
            problem = problem == null ? message : problem;
        }

        @Override
        public String result() {
            return "config";
        }
    }
}
