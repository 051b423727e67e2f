package com.pimpmycase.order;

/**
 * What a shop submits, already validated: five ids and the stored image's filename ({@code pic}
 * reduced to its last path segment). Two submissions are "the identical order" when they are equal.
 */
public record OrderSubmission(
        String thirdPayId,
        String thirdId,
        String mobileModelId,
        String pic,
        String deviceId,
        String mobileShellId) {
}
