package com.pimpmycase.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.pimpmycase.token.Token;

/**
 * The order data object of the partner document (SPEC §4) as the API writes it: the six submitted
 * fields, {@code pic} as a complete image URL with a fresh manufacturing token, and the read-only
 * {@code pic_expires_at} (the token's expiry) and {@code created_at}. For an order on a blocked
 * image both {@code pic} and {@code pic_expires_at} are {@code null} (SPEC §10).
 */
@JsonPropertyOrder({"third_pay_id", "third_id", "mobile_model_id", "pic", "device_id", "mobile_shell_id",
    "pic_expires_at", "created_at"})
public record OrderData(
        @JsonProperty("third_pay_id") String thirdPayId,
        @JsonProperty("third_id") String thirdId,
        @JsonProperty("mobile_model_id") String mobileModelId,
        @JsonProperty("pic") String pic,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("mobile_shell_id") String mobileShellId,
        @JsonProperty("pic_expires_at") Long picExpiresAt,
        @JsonProperty("created_at") String createdAt) {

    public static OrderData of(Order order, String imageUrl, Token token) {
        OrderSubmission s = order.submission();
        return new OrderData(s.thirdPayId(), s.thirdId(), s.mobileModelId(), imageUrl, s.deviceId(),
                s.mobileShellId(), token.expiresAt(), order.createdAt().toString());
    }

    /** The order of a blocked image: no link at all. */
    public static OrderData withoutLink(Order order) {
        OrderSubmission s = order.submission();
        return new OrderData(s.thirdPayId(), s.thirdId(), s.mobileModelId(), null, s.deviceId(),
                s.mobileShellId(), null, order.createdAt().toString());
    }
}
