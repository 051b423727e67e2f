package com.pimpmycase.order;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The amount an order was paid (SPEC §4 {@code pay_amount}): a JSON number above 0 and at most
 * 100000, written with at most 2 digits after the point and without an exponent. Held with scale
 * 2, so {@code 35}, {@code 35.0} and {@code 35.00} are the same amount; written as the
 * manufacturer's own client writes numbers: the shortest decimal with at least one digit after the
 * point ({@code 35.0}, {@code 19.99}).
 *
 * <p>Judged on the number's text as sent ({@link #parse}), not on what a JSON parser made of it: a
 * double has lost both the exponent ({@code 1e2} is {@code 100.0}) and digits beyond its precision
 * ({@code 19.990000000000001} is {@code 19.99}).
 */
public final class PayAmount {

    static final BigDecimal MAX = BigDecimal.valueOf(100000);
    static final int MAX_PLACES = 2;
    /** A JSON number (RFC 8259 §6): sign, integer part, fraction, exponent. */
    private static final Pattern JSON_NUMBER = Pattern.compile("(-?)(0|[1-9][0-9]*)(?:\\.([0-9]+))?([eE][+-]?[0-9]+)?");

    private PayAmount() {
    }

    /** Why a JSON number is not an amount: a §3 type, a plain-words message and its {@code ctx}. */
    static final class Invalid extends Exception {
        private final String type;
        private final transient Map<String, Object> ctx;

        Invalid(String type, String message, Map<String, Object> ctx) {
            super(message, null, false, false);
            this.type = type;
            this.ctx = ctx;
        }

        String type() {
            return type;
        }

        Map<String, Object> ctx() {
            return ctx;
        }
    }

    /**
     * The amount, scale 2, of a JSON number written as {@code text} (exactly as it was in the body).
     *
     * @throws Invalid {@code decimal_parsing} for an exponent (or text that is no JSON number),
     *     {@code decimal_max_places}, {@code greater_than} (not above 0), {@code less_than_equal}
     */
    static BigDecimal parse(String text) throws Invalid {
        Matcher m = text == null ? null : JSON_NUMBER.matcher(text);
        if (m == null || !m.matches()) {
            throw new Invalid("decimal_parsing", "Input should be a JSON number such as 35.0", null);
        }
        if (m.group(4) != null) {
            throw new Invalid("decimal_parsing",
                    "Input should be written without an exponent: 100.0, not 1e2", null);
        }
        String fraction = m.group(3);
        if (fraction != null && fraction.length() > MAX_PLACES) {
            throw new Invalid("decimal_max_places", "Decimal input should have no more than " + MAX_PLACES
                    + " digits after the point", Map.of("decimal_places", MAX_PLACES));
        }
        BigDecimal amount = new BigDecimal(text).setScale(MAX_PLACES);
        if (amount.signum() <= 0) {
            throw new Invalid("greater_than", "Input should be greater than 0", Map.of("gt", 0));
        }
        if (amount.compareTo(MAX) > 0) {
            throw new Invalid("less_than_equal", "Input should be less than or equal to 100000", Map.of("le", MAX));
        }
        return amount;
    }

    /** {@code 35.0}, {@code 19.99}, {@code 0.5}: the text the manufacturer's client writes (and signs). */
    public static String wireText(BigDecimal amount) {
        return forWire(amount).toPlainString();
    }

    /** The amount with the scale that writes as {@link #wireText}: for a JSON number node. */
    public static BigDecimal forWire(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }
}
