package com.pimpmycase.auth;

import com.pimpmycase.metrics.MetricsAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The configured API clients ({@code pimpmycase/apiClients}: whitespace- or comma-separated
 * {@code name:role:secret}, the secret plain or {@code sha256:<hex>}) and the key lookup.
 */
public final class ApiClients {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String SHA256_PREFIX = "sha256:";

    private final List<ApiClient> clients;

    private ApiClients(List<ApiClient> clients) {
        this.clients = List.copyOf(clients);
    }

    public static ApiClients none() {
        return new ApiClients(List.of());
    }

    /** @throws IllegalArgumentException naming the item that does not parse (never its secret) */
    public static ApiClients parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        List<ApiClient> clients = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int position = 0;
        for (String item : text.strip().split("[\\s,]+")) {
            position++;
            String[] parts = item.split(":", 3);
            if (parts.length < 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException("client #" + position + " is not name:role:secret");
            }
            String name = parts[0];
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("client #" + position + " has an invalid name");
            }
            ApiRole role = ApiRole.named(parts[1]);
            if (role == null) {
                throw new IllegalArgumentException("client '" + name + "' has unknown role '" + parts[1]
                        + "' (shop, manufacturer or admin)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("client '" + name + "' is given twice");
            }
            clients.add(new ApiClient(name, role, digestOf(name, parts[2])));
        }
        return new ApiClients(clients);
    }

    private static byte[] digestOf(String name, String secret) {
        if (secret.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            String hex = secret.substring(SHA256_PREFIX.length());
            try {
                if (hex.length() == 64) {
                    return Hex.decodeHex(hex);
                }
            } catch (DecoderException e) {
                // reported below
            }
            throw new IllegalArgumentException("client '" + name + "': sha256: must be followed by 64 hex digits");
        }
        return DigestUtils.sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Who may read /metrics by API key (SPEC §11): admin keys; other clients' keys are known but forbidden. */
    public MetricsAccess.ApiKeys metricsKeys() {
        return key -> {
            ApiClient client = authenticate(key);
            if (client == null) {
                return MetricsAccess.Decision.UNAUTHENTICATED;
            }
            return client.role() == ApiRole.ADMIN ? MetricsAccess.Decision.ALLOWED : MetricsAccess.Decision.FORBIDDEN;
        };
    }

    /**
     * The client holding {@code key}, or {@code null}. Every configured digest is compared, in
     * constant time, so the answer's timing does not tell which client (if any) came close.
     */
    public ApiClient authenticate(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        byte[] digest = DigestUtils.sha256(key.getBytes(StandardCharsets.UTF_8));
        ApiClient found = null;
        for (ApiClient client : clients) {
            if (MessageDigest.isEqual(client.keyDigest(), digest)) {
                found = client;
            }
        }
        return found;
    }

    public int size() {
        return clients.size();
    }
}
