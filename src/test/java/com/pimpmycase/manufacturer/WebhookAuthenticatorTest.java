package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.WebhookAuth;
import com.pimpmycase.config.WebhookAuth.Mode;
import com.pimpmycase.web.Cidr;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §9's secret and allowlist modes, decided before the body is read. */
class WebhookAuthenticatorTest {

    static final String S1 = "first-secret-0123456789abcdefghijklmnop";
    static final String S2 = "second-secret-0123456789abcdefghijklmno";

    static WebhookAuthenticator secret(String... secrets) {
        return new WebhookAuthenticator(new WebhookAuth(EnumSet.of(Mode.SECRET), List.of(secrets), List.of(), List.of()));
    }

    static WebhookAuthenticator allowlist(String allow, String proxies) {
        return new WebhookAuthenticator(new WebhookAuth(EnumSet.of(Mode.ALLOWLIST), List.of(), cidrs(allow),
                cidrs(proxies)));
    }

    static List<Cidr> cidrs(String text) {
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(Cidr::parse).toList();
    }

    static WebhookAuthenticator.Caller call(String authorization, String query) {
        return new WebhookAuthenticator.Caller(authorization, query, "192.0.2.1", List.of(), false);
    }

    static WebhookAuthenticator.Caller from(String peer, String... forwardedFor) {
        return new WebhookAuthenticator.Caller(null, null, peer, List.of(forwardedFor), false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            bearer                 | Bearer first-secret-0123456789abcdefghijklmnop | -                                               | -
            bearer, scheme case    | bearer first-secret-0123456789abcdefghijklmnop | -                                               | -
            key                    | -                                              | key=first-secret-0123456789abcdefghijklmnop     | -
            key among others       | -                                              | a=1&key=first-secret-0123456789abcdefghijklmnop | -
            both, agreeing         | Bearer first-secret-0123456789abcdefghijklmnop | key=first-secret-0123456789abcdefghijklmnop     | -
            both, disagreeing      | Bearer first-secret-0123456789abcdefghijklmnop | key=second-secret-0123456789abcdefghijklmno     | the Bearer secret and ?key differ
            nothing                | -                                              | -                                               | no Bearer secret and no ?key
            raw Authorization      | first-secret-0123456789abcdefghijklmnop        | -                                               | Authorization is not a Bearer secret
            wrong bearer           | Bearer first-secret-0123456789abcdefghijklmnoX | -                                               | wrong Bearer secret
            wrong key              | -                                              | key=first-secret                                | wrong ?key
            key twice              | -                                              | key=first-secret-0123456789abcdefghijklmnop&key=x | ?key given more than once
            key is another param   | -                                              | thekey=first-secret-0123456789abcdefghijklmnop  | no Bearer secret and no ?key
            """)
    void secretMode(String name, String authorization, String query, String problem) {
        assertEquals(problem, secret(S1).secretProblem(call(authorization, query)));
        WebhookAuthenticator.Verdict verdict = secret(S1).beforeBody(call(authorization, query));
        assertEquals(problem == null, verdict.accepted());
        for (String failed : verdict.failed()) {
            assertFalse(failed.contains("secret-0123"), "never a secret in what is logged: " + failed);
        }
    }

    @Test
    void twoSecretsForRotation() {
        WebhookAuthenticator auth = secret(S1, S2);
        assertNull(auth.secretProblem(call("Bearer " + S1, null)));
        assertNull(auth.secretProblem(call("Bearer " + S2, null)));
        assertNull(auth.secretProblem(call(null, "key=" + S2)));
        assertEquals("wrong Bearer secret", auth.secretProblem(call("Bearer " + S1 + S2, null)));
    }

    @Test
    void aPercentEncodedKeyIsDecoded() {
        WebhookAuthenticator auth = secret("tilde~and.dot_0123456789abcdefghijklmnopq");
        assertNull(auth.secretProblem(call(null, "key=tilde%7Eand.dot_0123456789abcdefghijklmnopq")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            direct peer allowed             | 203.0.113.0/24 | -               | 203.0.113.7   | -                         | 203.0.113.7
            peer IPv4-mapped                | 203.0.113.0/24 | -               | ::ffff:203.0.113.7 | -                    | ::ffff:203.0.113.7
            untrusted peer's header ignored | 203.0.113.0/24 | 10.0.0.0/8      | 198.51.100.1  | 203.0.113.7               | 198.51.100.1
            no proxies: header ignored      | 203.0.113.0/24 | -               | 127.0.0.1     | 203.0.113.7               | 127.0.0.1
            trusted proxy                   | 203.0.113.0/24 | 127.0.0.1/32    | 127.0.0.1     | 203.0.113.7               | 203.0.113.7
            right-most untrusted            | 203.0.113.0/24 | 127.0.0.1,10.0.0.0/8 | 127.0.0.1 | 203.0.113.7, 198.51.100.9, 10.1.1.1 | 198.51.100.9
            forged left entry ignored       | 203.0.113.0/24 | 127.0.0.1/32    | 127.0.0.1     | 203.0.113.7, 198.51.100.9 | 198.51.100.9
            mapped in the header            | 203.0.113.0/24 | 127.0.0.1/32    | ::ffff:127.0.0.1 | ::ffff:203.0.113.7     | ::ffff:203.0.113.7
            trusted, no header              | 203.0.113.0/24 | 127.0.0.1/32    | 127.0.0.1     | -                         | 127.0.0.1
            """)
    void theSourceAddress(String name, String allow, String proxies, String peer, String forwarded, String source) {
        WebhookAuthenticator auth = allowlist(allow, proxies == null ? "" : proxies);
        WebhookAuthenticator.Caller caller = forwarded == null ? from(peer) : from(peer, forwarded);
        assertEquals(source, auth.source(caller));
        assertEquals(Cidr.parse(allow).contains(source), auth.beforeBody(caller).accepted());
    }

    @Test
    void twoForwardedForHeadersAreOneList() {
        WebhookAuthenticator auth = allowlist("203.0.113.0/24", "127.0.0.1/32");
        assertEquals("198.51.100.9", auth.source(from("127.0.0.1", "203.0.113.7", "198.51.100.9")));
        assertEquals("garbage", auth.source(from("127.0.0.1", "garbage")));
        assertFalse(auth.beforeBody(from("127.0.0.1", "garbage")).accepted());
    }

    @Test
    void aBrowserIsRefusedEvenFromAnAllowedAddress() {
        WebhookAuthenticator auth = allowlist("203.0.113.0/24", "");
        WebhookAuthenticator.Verdict verdict = auth.beforeBody(
                new WebhookAuthenticator.Caller(null, null, "203.0.113.7", List.of(), true));
        assertFalse(verdict.accepted());
        assertEquals(List.of("allowlist: a browser's call (Origin or Sec-Fetch-Site)"), verdict.failed());
    }

    @Test
    void anyListedModeAccepts() {
        WebhookAuthenticator both = new WebhookAuthenticator(new WebhookAuth(EnumSet.of(Mode.SECRET, Mode.ALLOWLIST),
                List.of(S1), cidrs("203.0.113.0/24"), List.of()));
        assertTrue(both.beforeBody(new WebhookAuthenticator.Caller("Bearer " + S1, null, "198.51.100.1", List.of(),
                false)).accepted());
        assertTrue(both.beforeBody(from("203.0.113.9")).accepted());
        WebhookAuthenticator.Verdict neither = both.beforeBody(from("198.51.100.1"));
        assertFalse(neither.accepted());
        assertEquals(List.of("secret: no Bearer secret and no ?key",
                "allowlist: source 198.51.100.1 is not in webhookAllowFrom"), neither.failed());
        assertFalse(both.signConfigured());
    }

    @Test
    void signOnlyAcceptsNothingBeforeTheBody() {
        WebhookAuthenticator sign = new WebhookAuthenticator(WebhookAuth.signOnly());
        assertFalse(sign.beforeBody(call("Bearer " + S1, null)).accepted());
        assertTrue(sign.signConfigured());
        assertTrue(sign.signOnly());
    }
}
