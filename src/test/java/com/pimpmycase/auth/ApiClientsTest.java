package com.pimpmycase.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

class ApiClientsTest {

    @Test
    void plainAndHashedSecretsSeparatedByWhitespaceOrCommas() {
        ApiClients clients = ApiClients.parse(" shop1:shop:k1,\n factory:manufacturer:sha256:"
                + DigestUtils.sha256Hex("k2").toUpperCase() + "\t ops:admin:SHA256:" + DigestUtils.sha256Hex("k3"));
        assertEquals(3, clients.size());
        assertEquals("shop1", clients.authenticate("k1").name());
        assertEquals(ApiRole.MANUFACTURER, clients.authenticate("k2").role());
        assertEquals(ApiRole.ADMIN, clients.authenticate("k3").role());
        assertNull(clients.authenticate("k4"));
        assertNull(clients.authenticate(""));
        assertNull(clients.authenticate(null));
        // The hash itself is not a key.
        assertNull(clients.authenticate("sha256:" + DigestUtils.sha256Hex("k2")));
    }

    @Test
    void aPlainSecretMayContainColons() {
        assertEquals("a", ApiClients.parse("a:shop:x:y:z").authenticate("x:y:z").name());
    }

    @Test
    void emptyMeansNobody() {
        assertEquals(0, ApiClients.parse("").size());
        assertEquals(0, ApiClients.parse(null).size());
    }

    @Test
    void badEntriesAreRefusedWithoutShowingSecrets() {
        for (String bad : new String[] {"a:shop", "a:shop:", "a:reseller:s3cret", ":shop:s3cret", "a b:shop:s3cret",
            "a:shop:s3cret a:admin:other", "a:shop:sha256:abc", "a:shop:sha256:" + "zz".repeat(32)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiClients.parse(bad), bad);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void bearerHeaderParsing() {
        assertEquals("k1", ApiKeyFilter.bearerKey("Bearer k1"));
        assertEquals("k1", ApiKeyFilter.bearerKey("bearer   k1 "));
        assertNull(ApiKeyFilter.bearerKey("Basic k1"));
        assertNull(ApiKeyFilter.bearerKey("Bearer "));
        assertNull(ApiKeyFilter.bearerKey(null));
    }
}
