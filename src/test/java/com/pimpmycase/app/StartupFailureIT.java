package com.pimpmycase.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.DeployedWar;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §6: the WAR refuses to start, naming the JNDI entry, when the configuration is unusable. */
class StartupFailureIT {

    @TempDir
    Path data;

    private String failureOf(Map<String, Object> entries) {
        Exception e = assertThrows(Exception.class, () -> DeployedWar.start(entries).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }

    @Test
    void missingSigningKey() {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.remove("pimpmycase/signingKey");
        String failure = failureOf(entries);
        assertTrue(failure.contains("java:comp/env/pimpmycase/signingKey: is missing"), failure);
    }

    @Test
    void signingKeyShorterThan32Bytes() {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/signingKey", "only-31-bytes-of-signing-key-xx");
        String failure = failureOf(entries);
        assertTrue(failure.contains("pimpmycase/signingKey") && failure.contains("31 bytes"), failure);
        assertFalse(failure.contains("only-31-bytes-of-signing-key-xx"), "the key itself must not be shown");
    }

    @Test
    void unparsablePolicy() {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/partnerPolicies", "end_user=1h/4h, chinese_manufacturing=two days");
        String failure = failureOf(entries);
        assertTrue(failure.contains("pimpmycase/partnerPolicies"), failure);
    }

    @Test
    void badManufacturerEntry() {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com");
        entries.put("pimpmycase/manufacturer/baseUrl", "https://api.example.net/mobileShell/en");
        entries.put("pimpmycase/manufacturer/account", "acc-factory");
        entries.put("pimpmycase/manufacturer/password", "startup-it-password-5d2c");
        entries.put("pimpmycase/manufacturer/fixedKey", "startup-it-fixed-key-8b1e");
        entries.put("pimpmycase/manufacturer/retryBackoff", "15m..15s");
        String failure = failureOf(entries);
        assertTrue(failure.contains("java:comp/env/pimpmycase/manufacturer/retryBackoff"), failure);
        assertFalse(failure.contains("startup-it-password") || failure.contains("startup-it-fixed-key"), failure);

        entries.remove("pimpmycase/manufacturer/retryBackoff");
        entries.remove("pimpmycase/manufacturer/password");
        failure = failureOf(entries);
        assertTrue(failure.contains("java:comp/env/pimpmycase/manufacturer/password: is required"), failure);
    }

    @Test
    void unparsableLeeway() {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/clockLeewaySeconds", "a little");
        assertTrue(failureOf(entries).contains("pimpmycase/clockLeewaySeconds"));
    }

    @Test
    void aGoodConfigurationStarts() throws Exception {
        DeployedWar.start(DeployedWar.defaultEntries(data)).close();
    }
}
