package com.pimpmycase.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    // --- pimpmycase/manufacturer/* (SPEC §7, §9)

    static final String M = "pimpmycase/manufacturer/";
    static final String PASSWORD = "factory-pa55word-secret";
    static final String FIXED_KEY = "fixed-key-secret-9d1e";

    private void deliveryOn() {
        entries.put(ServiceConfigLoader.PUBLIC_BASE_URL, "https://cases.example.com");
        entries.put(M + "baseUrl", "https://api.example.net/mobileShell/en/");
        entries.put(M + "account", " acc-factory ");
        entries.put(M + "password", PASSWORD);
        entries.put(M + "fixedKey", FIXED_KEY);
    }

    @Test
    void deliveryIsOffWithoutABaseUrl() {
        assertNull(load().manufacturer());
        assertFalse(load().deliveryConfigured());
        entries.put(M + "baseUrl", "  ");
        entries.put(M + "account", "acc"); // the rest alone does not switch it on
        assertNull(load().manufacturer());
    }

    @Test
    void defaultsOnceABaseUrlIsSet() {
        deliveryOn();
        ManufacturerConfig m = load().manufacturer();
        assertEquals(URI.create("https://api.example.net/mobileShell/en"), m.baseUrl());
        assertEquals("acc-factory", m.account());
        assertEquals(PASSWORD, m.password());
        assertEquals(FIXED_KEY, m.fixedKey());
        assertEquals("mobileShell", m.systemName());
        assertEquals("en", m.reqSource());
        assertEquals(ManufacturerConfig.DeliverOn.SUBMIT, m.deliverOn());
        assertEquals(ManufacturerConfig.PaymentFlow.PAY_STATUS, m.paymentFlow());
        assertEquals(Duration.ofSeconds(10), m.requestTimeout());
        assertEquals(Duration.ofSeconds(15), m.retryFirst());
        assertEquals(Duration.ofMinutes(15), m.retryLongest());
        assertEquals(Duration.ofHours(72), m.giveUpAfter());
        assertFalse(m.toString().contains(PASSWORD), m.toString());
        assertFalse(m.toString().contains(FIXED_KEY), m.toString());
    }

    @Test
    void theProductionManufacturersEntries() {
        deliveryOn();
        ManufacturerConfig m = load().manufacturer();
        assertEquals(12, m.payType());
        assertEquals(Duration.ofSeconds(3), m.payStatusSettle());
        assertEquals(Duration.ofHours(1), m.loginRenewAfter());
        assertEquals(AnswerMessages.defaults(), m.messages());
        assertEquals(WebhookAuth.signOnly(), m.webhookAuth());

        entries.put(M + "paymentFlow", "payData");
        entries.put(M + "notifyPaid", "false"); // paymentFlow wins when both are bound
        entries.put(M + "payType", 5);
        entries.put(M + "payStatusSettleSeconds", "0");
        entries.put(M + "loginRenewAfter", "23h");
        entries.put(M + "reloginMessages", "");
        entries.put(M + "rejectMessages", " Device Gone | |invalid ");
        entries.put(M + "webhookAuth", "sign, secret,allowlist");
        String secretA = "A".repeat(32);
        String secretB = "b._~-".repeat(10);
        entries.put(M + "webhookSecret", secretA + " , " + secretB);
        entries.put(M + "webhookAllowFrom", "203.0.113.0/24, 2001:db8::/32, 198.51.100.7");
        entries.put(M + "webhookTrustedProxies", "10.0.0.0/8");
        m = load().manufacturer();
        assertEquals(ManufacturerConfig.PaymentFlow.PAY_DATA, m.paymentFlow());
        assertTrue(m.requiresPayAmount());
        assertEquals(5, m.payType());
        assertEquals(Duration.ZERO, m.payStatusSettle());
        assertEquals(Duration.ofHours(23), m.loginRenewAfter());
        assertEquals(List.of(), m.messages().relogin(), "bound but empty: matches nothing");
        assertEquals(List.of("device gone", "invalid"), m.messages().reject());
        assertEquals(AnswerMessages.defaults().config(), m.messages().config());
        assertEquals(List.of(secretA, secretB), m.webhookAuth().secrets());
        assertTrue(m.webhookAuth().allows(WebhookAuth.Mode.ALLOWLIST));
        assertTrue(m.webhookAuth().allowFrom().get(0).contains("203.0.113.99"));
        assertTrue(m.webhookAuth().allowFrom().get(1).contains("2001:db8:1::5"));
        assertTrue(m.webhookAuth().allowFrom().get(2).contains("::ffff:198.51.100.7"));
        assertFalse(m.webhookAuth().allowFrom().get(2).contains("198.51.100.8"));
        assertTrue(m.webhookAuth().trustedProxies().get(0).contains("10.1.2.3"));
        assertFalse(m.toString().contains(secretA), m.toString());
        assertFalse(m.toString().contains(secretB), m.toString());

        entries.put(M + "deliverOn", "payment");
        assertFalse(load().manufacturer().requiresPayAmount(), "payment mode sends no payment steps");
    }

    @Test
    void everyEntryAsOperatorsWriteIt() {
        deliveryOn();
        entries.put(M + "baseUrl", "http://127.0.0.1:18080");
        entries.put(M + "systemName", "otherSystem");
        entries.put(M + "reqSource", "cn");
        entries.put(M + "deliverOn", " payment ");
        entries.put(M + "notifyPaid", Boolean.FALSE);
        entries.put(M + "requestTimeoutSeconds", 3);
        entries.put(M + "retryBackoff", "1s..2h");
        entries.put(M + "giveUpAfter", "2d");
        ManufacturerConfig m = load().manufacturer();
        assertEquals(URI.create("http://127.0.0.1:18080"), m.baseUrl());
        assertEquals("otherSystem", m.systemName());
        assertEquals("cn", m.reqSource());
        assertEquals(ManufacturerConfig.DeliverOn.PAYMENT, m.deliverOn());
        assertEquals(ManufacturerConfig.PaymentFlow.NONE, m.paymentFlow());
        assertEquals(Duration.ofSeconds(3), m.requestTimeout());
        assertEquals(Duration.ofSeconds(1), m.retryFirst());
        assertEquals(Duration.ofHours(2), m.retryLongest());
        assertEquals(Duration.ofDays(2), m.giveUpAfter());

        entries.put(M + "notifyPaid", "false");
        entries.put(M + "requestTimeoutSeconds", "25");
        entries.put(M + "retryBackoff", "30s..30s");
        assertEquals(ManufacturerConfig.PaymentFlow.NONE, load().manufacturer().paymentFlow());
        assertEquals(Duration.ofSeconds(25), load().manufacturer().requestTimeout());
        assertEquals(Duration.ofSeconds(30), load().manufacturer().retryLongest());
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            baseUrl               | api.example.net/mobileShell
            baseUrl               | ftp://api.example.net/
            baseUrl               | https://
            baseUrl               | https://api.example.net/?a=b
            baseUrl               | https://user:pw@api.example.net/
            baseUrl               | https://api example.net/
            deliverOn             | always
            deliverOn             | SUBMITTED
            notifyPaid            | yes
            requestTimeoutSeconds | 0
            requestTimeoutSeconds | -5
            requestTimeoutSeconds | ten
            retryBackoff          | 15s
            retryBackoff          | 15m..15s
            retryBackoff          | 0s..15m
            retryBackoff          | 15s..
            retryBackoff          | 15x..15m
            retryBackoff          | 15s...15m
            retryBackoff          | 15s..15m..1h
            giveUpAfter           | 0h
            giveUpAfter           | forever
            giveUpAfter           | -1h
            giveUpAfter           | 72
            paymentFlow           | paydata
            paymentFlow           | stripe
            payType               | 0
            payType               | 100
            payType               | twelve
            payStatusSettleSeconds | 31
            payStatusSettleSeconds | -1
            loginRenewAfter       | 24h
            loginRenewAfter       | 0m
            loginRenewAfter       | soon
            webhookAuth           | hmac
            webhookAuth           | sign;secret
            webhookAuth           | secret
            webhookAuth           | allowlist
            webhookSecret         | too-short
            webhookSecret         | 0123456789abcdef0123456789abcdef!
            webhookSecret         | 0123456789abcdef0123456789abcdef,0123456789abcdef0123456789abcdeg,0123456789abcdef0123456789abcdeh
            webhookAllowFrom      | 203.0.113.0/33
            webhookAllowFrom      | example.net
            webhookTrustedProxies | 10.0.0.0/8;
            webhookTrustedProxies | 2001:db8::/129
            """)
    void aBadValueNamesItsEntry(String entry, String value) {
        deliveryOn();
        entries.put(M + entry, value);
        if (value.equals("secret") || value.equals("allowlist")) {
            entry = value.equals("secret") ? "webhookSecret" : "webhookAllowFrom"; // required with that mode
        }
        ConfigurationException e = failure();
        assertEquals(M + entry, e.entry(), e.getMessage());
        assertTrue(e.getMessage().startsWith("java:comp/env/" + M + entry + ": "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"deliverOn, sometimes", "notifyPaid, maybe", "requestTimeoutSeconds, 0", "retryBackoff, 1h..1m",
        "giveUpAfter, never"})
    void aBadValueFailsEvenWhileDeliveryIsOff(String entry, String value) {
        entries.put(M + entry, value);
        assertEquals(M + entry, failure().entry());
    }

    @ParameterizedTest
    @CsvSource({"account", "password", "fixedKey"})
    void aBaseUrlNeedsTheCredentials(String entry) {
        deliveryOn();
        entries.remove(M + entry);
        assertEquals(M + entry, failure().entry());
        entries.put(M + entry, " ");
        assertEquals(M + entry, failure().entry());
    }

    @Test
    void aBaseUrlNeedsThePublicBaseUrl() {
        deliveryOn();
        entries.remove(ServiceConfigLoader.PUBLIC_BASE_URL);
        ConfigurationException e = failure();
        assertEquals(ServiceConfigLoader.PUBLIC_BASE_URL, e.entry());
        assertTrue(e.getMessage().contains(M + "baseUrl"), e.getMessage());
    }

    @Test
    void noMessageEverContainsTheSecrets() {
        deliveryOn();
        for (String entry : new String[] {"deliverOn", "retryBackoff", "giveUpAfter", "requestTimeoutSeconds"}) {
            entries.put(M + entry, "bad-value");
            ConfigurationException e = failure();
            assertFalse(e.getMessage().contains(PASSWORD) || e.getMessage().contains(FIXED_KEY), e.getMessage());
            entries.remove(M + entry);
        }
    }
}
