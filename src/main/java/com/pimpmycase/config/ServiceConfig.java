package com.pimpmycase.config;

/**
 * Everything the service reads from JNDI (SPEC §7), one validated record per feature, built once
 * at startup by {@link ServiceConfigLoader}. A new feature (deliveries, metrics) adds its record
 * here and one method to the loader.
 */
public record ServiceConfig(
        TokenConfig tokens,
        ImageConfig images,
        ApiConfig api,
        DatabaseConfig database,
        WebConfig web,
        MetricsConfig metrics) {
}
