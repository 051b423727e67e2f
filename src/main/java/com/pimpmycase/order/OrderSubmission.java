package com.pimpmycase.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a shop submits, already validated: five ids and the stored image's filename ({@code pic}
 * reduced to its last path segment), and optionally what was paid ({@code payAmount}, scale 2, see
 * {@link PayAmount}; {@code payType}) for the manufacturer's {@code payData} (SPEC §4, §9). Two
 * submissions are "the identical order" when they are equal: {@code payAmount} is held with scale 2
 * whatever it was built from, so {@code 35} and {@code 35.00} are equal; {@code null} (not given)
 * equals only {@code null}.
 */
public record OrderSubmission(
        String thirdPayId,
        String thirdId,
        String mobileModelId,
        String pic,
        String deviceId,
        String mobileShellId,
        BigDecimal payAmount,
        Integer payType) {

    /** @throws ArithmeticException for an amount with more than 2 digits after the point */
    public OrderSubmission {
        if (payAmount != null) {
            payAmount = payAmount.setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    /** An order without payment details. */
    public OrderSubmission(String thirdPayId, String thirdId, String mobileModelId, String pic, String deviceId,
            String mobileShellId) {
        this(thirdPayId, thirdId, mobileModelId, pic, deviceId, mobileShellId, null, null);
    }
}
