package com.pimpmycase.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigLoaderTest {

    static final String KEY = "config-test-signing-key-0123456789abcd";

    private final Map<String, Object> entries = new HashMap<>(Map.of(ServiceConfigLoader.SIGNING_KEY, KEY));

    private ServiceConfig load() {
        return new ServiceConfigLoader(entries::get).load();
    }

    private ConfigurationException failure() {
        return assertThrows(ConfigurationException.class, this::load);
    }

    @Test
    void defaultsWithOnlyTheKey() {
        ServiceConfig config = load();
        assertEquals(Duration.ZERO, config.tokens().clockLeeway());
        assertNull(config.web().publicBaseUrl());
        Path dataDirectory = ((DatabaseConfig.EmbeddedH2) config.database()).directory();
        assertEquals(dataDirectory.resolve("images"), config.images().imageDirectory());
        assertEquals(Duration.ofHours(4), config.tokens().partnerPolicies().find("end_user").maxLifetime());
        assertEquals(0, config.tokens().signingKeys().retiredCount());
        assertFalse(config.web().developmentMode());
    }

    @Test
    void missingOrShortKeyNamesTheEntryButNeverTheKey() {
        entries.remove(ServiceConfigLoader.SIGNING_KEY);
        assertEquals(ServiceConfigLoader.SIGNING_KEY, failure().entry());
        assertTrue(failure().getMessage().contains("java:comp/env/pimpmycase/signingKey"));

        entries.put(ServiceConfigLoader.SIGNING_KEY, "short-secret-31-bytes-long-xxxx");
        ConfigurationException e = failure();
        assertEquals(ServiceConfigLoader.SIGNING_KEY, e.entry());
        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret"), e.getMessage());

        entries.put(ServiceConfigLoader.SIGNING_KEY, "é".repeat(16)); // 16 chars, 32 UTF-8 bytes
        load();
    }

    @Test
    void retiredKeysAreWhitespaceSeparatedAndCheckedToo() {
        entries.put(ServiceConfigLoader.RETIRED_SIGNING_KEYS, "\n  " + KEY + "-old1 \t" + KEY + "-old2\n");
        assertEquals(2, load().tokens().signingKeys().retiredCount());

        entries.put(ServiceConfigLoader.RETIRED_SIGNING_KEYS, KEY + " tooshort");
        ConfigurationException e = failure();
        assertEquals(ServiceConfigLoader.RETIRED_SIGNING_KEYS, e.entry());
        assertTrue(e.getMessage().contains("#2"), e.getMessage());
    }

    @Test
    void policiesThatDoNotParseNameTheEntry() {
        entries.put(ServiceConfigLoader.PARTNER_POLICIES, "end_user=1h/4h, chinese_manufacturing=forever");
        ConfigurationException e = failure();
        assertEquals(ServiceConfigLoader.PARTNER_POLICIES, e.entry());
        assertTrue(e.getMessage().contains("chinese_manufacturing=forever"), e.getMessage());

        entries.put(ServiceConfigLoader.PARTNER_POLICIES, "end_user=5m/10m");
        assertEquals(Duration.ofMinutes(10), load().tokens().partnerPolicies().find("end_user").maxLifetime());
    }

    @Test
    void leewayAsIntegerOrTextButNeverNegativeOrWords() {
        entries.put(ServiceConfigLoader.CLOCK_LEEWAY_SECONDS, 30);
        assertEquals(Duration.ofSeconds(30), load().tokens().clockLeeway());
        entries.put(ServiceConfigLoader.CLOCK_LEEWAY_SECONDS, " 45 ");
        assertEquals(Duration.ofSeconds(45), load().tokens().clockLeeway());
        entries.put(ServiceConfigLoader.CLOCK_LEEWAY_SECONDS, -1);
        assertEquals(ServiceConfigLoader.CLOCK_LEEWAY_SECONDS, failure().entry());
        entries.put(ServiceConfigLoader.CLOCK_LEEWAY_SECONDS, "ten");
        assertEquals(ServiceConfigLoader.CLOCK_LEEWAY_SECONDS, failure().entry());
    }

    @Test
    void publicBaseUrlMayHaveAPathButMustBeHttp() {
        entries.put(ServiceConfigLoader.PUBLIC_BASE_URL, "https://shop.example.com/cases/");
        assertEquals("https://shop.example.com/cases", load().web().publicBaseUrl());
        for (String bad : new String[] {"shop.example.com", "ftp://x.example.com", "https://x.example.com/?a=b", "http://"}) {
            entries.put(ServiceConfigLoader.PUBLIC_BASE_URL, bad);
            assertEquals(ServiceConfigLoader.PUBLIC_BASE_URL, failure().entry(), bad);
        }
    }

    @Test
    void directoriesFollowTheDataDirectory() {
        entries.put(ServiceConfigLoader.DATA_DIRECTORY, "/srv/pimpmycase/");
        assertEquals(Path.of("/srv/pimpmycase/images"), load().images().imageDirectory());
        entries.put(ServiceConfigLoader.IMAGE_DIRECTORY, "/mnt/shared/images");
        assertEquals(Path.of("/mnt/shared/images"), load().images().imageDirectory());
    }

    @Test
    void developmentModeOnlyWhenSaidPlainly() {
        entries.put(ServiceConfigLoader.DEVELOPMENT_MODE, Boolean.TRUE);
        assertTrue(load().web().developmentMode());
        entries.put(ServiceConfigLoader.DEVELOPMENT_MODE, "yes");
        assertEquals(ServiceConfigLoader.DEVELOPMENT_MODE, failure().entry());
    }

    @Test
    void metricsTokenIsOptionalAndNeverInAMessage() {
        assertNull(load().metrics().metricsToken());
        entries.put(ServiceConfigLoader.METRICS_TOKEN, "  ");
        assertNull(load().metrics().metricsToken());

        entries.put(ServiceConfigLoader.METRICS_TOKEN, " prometheus-scrape-token-0123 ");
        MetricsConfig metrics = load().metrics();
        assertEquals("prometheus-scrape-token-0123", metrics.metricsToken());
        assertFalse(metrics.toString().contains("prometheus-scrape"), metrics.toString());

        for (String bad : new String[] {"short-token", "has a space inside-it", "tab\tinside-the-token-1234"}) {
            entries.put(ServiceConfigLoader.METRICS_TOKEN, bad);
            ConfigurationException e = failure();
            assertEquals(ServiceConfigLoader.METRICS_TOKEN, e.entry());
            assertFalse(e.getMessage().contains(bad.substring(0, 5)), e.getMessage());
        }
    }
}
