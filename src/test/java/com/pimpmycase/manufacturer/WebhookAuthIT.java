package com.pimpmycase.manufacturer;

import com.pimpmycase.lifecycle.Lifecycle;
import static com.pimpmycase.manufacturer.WebhookIT.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.CapturedLog;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code secret} mode, and {@code sign,allowlist} seen from a peer that is no trusted proxy
 * (SPEC §9), over HTTP against the WAR in embedded Jetty. The allowlist behind a trusted proxy
 * and form bodies depend on the container: {@link WebhookServersIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookAuthIT {

    static final String S1 = "rotation-old-secret-0123456789abcdefghij";
    static final String S2 = "rotation-new-secret.0123456789~abcdefghi";
    static final String PAY = WebhookIT.PAY;
    static final String UPDATE = WebhookIT.UPDATE;
    static final String IMAGE = WebhookIT.IMAGE;

    ManufacturerSimulator simulator;
    DeployedWar secret;
    DeployedWar signOrAllowlist;

    @BeforeAll
    void deploy() throws Exception {
        simulator = ManufacturerSimulator.started("acc-factory", "pa55-word-webhook", WebhookIT.FIXED_KEY,
                WebhookIT.SYSTEM);
        Map<String, Object> entries = entries("secret");
        entries.put("pimpmycase/manufacturer/webhookAuth", "secret");
        entries.put("pimpmycase/manufacturer/webhookSecret", S1 + ", " + S2);
        secret = DeployedWar.start(entries);
        store(secret, "ORAUTH1");

        Map<String, Object> behind = entries("allowlist");
        behind.put("pimpmycase/manufacturer/webhookAuth", "sign,allowlist");
        behind.put("pimpmycase/manufacturer/webhookAllowFrom", "203.0.113.0/24");
        behind.put("pimpmycase/manufacturer/webhookTrustedProxies", "10.0.0.0/8"); // not the test's 127.0.0.1
        signOrAllowlist = DeployedWar.start(behind);
        store(signOrAllowlist, "ORAUTH1");
    }

    Map<String, Object> entries(String name) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-webhook-" + name));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com");
        entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
        entries.put("pimpmycase/manufacturer/account", "acc-factory");
        entries.put("pimpmycase/manufacturer/password", "pa55-word-webhook");
        entries.put("pimpmycase/manufacturer/fixedKey", WebhookIT.FIXED_KEY);
        entries.put("pimpmycase/manufacturer/deliverOn", "payment");
        return entries;
    }

    static void store(DeployedWar war, String thirdId) throws Exception {
        war.storeImage(IMAGE, TestImages.png(90, 180));
        HttpResponse<byte[]> stored = new ApiCaller(war).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PY" + thirdId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                        + "\"pic\":\"" + IMAGE + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), ApiCaller.text(stored));
    }

    @AfterAll
    void undeploy() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {secret, signOrAllowlist, simulator}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    static HttpResponse<byte[]> call(DeployedWar war, String pathAndQuery, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri(pathAndQuery))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return war.send(request);
    }

    static final String PAID = "{\"third_id\":\"PYORAUTH1\",\"status\":3}";

    // --- secret

    @Test
    void aBearerSecretOrAKeyIsAccepted() throws Exception {
        envelope(call(secret, PAY, PAID, "Authorization", "Bearer " + S1), 200, "success");
        envelope(call(secret, PAY, PAID, "Authorization", "Bearer " + S2), 200, "success"); // rotation
        envelope(call(secret, PAY + "?key=" + S1, PAID), 200, "success");
        envelope(call(secret, PAY + "?key=" + S2.replace("~", "%7E"), PAID), 200, "success");
        envelope(call(secret, PAY + "?key=" + S2, PAID, "Authorization", "Bearer " + S2), 200, "success");
        // No sign is needed, and without sign among the modes unknown fields are ignored.
        envelope(call(secret, UPDATE, "{\"third_id\":\"ORAUTH1\",\"status\":\"8\",\"zz\":\"3\"}",
                "Authorization", "Bearer " + S1), 200, "success");
    }

    @Test
    void aWrongMissingOrAmbiguousSecretIs401() throws Exception {
        envelope(call(secret, PAY, PAID), 401, "unauthorized");
        envelope(call(secret, PAY, PAID, "Authorization", "Bearer " + S1 + "x"), 401, "unauthorized");
        envelope(call(secret, PAY, PAID, "Authorization", S1), 401, "unauthorized"); // no scheme
        envelope(call(secret, PAY + "?key=" + S1.substring(1), PAID), 401, "unauthorized");
        envelope(call(secret, PAY + "?key=" + S1, PAID, "Authorization", "Bearer " + S2), 401, "unauthorized");
        // A valid sign is no secret.
        envelope(call(secret, PAY, PAID, "sign", WebhookIT.signOf(PAID)), 401, "unauthorized");
    }

    @Test
    void withoutSignTheSecretIsCheckedBeforeTheBodyIsRead() throws Exception {
        envelope(call(secret, PAY, "{"), 401, "unauthorized");
        envelope(call(secret, PAY, "{", "Authorization", "Bearer " + S1), 400, null);
        envelope(call(secret, UPDATE, "{\"third_id\":\"ORAUTH-NONE\",\"status\":8}"), 401, "unauthorized");
        envelope(call(secret, UPDATE, "{\"third_id\":\"ORAUTH-NONE\",\"status\":8}", "Authorization", "Bearer " + S1),
                404, "order not found");
    }

    @Test
    void noSecretIsEverLogged() throws Exception {
        try (CapturedLog log = CapturedLog.start(Level.ALL)) {
            call(secret, PAY + "?key=" + S1, PAID, "X-Request-Id", "auth-it-key-ok");
            call(secret, PAY + "?key=" + S1 + "x", PAID, "X-Request-Id", "auth-it-key-bad");
            call(secret, PAY, PAID, "Authorization", "Bearer " + S2 + "x", "X-Request-Id", "auth-it-bearer-bad");
            call(secret, PAY + "?key=" + S1, PAID, "Authorization", "Bearer " + S2, "X-Request-Id", "auth-it-both");
            List<String> refused = log.lines().stream().filter(l -> l.contains("outcome=unauthorized")).toList();
            assertEquals(3, refused.size(), refused.toString());
            assertTrue(refused.stream().anyMatch(l -> l.contains("request_id=auth-it-both")
                    && l.contains("failed=secret: the Bearer secret and ?key differ")
                    && l.contains("fields=(body not read)")), refused.toString());
            for (String line : log.lines()) {
                assertFalse(line.contains(S1.substring(0, 20)) || line.contains(S2.substring(0, 20)), line);
            }
        }
    }

    // --- sign,allowlist from a peer that is no trusted proxy

    @Test
    void anUntrustedPeerCannotClaimAnAllowedAddress() throws Exception {
        String body = "{\"third_id\":\"ORAUTH1\",\"status\":8}";
        // 127.0.0.1 is not a trusted proxy: its X-Forwarded-For is not read.
        envelope(call(signOrAllowlist, UPDATE, body, "X-Forwarded-For", "203.0.113.7"), 401, "unauthorized");
        // Neither mode accepted: "unauthorized", after the body was read (sign is configured).
        envelope(call(signOrAllowlist, UPDATE, "{", "X-Forwarded-For", "203.0.113.7"), 400, null);
        envelope(call(signOrAllowlist, UPDATE, body, "sign", "0".repeat(32)), 401, "unauthorized");
        // The sign is still accepted on its own.
        envelope(call(signOrAllowlist, UPDATE, body, "sign", WebhookIT.signOf(body)), 200, "success");
        // With sign configured, an unknown primitive field is refused even then.
        String zz = "{\"third_id\":\"ORAUTH1\",\"status\":8,\"zz\":\"3\"}";
        envelope(call(signOrAllowlist, UPDATE, zz, "sign", WebhookIT.signOf(zz)), 400, null);
    }
}
