package com.pimpmycase.config;

/**
 * Everything the service reads from JNDI (SPEC §7), one validated record per feature, built once
 * at startup by {@link ServiceConfigLoader}. {@code manufacturer} is {@code null} when delivery is off. A new feature (deliveries, metrics) adds its record
 * here and one method to the loader.
 */
public record ServiceConfig(
        TokenConfig tokens,
        ImageConfig images,
        ApiConfig api,
        DatabaseConfig database,
        WebConfig web,
        MetricsConfig metrics,
        ManufacturerConfig manufacturer,
        Timings timings) {

    /** Whether orders are delivered to the manufacturer's API (§9); off when {@code baseUrl} is empty. */
    public boolean deliveryConfigured() {
        return manufacturer != null;
    }
}
