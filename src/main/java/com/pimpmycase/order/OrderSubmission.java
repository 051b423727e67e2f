package com.pimpmycase.order;

import java.math.BigDecimal;

/**
 * What a shop submits, already validated: five ids and the stored image's filename ({@code pic}
 * reduced to its last path segment), and optionally what was paid ({@code payAmount}, scale 2, see
 * {@link PayAmount}; {@code payType}) for the manufacturer's {@code payData} (SPEC §4, §9). Two
 * submissions are "the identical order" when they are equal.
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

    /** An order without payment details. */
    public OrderSubmission(String thirdPayId, String thirdId, String mobileModelId, String pic, String deviceId,
            String mobileShellId) {
        this(thirdPayId, thirdId, mobileModelId, pic, deviceId, mobileShellId, null, null);
    }
}
