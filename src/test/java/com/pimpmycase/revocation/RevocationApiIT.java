package com.pimpmycase.revocation;

import com.pimpmycase.testing.Eventually;
import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §10 over HTTP against the packaged WAR (embedded Jetty, H2): every status of
 * {@code /api/revocations}, each role, bad input of every kind (never a 500), and what a
 * revocation or a block does to images, minting, refreshing and order data.
 */
class RevocationApiIT {

    static final String REVOCATIONS = "/api/revocations";
    static final AtomicInteger IMAGES = new AtomicInteger();

    @TempDir
    static Path data;
    static DeployedWar war;
    static ApiCaller api;
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.withOverrides("end_user=1h/30d"), Clock.systemUTC());

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    /** A stored image of its own for each test, so tests do not see each other's revocations. */
    static String newImage() throws Exception {
        String name = "order-OREV" + IMAGES.incrementAndGet() + "-final-1756378358-e5f1af36.png";
        war.storeImage(name, TestImages.png(8, 8));
        return name;
    }

    static String body(String filename, String token, String reason) {
        ObjectNode body = ApiCaller.JSON.createObjectNode().put("filename", filename);
        if (token != null) {
            body.put("token", token);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body.toString();
    }

    static HttpResponse<byte[]> revoke(String key, String json) throws Exception {
        return api.postJson(key, REVOCATIONS, json);
    }

    static HttpResponse<byte[]> delete(String key, String id) throws Exception {
        return war.send(HttpRequest.newBuilder(war.uri(REVOCATIONS + "/" + id)).DELETE()
                .header("Authorization", "Bearer " + key));
    }

    static int image(String filename, Token token) throws Exception {
        return war.get("/image/" + filename + "?token=" + token.text()).statusCode();
    }

    static JsonNode onlyError(HttpResponse<byte[]> response, int status, String type, List<String> loc) {
        assertEquals(status, response.statusCode(), text(response));
        JsonNode detail = json(response).get("detail");
        assertEquals(1, detail.size(), text(response));
        assertEquals(type, detail.get(0).get("type").asText(), text(response));
        assertEquals(loc, List.of(detail.get(0).get("loc").get(0).asText(), detail.get(0).get("loc").get(1).asText()));
        return detail.get(0);
    }

    @Test
    void anAdminRevokesOneLinkAndOnlyThatLinkStopsWorking() throws Exception {
        String file = newImage();
        Token leaked = MINTER.mint(file, "chinese_manufacturing");
        Token other = MINTER.mint(file, "chinese_manufacturing", Duration.ofHours(47));
        long before = Instant.now().getEpochSecond();

        HttpResponse<byte[]> created = revoke(ADMIN_KEY, body(file, leaked.text(), "posted in a forum"));
        assertEquals(201, created.statusCode(), text(created));
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
        JsonNode revocation = json(created);
        assertEquals(List.of("id", "scope", "filename", "partner_type", "expires_at", "reason", "created_at",
                "created_by"), iterable(revocation.fieldNames()));
        assertEquals("link", revocation.get("scope").asText());
        assertEquals(file, revocation.get("filename").asText());
        assertEquals("chinese_manufacturing", revocation.get("partner_type").asText());
        assertEquals(leaked.expiresAt(), revocation.get("expires_at").asLong());
        assertEquals("posted in a forum", revocation.get("reason").asText());
        assertEquals("ops", revocation.get("created_by").asText());
        Instant createdAt = Instant.parse(revocation.get("created_at").asText());
        assertTrue(revocation.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(createdAt.getEpochSecond() >= before - 1 && createdAt.getEpochSecond() <= before + 60);
        assertFalse(text(created).contains(leaked.signature()), "never the signature");

        // Enforced by the node that answered, before it answered.
        HttpResponse<byte[]> refused = war.get("/image/" + file + "?token=" + leaked.text());
        assertEquals("{\"detail\":[{\"type\":\"token_revoked\",\"loc\":[\"query\",\"token\"],"
                + "\"msg\":\"Token has been revoked\",\"input\":\"" + leaked.text() + "\"}]}", text(refused));
        assertEquals(422, refused.statusCode());
        assertEquals(200, image(file, other));
        String metrics = text(api.get(ADMIN_KEY, "/metrics"));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith(
                "pimpmycase_token_refusals_total{partner_type=\"chinese_manufacturing\",type=\"token_revoked\"}")
                && !l.endsWith(" 0.0")), "the refusal is counted");

        HttpResponse<byte[]> again = revoke(ADMIN_KEY, body(file, leaked.text(), "another reason"));
        assertEquals(200, again.statusCode(), text(again));
        assertEquals(revocation, json(again), "the existing revocation");

        JsonNode listed = json(api.get(ADMIN_KEY, REVOCATIONS + "?filename=" + file)).get("revocations");
        assertEquals(1, listed.size());
        assertEquals(revocation, listed.get(0));

        HttpResponse<byte[]> lifted = delete(ADMIN_KEY, revocation.get("id").asText());
        assertEquals(204, lifted.statusCode());
        assertEquals(0, lifted.body().length);
        assertEquals(200, image(file, leaked));
        assertEquals(404, delete(ADMIN_KEY, revocation.get("id").asText()).statusCode());
        assertEquals(0, json(api.get(ADMIN_KEY, REVOCATIONS + "?filename=" + file)).get("revocations").size());
    }

    @Test
    void aShopRevokesItsCustomersLinksOnly() throws Exception {
        String file = newImage();
        Token customer = MINTER.mint(file, "end_user");
        HttpResponse<byte[]> created = revoke(SHOP_KEY, body(file, customer.text(), null));
        assertEquals(201, created.statusCode(), text(created));
        assertEquals("webshop", json(created).get("created_by").asText());
        assertTrue(json(created).get("reason").isNull());
        assertEquals(422, war.get("/preview/" + file + "?token=" + customer.text()).statusCode());

        assertEquals(403, revoke(SHOP_KEY, body(file, MINTER.mint(file, "chinese_manufacturing").text(), null))
                .statusCode());
        assertEquals(403, revoke(SHOP_KEY, body(file, MINTER.mint(file, "admin").text(), null)).statusCode());
        HttpResponse<byte[]> block = revoke(SHOP_KEY, body(file, null, null));
        assertEquals(403, block.statusCode());
        assertEquals("{\"detail\":\"Not permitted\"}", text(block));
        assertEquals(403, revoke(FACTORY_KEY, body(file, MINTER.mint(file, "chinese_manufacturing").text(), null))
                .statusCode());
        assertEquals(403, api.get(SHOP_KEY, REVOCATIONS + "?filename=" + file).statusCode());
        assertEquals(403, api.get(FACTORY_KEY, REVOCATIONS).statusCode());
        String id = json(created).get("id").asText();
        assertEquals(403, delete(SHOP_KEY, id).statusCode());
        assertEquals(401, revoke(null, body(file, customer.text(), null)).statusCode());
        assertEquals(401, delete("no-such-key", id).statusCode());
        assertEquals(422, war.get("/image/" + file + "?token=" + customer.text()).statusCode(), "still revoked");
    }

    @Test
    void aBlockedImageRefusesEveryLinkAndGetsNoNewOnesUntilLifted() throws Exception {
        String file = newImage();
        Token manufacturing = MINTER.mint(file, "chinese_manufacturing");
        Token customer = MINTER.mint(file, "end_user");
        Token expired = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-5))).mint(file, "end_user");
        String order = postOrder(file, "OBLK" + IMAGES.get());

        HttpResponse<byte[]> created = revoke(ADMIN_KEY, body(file, null, "design infringes a trademark"));
        assertEquals(201, created.statusCode(), text(created));
        JsonNode block = json(created);
        assertEquals("image", block.get("scope").asText());
        assertTrue(block.get("partner_type").isNull());
        assertTrue(block.get("expires_at").isNull());
        assertEquals(block, json(revoke(ADMIN_KEY, body(file, null, null))));
        assertEquals(200, revoke(ADMIN_KEY, body(file, null, null)).statusCode());

        for (Token token : List.of(manufacturing, customer, expired)) {
            HttpResponse<byte[]> refused = war.get("/image/" + file + "?token=" + token.text());
            assertEquals("token_revoked", onlyError(refused, 422, "token_revoked", List.of("query", "token"))
                    .get("type").asText());
        }
        assertEquals(422, war.get("/preview/" + file + "?token=" + customer.text()).statusCode());

        // No new links: minting and refreshing, whatever the current token.
        HttpResponse<byte[]> mint = api.postForm(ADMIN_KEY, "/api/images/generate-secure-url", Map.of("filename", file));
        assertEquals(409, mint.statusCode());
        assertEquals("{\"detail\":\"Image " + file + " is blocked\"}", text(mint));
        assertEquals(409, api.postForm(SHOP_KEY, "/api/images/refresh-token",
                Map.of("filename", file, "current_token", customer.text())).statusCode());
        assertEquals(409, api.postForm(SHOP_KEY, "/api/images/refresh-token",
                Map.of("filename", file, "current_token", "not-a-token")).statusCode());

        // Order data without a link: fetch, poll, and a new order on the blocked image.
        JsonNode fetched = json(api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=" + order));
        assertTrue(fetched.get("pic").isNull(), fetched.toString());
        assertTrue(fetched.get("pic_expires_at").isNull(), fetched.toString());
        assertTrue(fetched.has("pic") && fetched.has("pic_expires_at"));
        JsonNode polled = findOrder(order);
        assertTrue(polled.get("pic").isNull() && polled.get("pic_expires_at").isNull(), polled.toString());
        HttpResponse<byte[]> stored = api.postJson(SHOP_KEY, "/api/chinese/order/orderData", orderJson(file,
                "OBLKNEW" + IMAGES.get()));
        assertEquals(201, stored.statusCode(), text(stored));
        assertTrue(json(stored).get("pic").isNull());

        // A link to a blocked image can still be revoked, and stays revoked after the block is lifted.
        assertEquals(201, revoke(ADMIN_KEY, body(file, customer.text(), null)).statusCode());
        assertEquals(2, json(api.get(ADMIN_KEY, REVOCATIONS + "?filename=" + file)).get("revocations").size());
        assertEquals(204, delete(ADMIN_KEY, block.get("id").asText()).statusCode());
        assertEquals(200, image(file, manufacturing));
        assertEquals(422, image(file, customer));
        assertEquals(200, api.postForm(ADMIN_KEY, "/api/images/generate-secure-url", Map.of("filename", file))
                .statusCode());
        JsonNode again = json(api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=" + order));
        assertTrue(again.get("pic").asText().contains("/image/" + file + "?token="), again.toString());
    }

    @Test
    void aRevokedLinkCannotBeRefreshed() throws Exception {
        String file = newImage();
        Token customer = MINTER.mint(file, "end_user");
        assertEquals(201, revoke(ADMIN_KEY, body(file, customer.text(), null)).statusCode());
        JsonNode error = onlyError(api.postForm(SHOP_KEY, "/api/images/refresh-token",
                Map.of("filename", file, "current_token", customer.text())), 422, "token_revoked",
                List.of("body", "current_token"));
        assertEquals("Token has been revoked", error.get("msg").asText());
    }

    @Test
    void aLinkRevocationEndsWithItsTokenWhichIsThenExpired() throws Exception {
        String file = newImage();
        Token shortLived = MINTER.mint(file, "end_user", Duration.ofSeconds(6)); // time to revoke and fetch on a busy machine
        assertEquals(201, revoke(ADMIN_KEY, body(file, shortLived.text(), null)).statusCode());
        assertEquals("token_revoked", onlyError(war.get("/image/" + file + "?token=" + shortLived.text()), 422,
                "token_revoked", List.of("query", "token")).get("type").asText());
        Eventually.until(Duration.ofSeconds(10), () -> Instant.now().getEpochSecond() > shortLived.expiresAt(),
                () -> "the clock did not pass the token's expiry");
        onlyError(war.get("/image/" + file + "?token=" + shortLived.text()), 422, "token_expired",
                List.of("query", "token"));
        assertEquals(0, json(api.get(ADMIN_KEY, REVOCATIONS + "?filename=" + file)).get("revocations").size());
        // …and revoking it now is refused like any expired link.
        JsonNode error = onlyError(revoke(ADMIN_KEY, body(file, shortLived.text(), null)), 422, "token_expired",
                List.of("body", "token"));
        assertEquals(Instant.ofEpochSecond(shortLived.expiresAt()).toString(), error.get("ctx").get("expired_at").asText());
    }

    @Test
    void blockingAnImageThatDoesNotExistIs404() throws Exception {
        HttpResponse<byte[]> response = revoke(ADMIN_KEY, body("no-such-image.png", null, null));
        assertEquals(404, response.statusCode());
        assertEquals("{\"detail\":\"Image not found\"}", text(response));
    }

    @Test
    void tokensThatFailAnyCheckAre422AtBodyToken() throws Exception {
        String file = newImage();
        onlyError(revoke(ADMIN_KEY, body(file, MINTER.mint("another-" + file, "end_user").text(), null)), 422,
                "token_signature_invalid", List.of("body", "token"));
        onlyError(revoke(ADMIN_KEY, body(file, "abc", null)), 422, "token_malformed", List.of("body", "token"));
        onlyError(revoke(ADMIN_KEY, body(file, "", null)), 422, "token_malformed", List.of("body", "token"));
        onlyError(revoke(ADMIN_KEY, body(file, "1756551196:reseller:" + "ab".repeat(32), null)), 422,
                "partner_type_unknown", List.of("body", "token"));
        onlyError(revoke(ADMIN_KEY, body(file, MINTER.mint(file, "end_user", Duration.ofHours(5)).text(), null)),
                422, "token_lifetime_exceeds_policy", List.of("body", "token"));
        Token expired = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).mint(file, "end_user");
        JsonNode error = onlyError(revoke(ADMIN_KEY, body(file, expired.text(), null)), 422, "token_expired",
                List.of("body", "token"));
        assertEquals(expired.text(), error.get("input").asText());
        assertTrue(error.has("ctx"));
    }

    @Test
    void badBodiesAreClear4xxNever500() throws Exception {
        String file = newImage();
        String token = MINTER.mint(file, "end_user").text();
        HttpResponse<byte[]> unreadable = revoke(ADMIN_KEY, "{\"filename\":");
        assertEquals(400, unreadable.statusCode());
        assertEquals("json_invalid", json(unreadable).get("detail").get(0).get("type").asText());
        assertEquals(400, revoke(ADMIN_KEY, "{\"filename\":\"a.png\",\"filename\":\"b.png\"}").statusCode());
        assertEquals(400, revoke(ADMIN_KEY, "{} []").statusCode());
        assertEquals(422, revoke(ADMIN_KEY, "[]").statusCode());
        assertEquals(422, revoke(ADMIN_KEY, "").statusCode());
        onlyError(revoke(ADMIN_KEY, "{}"), 422, "missing", List.of("body", "filename"));
        onlyError(revoke(ADMIN_KEY, "{\"filename\":42}"), 422, "string_type", List.of("body", "filename"));
        onlyError(revoke(ADMIN_KEY, body("../etc/passwd", null, null)), 422, "image_name_invalid",
                List.of("body", "filename"));
        onlyError(revoke(ADMIN_KEY, "{\"filename\":\"" + file + "\",\"token\":7}"), 422, "string_type",
                List.of("body", "token"));
        onlyError(revoke(ADMIN_KEY, "{\"filename\":\"" + file + "\",\"reason\":[]}"), 422, "string_type",
                List.of("body", "reason"));
        JsonNode tooLong = onlyError(revoke(ADMIN_KEY, body(file, token, "x".repeat(201))), 422, "string_too_long",
                List.of("body", "reason"));
        assertEquals(200, tooLong.get("ctx").get("max_length").asInt());
        // 200 characters is fine, counted as characters (code points), not UTF-16 units or bytes.
        HttpResponse<byte[]> longest = revoke(ADMIN_KEY, body(file, token, "\uD83D\uDCF1".repeat(200)));
        assertEquals(201, longest.statusCode(), text(longest));
        assertEquals("\uD83D\uDCF1".repeat(200), json(longest).get("reason").asText());
        // Unknown fields are ignored.
        assertEquals(200, revoke(ADMIN_KEY, "{\"filename\":\"" + file + "\",\"token\":\"" + token + "\",\"x\":1}")
                .statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "0", "abc", "-1", "1.5", "99999999999999999999999", "%20", "1e3",
        "12345678901234567890"})
    void unknownOrMalformedIdsAre404(String id) throws Exception {
        HttpResponse<byte[]> response = delete(ADMIN_KEY, id);
        assertEquals(404, response.statusCode(), id + ": " + text(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void listingChecksItsFilterAndListsEveryActiveOneWithoutIt() throws Exception {
        onlyError(api.get(ADMIN_KEY, REVOCATIONS + "?filename=..%2Fx"), 422, "image_name_invalid",
                List.of("query", "filename"));
        onlyError(api.get(ADMIN_KEY, REVOCATIONS + "?filename=a.png&filename=b.png"), 422, "too_many_values",
                List.of("query", "filename"));
        String file = newImage();
        assertEquals(201, revoke(ADMIN_KEY, body(file, null, null)).statusCode());
        JsonNode all = json(api.get(ADMIN_KEY, REVOCATIONS)).get("revocations");
        assertTrue(all.size() >= 1);
        assertTrue(iterable(all.elements()).stream().anyMatch(r -> r.get("filename").asText().equals(file)));
    }

    static String orderJson(String file, String thirdId) {
        return "{\"third_pay_id\":\"PAY" + thirdId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                + "\"pic\":\"" + file + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}";
    }

    static String postOrder(String file, String thirdId) throws Exception {
        HttpResponse<byte[]> response = api.postJson(SHOP_KEY, "/api/chinese/order/orderData", orderJson(file, thirdId));
        assertEquals(201, response.statusCode(), text(response));
        return thirdId;
    }

    static JsonNode findOrder(String thirdId) throws Exception {
        for (JsonNode order : json(api.get(FACTORY_KEY, "/api/chinese/orders?limit=500")).get("orders")) {
            if (order.get("third_id").asText().equals(thirdId)) {
                return order;
            }
        }
        throw new AssertionError(thirdId + " not in the poll");
    }

    static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
