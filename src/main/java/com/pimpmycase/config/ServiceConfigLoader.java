package com.pimpmycase.config;

import com.pimpmycase.auth.ApiClients;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
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
                metrics(), manufacturer());
    }

    /** The pimpmycase/manufacturer/* entries; {@code null} (delivery off) until they are read. */
    ManufacturerConfig manufacturer() {
        return null;
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
        return new WebConfig(publicBaseUrl(), bool(DEVELOPMENT_MODE));
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

    private boolean bool(String name) {
        Object value = settings.lookup(name);
        if (value == null) {
            return false;
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
