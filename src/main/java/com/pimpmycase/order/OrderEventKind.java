package com.pimpmycase.order;

/** The kinds of order events of SPEC §11, with their wire names. */
public enum OrderEventKind {
    STORED("stored"),
    PAYMENT_STATUS("payment_status"),
    DELIVERY_ATTEMPT("delivery_attempt"),
    DELIVERED("delivered"),
    REJECTED("rejected"),
    FAILED("failed"),
    DELIVERY_RETRY("delivery_retry"),
    MANUFACTURER_STATUS("manufacturer_status"),
    LINK_REVOKED("link_revoked"),
    IMAGE_BLOCKED("image_blocked"),
    IMAGE_UNBLOCKED("image_unblocked"),
    FIRST_DOWNLOAD("first_download");

    private final String wireName;

    OrderEventKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name, or {@code null}. */
    public static OrderEventKind of(String wireName) {
        for (OrderEventKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        return null;
    }
}
