package com.pimpmycase.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.image.RevokedLinks;
import com.pimpmycase.support.LinkExplanation.Check;
import com.pimpmycase.support.LinkExplanation.Explained;
import com.pimpmycase.support.LinkExplanation.NotALink;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.JsonResponses;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §11 explain as a table: one row per outcome a link can have. Each row names the checks
 * that were evaluated, in order, with {@code +} passed and {@code -} failed.
 */
class LinkExplainerTest {

    static final String KEY = "unit-test-signing-key-0123456789abcdef";
    static final String RETIRED_1 = "unit-test-retired-key-one-0123456789ab";
    static final String RETIRED_2 = "unit-test-retired-key-two-0123456789ab";
    static final long NOW = 1_756_378_400L;
    static final String FILE = "order-OREN1-final-1756378358-e5f1af36.png";
    static final String SHARED = "shared-design.png";
    static final String GONE = "order-OREN9-final-1756378358-00000000.png";
    static final String BLOCKED = "blocked-design.png";
    static final String BASE = "https://cases.example.com/shop";

    static final Map<String, LinkExplainer.ImageFile> STORED = Map.of(
            FILE, new LinkExplainer.ImageFile(1234, "image/png"),
            SHARED, new LinkExplainer.ImageFile(99, "image/jpeg"),
            BLOCKED, new LinkExplainer.ImageFile(5, "image/webp"));
    static final Map<String, List<String>> ORDERS = Map.of(
            FILE, List.of("OREN1"), SHARED, List.of("OREN2", "OREN3"), GONE, List.of("OREN9"),
            BLOCKED, List.of("OREN4"));

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static Token mint(String key, String file, String partner) {
        return new TokenMinter(SigningKeys.of(key), PartnerPolicies.defaults(), at(NOW)).mint(file, partner);
    }

    static final Token MANUFACTURING = mint(KEY, FILE, "chinese_manufacturing");
    static final Token CUSTOMER = mint(KEY, FILE, "end_user");
    static final Token REVOKED = mint(KEY, FILE, "admin");
    static final Token OLD_KEY = mint(RETIRED_2, FILE, "chinese_manufacturing");
    static final Token OTHER_FILE = mint(KEY, SHARED, "chinese_manufacturing");
    static final Token UNKNOWN_KEY = mint("a-key-nobody-configured-0123456789abcdef", FILE, "chinese_manufacturing");
    static final Token EXPIRED = new TokenMinter(SigningKeys.of(KEY), PartnerPolicies.defaults(), at(NOW - 50 * 3600))
            .mint(FILE, "chinese_manufacturing");
    static final Token EXPIRED_REVOKED = new TokenMinter(SigningKeys.of(KEY), PartnerPolicies.defaults(),
            at(NOW - 2 * 3600)).mint(FILE, "admin", Duration.ofHours(1));
    static final Token TOO_LONG = new TokenMinter(SigningKeys.of(KEY),
            PartnerPolicies.withOverrides("end_user=1h/400h"), at(NOW)).mint(FILE, "end_user", Duration.ofHours(100));
    static final Token RESELLER = new TokenMinter(SigningKeys.of(KEY),
            PartnerPolicies.withOverrides("reseller=1h/2h"), at(NOW)).mint(FILE, "reseller");

    static LinkExplainer explainer(String publicBaseUrl) {
        RevokedLinks revoked = new RevokedLinks() {
            @Override
            public boolean isBlocked(String filename) {
                return filename.equals(BLOCKED);
            }

            @Override
            public boolean isRevoked(String filename, Token token) {
                return token.equals(REVOKED) || token.equals(EXPIRED_REVOKED);
            }
        };
        return new LinkExplainer(SigningKeys.of(KEY, List.of(RETIRED_1, RETIRED_2)), PartnerPolicies.defaults(),
                Duration.ZERO, revoked, STORED::get, file -> ORDERS.getOrDefault(file, List.of()),
                publicBaseUrl, at(NOW));
    }

    static String link(String kind, String file, Token token) {
        return BASE + "/" + kind + "/" + file + "?token=" + token.text();
    }

    static String all(String lastImage) {
        return "filename+ token_format+ partner_type+ signature+ revocation+ expiry+ lifetime+ image" + lastImage;
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // name, url, status, type, checks, advice contains
                Arguments.of("valid manufacturing link", link("image", FILE, MANUFACTURING), 200, null, all("+"),
                        "works"),
                Arguments.of("valid preview link", link("preview", FILE, CUSTOMER), 200, null, all("+"),
                        "preview link works"),
                Arguments.of("retired key", link("image", FILE, OLD_KEY), 200, null, all("+"), "works"),
                Arguments.of("no token", BASE + "/image/" + FILE, 422, "missing",
                        "filename+ token_format- image+", "including ?token="),
                Arguments.of("empty token", BASE + "/image/" + FILE + "?token=", 422, "token_malformed",
                        "filename+ token_format- image+", "the token is empty"),
                Arguments.of("two tokens", link("image", FILE, MANUFACTURING) + "&token=" + CUSTOMER.text(), 422,
                        "token_malformed", "filename+ token_format- image+", "2 token parameters"),
                Arguments.of("token cut off", link("image", FILE, MANUFACTURING).substring(0, BASE.length() + 90), 422,
                        "token_malformed", "filename+ token_format- image+", "cut off"),
                Arguments.of("unknown partner type", link("image", FILE, RESELLER), 422, "partner_type_unknown",
                        "filename+ token_format+ partner_type- signature+ revocation+ expiry+ image+",
                        "partner this service knows"),
                Arguments.of("token of another image", link("image", FILE, OTHER_FILE), 422, "token_signature_invalid",
                        "filename+ token_format+ partner_type+ signature- expiry+ lifetime+ image+",
                        "does not belong to " + FILE),
                Arguments.of("key rotated away", link("image", FILE, UNKNOWN_KEY), 422, "token_signature_invalid",
                        "filename+ token_format+ partner_type+ signature- expiry+ lifetime+ image+", "retired"),
                Arguments.of("revoked link", link("image", FILE, REVOKED), 422, "token_revoked",
                        "filename+ token_format+ partner_type+ signature+ revocation- expiry+ lifetime+ image+",
                        "revoked and will not work again"),
                Arguments.of("blocked image", link("image", BLOCKED, mint(KEY, BLOCKED, "chinese_manufacturing")), 422,
                        "token_revoked", "filename+ token_format+ partner_type+ signature+ revocation- expiry+ "
                                + "lifetime+ image+", "Do not produce order OREN4"),
                Arguments.of("expired manufacturing link", link("image", FILE, EXPIRED), 422, "token_expired",
                        "filename+ token_format+ partner_type+ signature+ revocation+ expiry- lifetime+ image+",
                        "Re-request the order data for order OREN1 (GET /api/chinese/order/orderData?third_id=OREN1)"),
                Arguments.of("revoked, then expired", link("image", FILE, EXPIRED_REVOKED), 422, "token_expired",
                        "filename+ token_format+ partner_type+ signature+ revocation+ expiry- lifetime+ image+",
                        "expired"),
                Arguments.of("expired customer preview", link("preview", FILE, new TokenMinter(SigningKeys.of(KEY),
                        PartnerPolicies.defaults(), at(NOW - 7200)).mint(FILE, "end_user")), 422, "token_expired",
                        all("+").replace("expiry+", "expiry-"), "ask the shop for a new link"),
                Arguments.of("lifetime over the policy", link("image", FILE, TOO_LONG), 422,
                        "token_lifetime_exceeds_policy", all("+").replace("lifetime+", "lifetime-"), "shortened"),
                Arguments.of("missing image", link("image", GONE, mint(KEY, GONE, "chinese_manufacturing")), 404, null,
                        all("-"), "upload the design again for order OREN9"),
                Arguments.of("bad filename", BASE + "/image/..%2Fsecret?token=" + MANUFACTURING.text(), 400, null,
                        "filename- token_format+ partner_type+ expiry+ lifetime+", "file name in it is damaged"),
                Arguments.of("no filename", BASE + "/image/", 400, null, "filename- token_format-", "damaged"),
                Arguments.of("image shared by two orders", link("image", SHARED, OTHER_FILE), 200, null, all("+"),
                        "works"),
                Arguments.of("other host", link("image", FILE, MANUFACTURING).replace("cases.example.com",
                        "old-host.example.net"), 200, null, all("+"), "names the host old-host.example.net"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void explainsEachOutcome(String name, String url, int status, String type, String checks, String advice)
            throws Exception {
        Explained explained = assertInstanceOf(Explained.class, explainer(BASE).explain(url, ""));

        assertEquals(status, explained.status(), name);
        assertEquals(type, explained.type(), name);
        assertEquals(checks, summary(explained.checks()), name);
        assertTrue(explained.advice().contains(advice), name + ": " + explained.advice());
        String json = new String(JsonResponses.toBytes(explained), StandardCharsets.UTF_8);
        for (String secret : List.of(KEY, RETIRED_1, RETIRED_2, MANUFACTURING.signature(), OLD_KEY.signature(),
                EXPIRED.signature(), REVOKED.signature())) {
            assertFalse(json.contains(secret), name + " shows a key or a signature: " + json);
        }
    }

    static String summary(List<Check> checks) {
        return checks.stream().map(c -> c.name() + (c.ok() ? "+" : "-")).collect(Collectors.joining(" "));
    }

    @Test
    void detailsSayWhichKeyTheLimitsAndTheTime() throws Exception {
        Explained old = (Explained) explainer(BASE).explain(link("image", FILE, OLD_KEY), "");
        assertEquals("retired key 2", old.check("signature").detail());
        assertEquals("chinese_manufacturing: links last 48 h by default, at most 72 h",
                old.check("partner_type").detail());
        assertEquals(Instant.ofEpochSecond(NOW + 48 * 3600) + ", in 48 h", old.check("expiry").detail());
        assertEquals(FILE, old.filename());
        assertEquals(List.of("OREN1"), old.orders());

        Explained active = (Explained) explainer(BASE).explain(link("image", FILE, MANUFACTURING), "");
        assertEquals("active key", active.check("signature").detail());
        assertEquals("stored, 1234 bytes, image/png", active.check("image").detail());

        Explained forged = (Explained) explainer(BASE).explain(link("image", FILE, UNKNOWN_KEY), "");
        assertEquals("no configured key", forged.check("signature").detail());
        assertNull(forged.check("revocation"), "a forged link is never said to be revoked");

        Explained expired = (Explained) explainer(BASE).explain(link("image", FILE, EXPIRED), "");
        assertEquals(Instant.ofEpochSecond(NOW - 2 * 3600) + ", 2 h ago", expired.check("expiry").detail());

        Explained shared = (Explained) explainer(BASE).explain(link("image", SHARED, OTHER_FILE), "");
        assertEquals(List.of("OREN2", "OREN3"), shared.orders());
    }

    @Test
    void urlsThatAreNotLinksOfThisService() throws Exception {
        LinkExplainer configured = explainer(BASE);
        for (String url : List.of("", "not a url", "ftp://cases.example.com/shop/image/" + FILE,
                "/shop/image/" + FILE, "https://cases.example.com/image/" + FILE, // outside the base's path
                "https://cases.example.com/shop/api/chinese/orders", "https://cases.example.com/shop/image",
                "https://cases.example.com/shop/images/" + FILE, "https://cases.example.com/shop/image/%zz",
                "https://cases.example.com/shop/../image/" + FILE)) {
            assertInstanceOf(NotALink.class, configured.explain(url, ""), url);
        }
    }

    @Test
    void withoutAConfiguredBaseAnyHostIsJudgedByItsPathUnderTheContextPath() throws Exception {
        LinkExplainer fromPath = explainer(null);
        String path = "/image/" + FILE + "?token=" + MANUFACTURING.text();
        for (String host : List.of("http://127.0.0.1:8080", "https://anything.example.org")) {
            Explained explained = assertInstanceOf(Explained.class, fromPath.explain(host + path, ""));
            assertEquals(200, explained.status(), host);
            assertFalse(explained.advice().contains("Note"), explained.advice());
        }
        assertInstanceOf(NotALink.class, fromPath.explain("https://h.example/shop/image/" + FILE, ""));
        assertInstanceOf(Explained.class, fromPath.explain("https://h.example/shop/image/" + FILE, "/shop"));
    }
}
