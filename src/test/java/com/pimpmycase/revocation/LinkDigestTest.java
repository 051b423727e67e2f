package com.pimpmycase.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.pimpmycase.token.Token;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

class LinkDigestTest {

    @Test
    void isTheSha256OfTheSignatureAlone() {
        String signature = "c1791efa" + "ab".repeat(28);
        Token token = Token.parse("1756551196:chinese_manufacturing:" + signature);
        String expected = DigestUtils.sha256Hex(signature.getBytes(StandardCharsets.US_ASCII));

        assertEquals(expected, LinkDigest.of(token));
        assertEquals(expected, LinkDigest.of(token), "the same again");
        assertNotEquals(expected, LinkDigest.of(Token.parse("1756551196:chinese_manufacturing:" + "ab".repeat(32))));
    }
}
