package com.pimpmycase.config;

/**
 * Who may read {@code /metrics} besides admin API keys (SPEC §7, §11).
 *
 * @param metricsToken a Bearer token for the Prometheus scraper; {@code null} when none is configured
 */
public record MetricsConfig(String metricsToken) {

    /** Never the token itself: configuration records end up in log lines. */
    @Override
    public String toString() {
        return "MetricsConfig[metricsToken=" + (metricsToken == null ? "none" : "set") + "]";
    }
}
