package com.pimpmycase.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An order's delivery to the manufacturer as SPEC §9 shows it (in the delivery list and in §11's
 * order view). Times are ISO-8601 UTC text or {@code null}; {@code picExpiresAt} is the
 * {@code exp} of the link handed over (Unix seconds) or {@code null}; {@code manufacturerPaymentId} the
 * payData answer's id or {@code null}.
 */
@JsonPropertyOrder({"state", "attempts", "last_attempt_at", "next_attempt_at", "last_error", "delivered_at",
    "manufacturer_order_id", "queue_no", "manufacturer_status", "manufacturer_status_at", "pic_expires_at",
    "manufacturer_payment_id"})
public record DeliveryRecord(
        @JsonProperty("state") String state,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("last_attempt_at") String lastAttemptAt,
        @JsonProperty("next_attempt_at") String nextAttemptAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("delivered_at") String deliveredAt,
        @JsonProperty("manufacturer_order_id") String manufacturerOrderId,
        @JsonProperty("queue_no") String queueNo,
        @JsonProperty("manufacturer_status") Integer manufacturerStatus,
        @JsonProperty("manufacturer_status_at") String manufacturerStatusAt,
        @JsonProperty("pic_expires_at") Long picExpiresAt,
        @JsonProperty("manufacturer_payment_id") String manufacturerPaymentId) {

    /** The record of an order that is not delivered by this service (delivery off). */
    public static final DeliveryRecord OFF =
            new DeliveryRecord("off", 0, null, null, null, null, null, null, null, null, null, null);
}
