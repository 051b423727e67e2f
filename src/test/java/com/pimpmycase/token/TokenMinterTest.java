package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    private final TokenMinter minter = TokenVerifierTest.minter(TokenVerifierTest.KEY, TokenVerifierTest.NOW);
    private static final String FILE = TokenVerifierTest.FILE;
    private static final long NOW = TokenVerifierTest.NOW;

    @Test
    void defaultLifetimePerPartner() {
        assertEquals(NOW + 3600, minter.mint(FILE, "end_user").expiresAt());
        assertEquals(NOW + 48 * 3600, minter.mint(FILE, "chinese_manufacturing").expiresAt());
        assertEquals(NOW + 24 * 3600, minter.mint(FILE, "admin").expiresAt());
    }

    @Test
    void shorterOnRequestNeverLongerThanTheMaximum() {
        assertEquals(NOW + 600, minter.mint(FILE, "end_user", Duration.ofMinutes(10)).expiresAt());
        assertEquals(NOW + 4 * 3600, minter.mint(FILE, "end_user", Duration.ofDays(30)).expiresAt());
        assertEquals(NOW + 72 * 3600, minter.mint(FILE, "chinese_manufacturing", Duration.ofHours(73)).expiresAt());
    }

    @Test
    void unknownPartnerTypeIsAnErrorNotADowngrade() {
        UnknownPartnerTypeException e = assertThrows(UnknownPartnerTypeException.class,
                () -> minter.mint(FILE, "reseller"));
        assertEquals("reseller", e.partnerType());
        assertThrows(IllegalArgumentException.class, () -> minter.mint(FILE, "end_user", Duration.ZERO));
    }

    @Test
    void wireFormAndRedaction() {
        Token token = minter.mint(FILE, "end_user");

        assertTrue(token.text().matches("\\d+:end_user:[0-9a-f]{64}"), token.text());
        assertEquals(token, Token.parse(token.text()));
        assertTrue(token.redacted().endsWith(token.signature().substring(0, 8) + "…"));
        assertEquals(token.redacted(), token.toString());
    }
}
