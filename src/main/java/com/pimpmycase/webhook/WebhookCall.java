package com.pimpmycase.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a manufacturer's webhook call (SPEC §9 "Calls from the manufacturer"), read from a
 * body that is already a signed JSON object. Pure: every problem is collected in words the
 * manufacturer's developer can act on. {@code status} must be a JSON integer (a string {@code "3"}
 * is a wrong type), every other field a JSON string following §4's id rule; unknown extra fields
 * are ignored.
 */
record WebhookCall(String thirdId, int status, String queueNo, String manufacturerOrderId) {

    /** The two webhooks and what their status means. */
    enum Hook {
        /** {@code third_id} is the payment's {@code third_pay_id}; 1 pending … 5 abnormal. */
        PAY_STATUS("payStatus", 5),
        /** {@code third_id} is the order's; the manufacturer's status 1..16, optional queue_no and id. */
        STATUS_UPDATE("status-update", 16);

        final String path;
        final int maxStatus;

        Hook(String path, int maxStatus) {
            this.path = path;
            this.maxStatus = maxStatus;
        }
    }

    /** §4's id rule. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What is wrong with the fields: either a call or the problems, never both. */
    record Reading(WebhookCall call, List<String> problems) {}

    static Reading read(Hook hook, JsonNode body) {
        List<String> problems = new ArrayList<>();
        String thirdId = id(body, "third_id", true, problems);
        Integer status = status(body, hook.maxStatus, problems);
        String queueNo = null;
        String orderId = null;
        if (hook == Hook.STATUS_UPDATE) {
            queueNo = id(body, "queue_no", false, problems);
            orderId = id(body, "id", false, problems);
        }
        if (!problems.isEmpty()) {
            return new Reading(null, List.copyOf(problems));
        }
        return new Reading(new WebhookCall(thirdId, status, queueNo, orderId), List.of());
    }

    private static String id(JsonNode body, String field, boolean required, List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null || (!required && value.isNull())) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(field + " must be a string");
            return null;
        }
        if (!ID.matcher(value.textValue()).matches()) {
            problems.add(field + " must be 1-64 characters of A-Z a-z 0-9 _ -");
            return null;
        }
        return value.textValue();
    }

    private static Integer status(JsonNode body, int max, List<String> problems) {
        JsonNode value = body.get("status");
        if (value == null) {
            problems.add("status is required");
            return null;
        }
        if (!value.isIntegralNumber()) {
            problems.add("status must be an integer");
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > max) {
            problems.add("status must be between 1 and " + max);
            return null;
        }
        return value.intValue();
    }
}
