package com.pimpmycase.manufacturer;

/** The manufacturer's payment status codes (SPEC §9 {@code payStatus}): their one home. */
public final class PaymentStatus {

    public static final int PENDING = 1;
    public static final int PROCESSING = 2;
    public static final int PAID = 3;

    private static final String[] NAMES = {null, "pending", "processing", "paid", "failed", "abnormal"};

    private PaymentStatus() {
    }

    /** {@code paid} for 3; {@code null} outside 1..5. */
    public static String name(int status) {
        return status >= 1 && status < NAMES.length ? NAMES[status] : null;
    }
}
