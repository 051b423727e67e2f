package com.pimpmycase.config;

import java.net.URI;
import java.time.Duration;

/**
 * Delivery to the manufacturer's API (SPEC §7 {@code pimpmycase/manufacturer/*}, §9). Absent
 * ({@code ServiceConfig.manufacturer() == null}) when {@code baseUrl} is empty: delivery is off.
 */
public record ManufacturerConfig(
        URI baseUrl,
        String account,
        String password,
        String fixedKey,
        String systemName,
        String reqSource,
        DeliverOn deliverOn,
        boolean notifyPaid,
        Duration requestTimeout,
        Duration retryFirst,
        Duration retryLongest,
        Duration giveUpAfter) {

    /** When a delivery starts (§9). */
    public enum DeliverOn { SUBMIT, PAYMENT }

    /** Never the password or the fixed key: configuration records end up in log lines. */
    @Override
    public String toString() {
        return "ManufacturerConfig[baseUrl=" + baseUrl + ", account=" + account + ", systemName=" + systemName
                + ", reqSource=" + reqSource + ", deliverOn=" + deliverOn + ", notifyPaid=" + notifyPaid
                + ", requestTimeout=" + requestTimeout + ", retryBackoff=" + retryFirst + ".." + retryLongest
                + ", giveUpAfter=" + giveUpAfter + "]";
    }
}
