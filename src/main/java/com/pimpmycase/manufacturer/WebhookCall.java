package com.pimpmycase.manufacturer;

import com.pimpmycase.manufacturer.WebhookBodies.Field;
import com.pimpmycase.manufacturer.WebhookBodies.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of a manufacturer's webhook call (SPEC §9 "Calls from the manufacturer"), read from
 * the top-level fields of its body. Pure: every problem is collected in words the manufacturer's
 * developer can act on.
 * <ul>
 * <li>aliases are the same field: {@code third_id} ← {@code thirdId} (and on {@code status-update}
 *     {@code order_id}, {@code orderId}); {@code status} ← {@code orderStatus}; {@code queue_no} ←
 *     {@code queueNo}, {@code queue_number}, {@code queueNumber}; {@code id} ← {@code chineseOrderId},
 *     {@code chinese_order_id}; one field given under two names is unreadable ({@link #fields});</li>
 * <li>{@code status} is a JSON integer or a string of digits; ids are strings, trimmed of
 *     surrounding white space, then §4's id rule; {@code payStatus} may carry {@code pay_amount},
 *     a number;</li>
 * <li>with {@code sign} configured, a top-level string, number or boolean that is none of these
 *     is refused (it would enter the sign and let a captured call be re-targeted); otherwise, and
 *     for null, objects and arrays, unknown fields are ignored.</li>
 * </ul>
 */
record WebhookCall(String thirdId, int status, String queueNo, String manufacturerOrderId, String payAmount) {

    /** The two webhooks, their fields and what their status means. */
    enum Hook {
        /** {@code third_id} is the payment's {@code third_pay_id} or manufacturer payment id; 1 pending … 5 abnormal. */
        PAY_STATUS("payStatus", 5, Map.of(
                "third_id", "third_id", "thirdId", "third_id",
                "status", "status", "orderStatus", "status",
                "pay_amount", "pay_amount")),
        /** {@code third_id} is the order's; the manufacturer's status 1..16, optional queue_no and id. */
        STATUS_UPDATE("status-update", 16, Map.ofEntries(
                Map.entry("third_id", "third_id"), Map.entry("thirdId", "third_id"),
                Map.entry("order_id", "third_id"), Map.entry("orderId", "third_id"),
                Map.entry("status", "status"), Map.entry("orderStatus", "status"),
                Map.entry("queue_no", "queue_no"), Map.entry("queueNo", "queue_no"),
                Map.entry("queue_number", "queue_no"), Map.entry("queueNumber", "queue_no"),
                Map.entry("id", "id"), Map.entry("chineseOrderId", "id"), Map.entry("chinese_order_id", "id")));

        /** The path's last segment, also the {@code webhook} label of the metric. */
        final String path;
        final int maxStatus;
        /** Every name the hook reads (fields and aliases) → the field it is. */
        final Map<String, String> names;

        Hook(String path, int maxStatus, Map<String, String> names) {
            this.path = path;
            this.maxStatus = maxStatus;
            this.names = names;
        }
    }

    /** §4's id rule. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** What is wrong with the fields: either a call or the problems, never both. */
    record Reading(WebhookCall call, List<String> problems) {}

    /**
     * The hook's fields by their own name (aliases resolved), in the order sent.
     *
     * @throws WebhookBodies.Unreadable when one field is given twice (under two of its names)
     */
    static Map<String, Field> fields(Hook hook, List<Field> body) throws WebhookBodies.Unreadable {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field field : body) {
            String own = hook.names.get(field.name());
            if (own == null) {
                continue;
            }
            Field earlier = fields.putIfAbsent(own, field);
            if (earlier != null) {
                throw new WebhookBodies.Unreadable("field " + own + " given twice (as " + earlier.name()
                        + " and " + field.name() + ")");
            }
        }
        return fields;
    }

    /**
     * The names of top-level fields that would enter the {@code sign} but are not the hook's
     * (refused when {@code sign} is configured), in the order sent.
     */
    static List<String> unknownSigned(Hook hook, List<Field> body) {
        List<String> unknown = new ArrayList<>();
        for (Field field : body) {
            if (field.kind().signed() && !hook.names.containsKey(field.name())) {
                unknown.add(field.name());
            }
        }
        return unknown;
    }

    static Reading read(Hook hook, Map<String, Field> fields) {
        List<String> problems = new ArrayList<>();
        String thirdId = id(fields, "third_id", true, problems);
        Integer status = status(fields, hook.maxStatus, problems);
        String queueNo = null;
        String orderId = null;
        String payAmount = null;
        if (hook == Hook.STATUS_UPDATE) {
            queueNo = id(fields, "queue_no", false, problems);
            orderId = id(fields, "id", false, problems);
        } else {
            payAmount = amount(fields, problems);
        }
        if (!problems.isEmpty()) {
            return new Reading(null, List.copyOf(problems));
        }
        return new Reading(new WebhookCall(thirdId, status, queueNo, orderId, payAmount), List.of());
    }

    private static String id(Map<String, Field> fields, String name, boolean required, List<String> problems) {
        Field field = fields.get(name);
        if (field == null || (!required && field.kind() == Kind.NULL)) {
            if (required) {
                problems.add(name + " is required");
            }
            return null;
        }
        if (field.kind() != Kind.STRING) {
            problems.add(name + " must be a string");
            return null;
        }
        String id = field.text().strip();
        if (!ID.matcher(id).matches()) {
            problems.add(name + " must be 1-64 characters of A-Z a-z 0-9 _ -");
            return null;
        }
        return id;
    }

    private static Integer status(Map<String, Field> fields, int max, List<String> problems) {
        Field field = fields.get("status");
        if (field == null) {
            problems.add("status is required");
            return null;
        }
        String digits = field.text();
        if (field.kind() == Kind.INTEGER) {
            if (digits.startsWith("-") || digits.length() > 9) {
                problems.add("status must be between 1 and " + max);
                return null;
            }
        } else if (field.kind() != Kind.STRING || !digits.matches("[0-9]+")) {
            problems.add("status must be an integer or a string of digits");
            return null;
        }
        if (!DIGITS.matcher(digits).matches() || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > max) {
            problems.add("status must be between 1 and " + max);
            return null;
        }
        return Integer.parseInt(digits);
    }

    /** {@code pay_amount}: optional, a number (its text as sent; in a form body a string of one). */
    private static String amount(Map<String, Field> fields, List<String> problems) {
        Field field = fields.get("pay_amount");
        if (field == null || field.kind() == Kind.NULL) {
            return null;
        }
        boolean number = field.kind() == Kind.INTEGER || field.kind() == Kind.FRACTION
                || (field.kind() == Kind.STRING && NUMBER.matcher(field.text().strip()).matches());
        if (!number || field.text().length() > 32) {
            problems.add("pay_amount must be a number");
            return null;
        }
        return field.text().strip();
    }
}
