package com.pimpmycase.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The amount an order was paid (SPEC §4 {@code pay_amount}): a decimal above 0 and at most
 * 100000 with at most 2 digits after the point. Held with scale 2, so {@code 35} and {@code 35.0}
 * are the same amount; written as the manufacturer's own client writes numbers: the shortest
 * decimal with at least one digit after the point ({@code 35.0}, {@code 19.99}).
 */
public final class PayAmount {

    static final BigDecimal MAX = BigDecimal.valueOf(100000);

    private PayAmount() {
    }

    /**
     * The amount of a JSON number node, or {@code null} when it is not a usable amount. The text of
     * a JSON number is gone once parsed; a double's shortest representation is what it was written
     * as for every amount with 2 decimals.
     */
    static BigDecimal of(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return null;
        }
        BigDecimal amount;
        if (value.isIntegralNumber()) {
            amount = new BigDecimal(value.bigIntegerValue());
        } else if (value.isBigDecimal()) {
            amount = value.decimalValue();
        } else {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                return null;
            }
            amount = BigDecimal.valueOf(d);
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX) > 0 || amount.stripTrailingZeros().scale() > 2) {
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
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
