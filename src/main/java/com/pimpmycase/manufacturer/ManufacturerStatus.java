package com.pimpmycase.manufacturer;

/** What the manufacturer's order status codes mean (SPEC §9), for people: "12 (printed)". */
public final class ManufacturerStatus {

    private static final String[] MEANINGS = {null, "waiting for payment", "cancelled", "paying", "paid",
        "payment failed", "refunding", "refunded", "waiting for printing", "picking up", "pickup completed",
        "printing", "printed", "printing failed", "printing cancelled", "shipping", "shipping completed"};

    private ManufacturerStatus() {
    }

    /** The meaning of {@code status}, or {@code null} for a code outside 1..16. */
    public static String meaning(int status) {
        return status >= 1 && status < MEANINGS.length ? MEANINGS[status] : null;
    }

    /** {@code 12 (printed)}; the bare number for a code outside 1..16; {@code null} for {@code null}. */
    public static String describe(Integer status) {
        if (status == null) {
            return null;
        }
        String meaning = meaning(status);
        return meaning == null ? String.valueOf(status) : status + " (" + meaning + ")";
    }
}
