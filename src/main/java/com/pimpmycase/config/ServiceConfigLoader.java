package com.pimpmycase.config;

import com.pimpmycase.auth.ApiClients;
import com.pimpmycase.time.Durations;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.web.Cidr;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads and validates the JNDI entries of SPEC §7 into one record per feature. Every problem is a
 * {@link ConfigurationException} naming the entry, so a failed deployment tells the operator what
 * to fix; the typed readers at the bottom are shared by every feature.
 */
public final class ServiceConfigLoader {

    public static final String SIGNING_KEY = "pimpmycase/signingKey";
    public static final String RETIRED_SIGNING_KEYS = "pimpmycase/retiredSigningKeys";
    public static final String PARTNER_POLICIES = "pimpmycase/partnerPolicies";
    public static final String CLOCK_LEEWAY_SECONDS = "pimpmycase/clockLeewaySeconds";
    public static final String PUBLIC_BASE_URL = "pimpmycase/publicBaseUrl";
    public static final String DATA_DIRECTORY = "pimpmycase/dataDirectory";
    public static final String IMAGE_DIRECTORY = "pimpmycase/imageDirectory";
    public static final String API_CLIENTS = "pimpmycase/apiClients";
    public static final String MAX_UPLOAD_BYTES = "pimpmycase/maxUploadBytes";
    public static final String DATA_SOURCE = "jdbc/pimpmycase";
    public static final String DEVELOPMENT_MODE = "pimpmycase/developmentMode";
    public static final String METRICS_TOKEN = "pimpmycase/metricsToken";
    public static final String MANUFACTURER_BASE_URL = "pimpmycase/manufacturer/baseUrl";
    public static final String MANUFACTURER_ACCOUNT = "pimpmycase/manufacturer/account";
    public static final String MANUFACTURER_PASSWORD = "pimpmycase/manufacturer/password";
    public static final String MANUFACTURER_FIXED_KEY = "pimpmycase/manufacturer/fixedKey";
    public static final String MANUFACTURER_SYSTEM_NAME = "pimpmycase/manufacturer/systemName";
    public static final String MANUFACTURER_REQ_SOURCE = "pimpmycase/manufacturer/reqSource";
    public static final String MANUFACTURER_DELIVER_ON = "pimpmycase/manufacturer/deliverOn";
    public static final String MANUFACTURER_NOTIFY_PAID = "pimpmycase/manufacturer/notifyPaid";
    public static final String MANUFACTURER_REQUEST_TIMEOUT_SECONDS = "pimpmycase/manufacturer/requestTimeoutSeconds";
    public static final String MANUFACTURER_RETRY_BACKOFF = "pimpmycase/manufacturer/retryBackoff";
    public static final String MANUFACTURER_GIVE_UP_AFTER = "pimpmycase/manufacturer/giveUpAfter";
    public static final String MANUFACTURER_PAYMENT_FLOW = "pimpmycase/manufacturer/paymentFlow";
    public static final String MANUFACTURER_PAY_TYPE = "pimpmycase/manufacturer/payType";
    public static final String MANUFACTURER_PAY_STATUS_SETTLE = "pimpmycase/manufacturer/payStatusSettleSeconds";
    public static final String MANUFACTURER_LOGIN_RENEW_AFTER = "pimpmycase/manufacturer/loginRenewAfter";
    public static final String MANUFACTURER_RELOGIN_MESSAGES = "pimpmycase/manufacturer/reloginMessages";
    public static final String MANUFACTURER_REJECT_MESSAGES = "pimpmycase/manufacturer/rejectMessages";
    public static final String MANUFACTURER_CONFIG_MESSAGES = "pimpmycase/manufacturer/configMessages";
    public static final String MANUFACTURER_WEBHOOK_AUTH = "pimpmycase/manufacturer/webhookAuth";
    public static final String MANUFACTURER_WEBHOOK_SECRET = "pimpmycase/manufacturer/webhookSecret";
    public static final String MANUFACTURER_WEBHOOK_ALLOW_FROM = "pimpmycase/manufacturer/webhookAllowFrom";
    public static final String MANUFACTURER_WEBHOOK_TRUSTED_PROXIES = "pimpmycase/manufacturer/webhookTrustedProxies";
    /** Not in SPEC §7: background intervals, shortened by the tests (docs/OPERATIONS.md). */
    public static final String TIMINGS = "pimpmycase/timings";
    /** A scraper's token is a secret like an API key: too short to resist guessing is refused. */
    static final int MIN_METRICS_TOKEN_LENGTH = 16;

    static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    private final Settings settings;

    public ServiceConfigLoader(Settings settings) {
        this.settings = settings;
    }

    /** Every feature's configuration; the first problem found is thrown. */
    public ServiceConfig load() {
        Path dataDirectory = path(DATA_DIRECTORY, defaultDataDirectory());
        return new ServiceConfig(tokens(), images(dataDirectory), api(), database(dataDirectory), web(),
                metrics(), manufacturer(), timings());
    }

    Timings timings() {
        String text = string(TIMINGS);
        if (text == null || text.isBlank()) {
            return Timings.DEFAULTS;
        }
        try {
            return Timings.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(TIMINGS, e.getMessage());
        }
    }

    /**
     * The pimpmycase/manufacturer/* entries; {@code null} (delivery off) when {@code baseUrl} is
     * empty. The entries with defaults are checked even then: a typo must not wait to surface
     * until the day delivery is switched on.
     */
    ManufacturerConfig manufacturer() {
        ManufacturerConfig.DeliverOn deliverOn = deliverOn();
        ManufacturerConfig.PaymentFlow paymentFlow = paymentFlow(bool(MANUFACTURER_NOTIFY_PAID, true));
        long payType = nonNegativeLong(MANUFACTURER_PAY_TYPE, ManufacturerConfig.DEFAULT_PAY_TYPE);
        if (payType < 1 || payType > 99) {
            throw new ConfigurationException(MANUFACTURER_PAY_TYPE, "must be a whole number 1..99 (12 app payment, 5 vending)");
        }
        long settleSeconds = nonNegativeLong(MANUFACTURER_PAY_STATUS_SETTLE, ManufacturerConfig.DEFAULT_SETTLE.toSeconds());
        if (settleSeconds > 30) {
            throw new ConfigurationException(MANUFACTURER_PAY_STATUS_SETTLE, "must be 0..30 (was " + settleSeconds + ")");
        }
        Duration renewAfter = positiveDuration(MANUFACTURER_LOGIN_RENEW_AFTER, "1h");
        if (renewAfter.compareTo(Duration.ofHours(23)) > 0) {
            throw new ConfigurationException(MANUFACTURER_LOGIN_RENEW_AFTER,
                    "must be at most 23h: the manufacturer's login token is valid 24 h");
        }
        AnswerMessages messages = new AnswerMessages(
                messageList(MANUFACTURER_RELOGIN_MESSAGES, AnswerMessages.DEFAULT_RELOGIN),
                messageList(MANUFACTURER_REJECT_MESSAGES, AnswerMessages.DEFAULT_REJECT),
                messageList(MANUFACTURER_CONFIG_MESSAGES, AnswerMessages.DEFAULT_CONFIG));
        WebhookAuth webhookAuth = webhookAuth();
        long timeoutSeconds = nonNegativeLong(MANUFACTURER_REQUEST_TIMEOUT_SECONDS, 10);
        if (timeoutSeconds < 1) {
            throw new ConfigurationException(MANUFACTURER_REQUEST_TIMEOUT_SECONDS, "must be at least 1");
        }
        Duration[] backoff = retryBackoff();
        Duration giveUpAfter = positiveDuration(MANUFACTURER_GIVE_UP_AFTER, "72h");
        String systemName = stringOr(MANUFACTURER_SYSTEM_NAME, "mobileShell");
        String reqSource = stringOr(MANUFACTURER_REQ_SOURCE, "en");

        String baseText = string(MANUFACTURER_BASE_URL);
        if (baseText == null || baseText.isBlank()) {
            return null;
        }
        URI baseUrl = manufacturerBaseUrl(baseText);
        String publicBase = string(PUBLIC_BASE_URL);
        if (publicBase == null || publicBase.isBlank()) {
            throw new ConfigurationException(PUBLIC_BASE_URL, "is required when " + MANUFACTURER_BASE_URL
                    + " is set: orders are sent with image URLs, built without a request");
        }
        return new ManufacturerConfig(baseUrl, required(MANUFACTURER_ACCOUNT).strip(),
                required(MANUFACTURER_PASSWORD), required(MANUFACTURER_FIXED_KEY), systemName, reqSource,
                deliverOn, paymentFlow, (int) payType, Duration.ofSeconds(settleSeconds), renewAfter, messages,
                webhookAuth, Duration.ofSeconds(timeoutSeconds), backoff[0], backoff[1], giveUpAfter);
    }

    /** {@code paymentFlow}; when it is not bound, the older {@code notifyPaid=false} means {@code none}. */
    private ManufacturerConfig.PaymentFlow paymentFlow(boolean notifyPaid) {
        String text = string(MANUFACTURER_PAYMENT_FLOW);
        if (text == null || text.isBlank()) {
            return notifyPaid ? ManufacturerConfig.PaymentFlow.PAY_STATUS : ManufacturerConfig.PaymentFlow.NONE;
        }
        for (ManufacturerConfig.PaymentFlow flow : ManufacturerConfig.PaymentFlow.values()) {
            if (flow.wireName().equals(text.strip())) {
                return flow;
            }
        }
        throw new ConfigurationException(MANUFACTURER_PAYMENT_FLOW, "'" + text + "' is none of none, payStatus, payData");
    }

    /** A {@code |}-separated list; bound but empty means the empty list (matches nothing). */
    private List<String> messageList(String name, String fallback) {
        String text = string(name);
        return AnswerMessages.parse(text == null ? fallback : text);
    }

    private WebhookAuth webhookAuth() {
        String text = stringOr(MANUFACTURER_WEBHOOK_AUTH, "sign");
        java.util.EnumSet<WebhookAuth.Mode> modes = java.util.EnumSet.noneOf(WebhookAuth.Mode.class);
        for (String mode : text.split(",")) {
            switch (mode.strip()) {
                case "sign" -> modes.add(WebhookAuth.Mode.SIGN);
                case "secret" -> modes.add(WebhookAuth.Mode.SECRET);
                case "allowlist" -> modes.add(WebhookAuth.Mode.ALLOWLIST);
                default -> throw new ConfigurationException(MANUFACTURER_WEBHOOK_AUTH,
                        "'" + text + "' is not a comma-separated list of sign, secret, allowlist");
            }
        }
        List<String> secrets = webhookSecrets(modes.contains(WebhookAuth.Mode.SECRET));
        List<Cidr> allowFrom = cidrs(MANUFACTURER_WEBHOOK_ALLOW_FROM);
        if (modes.contains(WebhookAuth.Mode.ALLOWLIST) && allowFrom.isEmpty()) {
            throw new ConfigurationException(MANUFACTURER_WEBHOOK_ALLOW_FROM,
                    "is required when " + MANUFACTURER_WEBHOOK_AUTH + " lists allowlist");
        }
        return new WebhookAuth(modes, secrets, allowFrom, cidrs(MANUFACTURER_WEBHOOK_TRUSTED_PROXIES));
    }

    /** One or two secrets (rotation); the message says what is wrong, never what a secret is. */
    private List<String> webhookSecrets(boolean required) {
        String text = string(MANUFACTURER_WEBHOOK_SECRET);
        if (text == null || text.isBlank()) {
            if (required) {
                throw new ConfigurationException(MANUFACTURER_WEBHOOK_SECRET,
                        "is required when " + MANUFACTURER_WEBHOOK_AUTH + " lists secret");
            }
            return List.of();
        }
        List<String> secrets = Arrays.stream(text.split(",")).map(String::strip).toList();
        if (secrets.size() > 2) {
            throw new ConfigurationException(MANUFACTURER_WEBHOOK_SECRET, "holds " + secrets.size()
                    + " secrets; at most two (the current one and the next, while rotating)");
        }
        for (int i = 0; i < secrets.size(); i++) {
            if (!secrets.get(i).matches("[A-Za-z0-9._~-]{32,128}")) {
                throw new ConfigurationException(MANUFACTURER_WEBHOOK_SECRET, "secret #" + (i + 1)
                        + " must be 32-128 characters of A-Z a-z 0-9 . _ ~ - (was " + secrets.get(i).length()
                        + " characters)");
            }
        }
        return secrets;
    }

    private List<Cidr> cidrs(String name) {
        String text = string(name);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name, e.getMessage());
        }
    }

    private static URI manufacturerBaseUrl(String text) {
        String base = text.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            URI uri = new URI(base);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below, in the same words
        }
        throw new ConfigurationException(MANUFACTURER_BASE_URL, "'" + text
                + "' is not an absolute http(s) URL such as https://api.example.net/mobileShell/en");
    }

    private ManufacturerConfig.DeliverOn deliverOn() {
        String text = string(MANUFACTURER_DELIVER_ON);
        if (text == null || text.isBlank()) {
            return ManufacturerConfig.DeliverOn.SUBMIT;
        }
        return switch (text.strip()) {
            case "submit" -> ManufacturerConfig.DeliverOn.SUBMIT;
            case "payment" -> ManufacturerConfig.DeliverOn.PAYMENT;
            default -> throw new ConfigurationException(MANUFACTURER_DELIVER_ON,
                    "'" + text + "' is neither submit nor payment");
        };
    }

    /** {@code first..longest}, both positive, first not longer than longest. */
    private Duration[] retryBackoff() {
        String text = stringOr(MANUFACTURER_RETRY_BACKOFF, "15s..15m");
        int dots = text.indexOf("..");
        Duration first = dots < 0 ? null : Durations.parse(text.substring(0, dots));
        Duration longest = dots < 0 ? null : Durations.parse(text.substring(dots + 2));
        if (first == null || longest == null || first.isZero() || longest.isZero()) {
            throw new ConfigurationException(MANUFACTURER_RETRY_BACKOFF, "'" + text
                    + "' is not <first>..<longest> such as 15s..15m (units s, m, h, d; both above zero)");
        }
        if (first.compareTo(longest) > 0) {
            throw new ConfigurationException(MANUFACTURER_RETRY_BACKOFF, "'" + text
                    + "': the first delay is longer than the longest");
        }
        return new Duration[] {first, longest};
    }

    private Duration positiveDuration(String name, String fallback) {
        String text = stringOr(name, fallback);
        Duration duration = Durations.parse(text);
        if (duration == null || duration.isZero()) {
            throw new ConfigurationException(name, "'" + text
                    + "' is not a duration above zero such as 72h (units s, m, h, d)");
        }
        return duration;
    }

    /** A required secret or name: the message says it is missing, never what it is. */
    private String required(String name) {
        String text = string(name);
        if (text == null || text.isBlank()) {
            throw new ConfigurationException(name, "is required when " + MANUFACTURER_BASE_URL + " is set");
        }
        return text;
    }

    private String stringOr(String name, String fallback) {
        String text = string(name);
        return text == null || text.isBlank() ? fallback : text.strip();
    }

    TokenConfig tokens() {
        return new TokenConfig(signingKeys(), partnerPolicies(),
                Duration.ofSeconds(nonNegativeLong(CLOCK_LEEWAY_SECONDS, 0)));
    }

    ImageConfig images(Path dataDirectory) {
        Path imageDirectory = path(IMAGE_DIRECTORY, dataDirectory.resolve("images"));
        long maxUploadBytes = nonNegativeLong(MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES);
        if (maxUploadBytes == 0) {
            throw new ConfigurationException(MAX_UPLOAD_BYTES, "must be at least 1");
        }
        return new ImageConfig(imageDirectory, maxUploadBytes);
    }

    ApiConfig api() {
        try {
            return new ApiConfig(ApiClients.parse(string(API_CLIENTS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(API_CLIENTS, e.getMessage());
        }
    }

    DatabaseConfig database(Path dataDirectory) {
        DataSource bound = dataSource();
        return bound != null ? new DatabaseConfig.ContainerDataSource(bound) : new DatabaseConfig.EmbeddedH2(dataDirectory);
    }

    WebConfig web() {
        return new WebConfig(publicBaseUrl(), bool(DEVELOPMENT_MODE, false));
    }

    MetricsConfig metrics() {
        String text = string(METRICS_TOKEN);
        if (text == null || text.isBlank()) {
            return new MetricsConfig(null);
        }
        String token = text.strip();
        if (token.length() < MIN_METRICS_TOKEN_LENGTH || !token.chars().allMatch(c -> c > ' ' && c < 127)) {
            // The message says what is wrong, never what the token is.
            throw new ConfigurationException(METRICS_TOKEN, "must be at least " + MIN_METRICS_TOKEN_LENGTH
                    + " printable ASCII characters without spaces (was " + token.length() + " characters)");
        }
        return new MetricsConfig(token);
    }

    private DataSource dataSource() {
        Object value = settings.lookup(DATA_SOURCE);
        if (value == null || value instanceof DataSource) {
            return (DataSource) value;
        }
        throw new ConfigurationException(DATA_SOURCE, "is bound to a " + value.getClass().getName()
                + ", not a javax.sql.DataSource");
    }

    private SigningKeys signingKeys() {
        String active = string(SIGNING_KEY);
        if (active == null || active.isEmpty()) {
            throw new ConfigurationException(SIGNING_KEY, "is missing; bind an HMAC secret of at least "
                    + "32 bytes (see conf/ for Tomcat and Jetty examples)");
        }
        String retiredText = string(RETIRED_SIGNING_KEYS);
        List<String> retired = retiredText == null || retiredText.isBlank()
                ? List.of()
                : Arrays.asList(retiredText.strip().split("\\s+"));
        try {
            return SigningKeys.of(active, retired);
        } catch (SigningKeys.InvalidSigningKeyException e) {
            // The message says how long the key is, never what it is.
            if (e.retiredIndex() < 0) {
                throw new ConfigurationException(SIGNING_KEY, "the key " + e.getMessage());
            }
            throw new ConfigurationException(RETIRED_SIGNING_KEYS,
                    "retired key #" + (e.retiredIndex() + 1) + " " + e.getMessage());
        }
    }

    private PartnerPolicies partnerPolicies() {
        String text = string(PARTNER_POLICIES);
        if (text == null) {
            return PartnerPolicies.defaults();
        }
        try {
            return PartnerPolicies.withOverrides(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PARTNER_POLICIES, e.getMessage());
        }
    }

    private String publicBaseUrl() {
        String text = string(PUBLIC_BASE_URL);
        if (text == null || text.isBlank()) {
            return null;
        }
        String base = text.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            URI uri = new URI(base);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigurationException(PUBLIC_BASE_URL,
                        "'" + text + "' is not an http(s) URL such as https://pimpmycase.example.com");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(PUBLIC_BASE_URL, "'" + text + "' is not a URL: " + e.getMessage());
        }
        return base;
    }

    private static Path defaultDataDirectory() {
        String catalinaBase = System.getProperty("catalina.base");
        return catalinaBase != null
                ? Path.of(catalinaBase, "pimpmycase")
                : Path.of("pimpmycase-data").toAbsolutePath();
    }

    private Path path(String name, Path fallback) {
        String text = string(name);
        if (text == null || text.isBlank()) {
            return fallback.normalize();
        }
        try {
            return Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigurationException(name, "'" + text + "' is not a usable path");
        }
    }

    // --- typed access: operators write entries as String, Integer, Long or Boolean; all are accepted.

    String string(String name) {
        Object value = settings.lookup(name);
        return value == null ? null : value.toString();
    }

    long nonNegativeLong(String name, long fallback) {
        Object value = settings.lookup(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        long result;
        if (value instanceof Number number) {
            result = number.longValue();
        } else {
            try {
                result = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name, "'" + value + "' is not a whole number");
            }
        }
        if (result < 0) {
            throw new ConfigurationException(name, "must not be negative (was " + result + ")");
        }
        return result;
    }

    private boolean bool(String name, boolean fallback) {
        Object value = settings.lookup(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigurationException(name, "'" + value + "' is neither true nor false");
    }
}
