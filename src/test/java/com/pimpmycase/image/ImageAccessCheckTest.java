package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.token.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The §3 table, row by row, as plain logic (the HTTP tests run it again through a container). */
class ImageAccessCheckTest {

    static final String FILE = "design-1756378358-e5f1af36.png";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_756_378_400L), ZoneOffset.UTC);
    static final SigningKeys KEYS = SigningKeys.of("image-check-test-key-0123456789abcdef");

    private final ImageAccessCheck check =
            new ImageAccessCheck(new TokenVerifier(KEYS, PartnerPolicies.defaults(), CLOCK, Duration.ZERO));
    private final Token token = new TokenMinter(KEYS, PartnerPolicies.defaults(), CLOCK).mint(FILE, "end_user");

    private static String json(ImageAccess access) {
        ImageAccess.Denied denied = assertInstanceOf(ImageAccess.Denied.class, access);
        return denied.status() + " " + new String(ImageRefusals.body(denied), StandardCharsets.UTF_8);
    }

    @Test
    void methodComesFirst() {
        assertEquals("405 {\"detail\":\"Method Not Allowed\"}", json(check.check("POST", "/../x", null)));
        assertEquals("405 {\"detail\":\"Method Not Allowed\"}", json(check.check("OPTIONS", "/" + FILE, null)));
    }

    @Test
    void filenameBeforeToken() {
        for (String path : new String[] {null, "", "/", "/.", "/..", "/.hidden", "/a/b", "/a b", "/é.png",
                "/" + "a".repeat(201), "/-x.png"}) {
            assertEquals("400 {\"detail\":\"Invalid image name\"}", json(check.check("GET", path, null)), path);
        }
        assertInstanceOf(ImageAccess.Granted.class,
                new ImageAccessCheck(new TokenVerifier(KEYS, PartnerPolicies.defaults(), CLOCK, Duration.ZERO))
                        .check("GET", "/" + "a".repeat(200), new String[] {
                            new TokenMinter(KEYS, PartnerPolicies.defaults(), CLOCK).mint("a".repeat(200), "admin").text()}));
    }

    @Test
    void revokedLinkIsTokenRevokedWithItsPartnerTypeForTheMetric() {
        ImageAccessCheck revoking = new ImageAccessCheck(new TokenVerifier(KEYS, PartnerPolicies.defaults(), CLOCK,
                Duration.ZERO, (filename, t) -> t.equals(token)));
        ImageAccess access = revoking.check("GET", "/" + FILE, new String[] {token.text()});
        assertEquals("422 {\"detail\":[{\"type\":\"token_revoked\",\"loc\":[\"query\",\"token\"],"
                + "\"msg\":\"Token has been revoked\",\"input\":\"" + token.text() + "\"}]}", json(access));
        ImageAccess.Denied denied = (ImageAccess.Denied) access;
        assertEquals(ImageDenial.TOKEN_REVOKED, denied.denial());
        assertEquals("end_user", denied.partnerType());
        assertEquals(token.redacted(), denied.tokenForLog());
    }

    @Test
    void missingTokenBodyIsByteForByteTheContracts() {
        assertEquals("422 {\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"token\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}", json(check.check("GET", "/" + FILE, null)));
    }

    @Test
    void severalTokensAreMalformed() {
        String t = token.text();
        assertEquals("422 {\"detail\":[{\"type\":\"token_malformed\",\"loc\":[\"query\",\"token\"],"
                + "\"msg\":\"Token is malformed; expected <expiry>:<partner_type>:<signature>\","
                + "\"input\":[\"" + t + "\",\"" + t + "\"]}]}",
                json(check.check("GET", "/" + FILE, new String[] {t, t})));
    }

    @Test
    void expiredCarriesExpiredAt() {
        Token old = new TokenMinter(KEYS, PartnerPolicies.defaults(), Clock.offset(CLOCK, Duration.ofHours(-2)))
                .mint(FILE, "end_user");
        assertEquals("422 {\"detail\":[{\"type\":\"token_expired\",\"loc\":[\"query\",\"token\"],"
                + "\"msg\":\"Token has expired; request a new link\",\"input\":\"" + old.text() + "\","
                + "\"ctx\":{\"expired_at\":\"2025-08-28T09:53:20Z\"}}]}",
                json(check.check("HEAD", "/" + FILE, new String[] {old.text()})));
    }

    @Test
    void emptyTokenIsMalformedAndLogsNoSignature() {
        ImageAccess.Denied denied = assertInstanceOf(ImageAccess.Denied.class,
                check.check("GET", "/" + FILE, new String[] {""}));
        assertEquals(ImageDenial.TOKEN_MALFORMED, denied.denial());

        ImageAccess.Denied wrongFile = assertInstanceOf(ImageAccess.Denied.class,
                check.check("GET", "/x" + FILE, new String[] {token.text()}));
        assertEquals(ImageDenial.TOKEN_SIGNATURE_INVALID, wrongFile.denial());
        assertEquals(token.redacted(), wrongFile.tokenForLog());
    }

    @Test
    void grantedWithTheVerifiedToken() {
        ImageAccess.Granted granted = assertInstanceOf(ImageAccess.Granted.class,
                check.check("GET", "/" + FILE, new String[] {token.text()}));
        assertEquals(FILE, granted.filename());
        assertEquals(token, granted.token());
    }
}
