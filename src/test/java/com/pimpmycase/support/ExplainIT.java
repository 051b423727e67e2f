package com.pimpmycase.support;

import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §11 {@code POST /api/support/explain} over HTTP. For every link of the table, the status
 * and type explain reports are checked against what a real GET of the same link answers.
 */
class ExplainIT {

    static final String BASE = "https://cases.example.com/shop";
    static final String IMAGE = "order-OREN-EXPLAIN-final-1764313200-9f2c41d7.png";
    static final String OLD_KEY = "the-signing-key-before-the-last-rotation-0123";
    /** An image blocked through the API, and a customer link to IMAGE revoked through it (SPEC §10). */
    static final String BLOCKED = "order-OREN-BLOCKED-final-1764313200-9f2c41d8.png";
    static final Token REVOKED = mint(DeployedWar.SIGNING_KEY, 0, IMAGE, "end_user", Duration.ofHours(1));

    @TempDir
    static Path data;
    static DeployedWar war;
    static ApiCaller api;

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", BASE);
        entries.put("pimpmycase/retiredSigningKeys", OLD_KEY);
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
        war.storeImage(IMAGE, TestImages.png(40, 80));
        HttpResponse<byte[]> stored = api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PAY1\",\"third_id\":\"OREN-EXPLAIN\",\"mobile_model_id\":\"MM1\",\"pic\":\""
                        + IMAGE + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), text(stored));
        war.storeImage(BLOCKED, TestImages.png(40, 80));
        HttpResponse<byte[]> revoked = api.postJson(SHOP_KEY, "/api/revocations",
                "{\"filename\":\"" + IMAGE + "\",\"token\":\"" + REVOKED.text() + "\"}");
        assertEquals(201, revoked.statusCode(), text(revoked));
        HttpResponse<byte[]> blocked = api.postJson(ADMIN_KEY, "/api/revocations", "{\"filename\":\"" + BLOCKED + "\"}");
        assertEquals(201, blocked.statusCode(), text(blocked));
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    static Token mint(String key, long secondsAgo, String file, String partner, Duration lifetime) {
        Clock then = Clock.fixed(Instant.now().minusSeconds(secondsAgo), ZoneOffset.UTC);
        return new TokenMinter(SigningKeys.of(key), PartnerPolicies.withOverrides("end_user=1h/30d"), then)
                .mint(file, partner, lifetime);
    }

    static Token mint(String file, String partner) {
        return mint(DeployedWar.SIGNING_KEY, 0, file, partner, Duration.ofHours(1));
    }

    static HttpResponse<byte[]> explain(String key, String body) throws Exception {
        return api.postJson(key, "/api/support/explain", body);
    }

    static JsonNode explained(String url) throws Exception {
        HttpResponse<byte[]> response = explain(ADMIN_KEY, "{\"url\":" + ApiCaller.JSON.writeValueAsString(url) + "}");
        assertEquals(200, response.statusCode(), url + ": " + text(response));
        return json(response);
    }

    static Stream<Arguments> links() {
        String token = "?token=";
        return Stream.of(
                Arguments.of("valid", "/image/" + IMAGE + token + mint(IMAGE, "chinese_manufacturing").text(), 200, null),
                Arguments.of("retired key", "/image/" + IMAGE + token
                        + mint(OLD_KEY, 0, IMAGE, "end_user", Duration.ofHours(1)).text(), 200, null),
                Arguments.of("preview", "/preview/" + IMAGE + token + mint(IMAGE, "end_user").text(), 200, null),
                Arguments.of("no token", "/image/" + IMAGE, 422, "missing"),
                Arguments.of("malformed", "/image/" + IMAGE + token + "123:end_user:abc", 422, "token_malformed"),
                Arguments.of("unknown partner", "/image/" + IMAGE + token + "4102444800:reseller:" + "a".repeat(64), 422,
                        "partner_type_unknown"),
                Arguments.of("another image's token", "/image/" + IMAGE + token
                        + mint("other.png", "chinese_manufacturing").text(), 422, "token_signature_invalid"),
                Arguments.of("expired", "/image/" + IMAGE + token
                        + mint(DeployedWar.SIGNING_KEY, 50 * 3600, IMAGE, "chinese_manufacturing", Duration.ofHours(48))
                                .text(), 422, "token_expired"),
                Arguments.of("expired preview", "/preview/" + IMAGE + token
                        + mint(DeployedWar.SIGNING_KEY, 7200, IMAGE, "end_user", Duration.ofHours(1)).text(), 422,
                        "token_expired"),
                Arguments.of("lifetime over policy", "/image/" + IMAGE + token
                        + mint(DeployedWar.SIGNING_KEY, 0, IMAGE, "end_user", Duration.ofHours(100)).text(), 422,
                        "token_lifetime_exceeds_policy"),
                Arguments.of("revoked link", "/image/" + IMAGE + token + REVOKED.text(), 422, "token_revoked"),
                Arguments.of("revoked link as preview", "/preview/" + IMAGE + token + REVOKED.text(), 422,
                        "token_revoked"),
                Arguments.of("blocked image", "/image/" + BLOCKED + token + mint(BLOCKED, "chinese_manufacturing").text(),
                        422, "token_revoked"),
                Arguments.of("blocked image, expired link", "/image/" + BLOCKED + token
                        + mint(DeployedWar.SIGNING_KEY, 50 * 3600, BLOCKED, "chinese_manufacturing", Duration.ofHours(48))
                                .text(), 422, "token_revoked"),
                Arguments.of("missing image", "/image/gone.png" + token + mint("gone.png", "admin").text(), 404, null),
                Arguments.of("bad filename", "/image/bad%20name.png" + token + mint(IMAGE, "admin").text(), 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void explainsWhatAGetOfTheLinkAnswers(String name, String link, int status, String type) throws Exception {
        HttpResponse<byte[]> real = war.get(link);
        assertEquals(status, real.statusCode(), name + ": the link itself");
        if (status == 422 && !link.startsWith("/preview/")) {
            assertEquals(type, json(real).get("detail").get(0).get("type").asText(), name);
        }

        JsonNode explained = explained(BASE + link);
        assertEquals(status, explained.get("status").asInt(), name + ": " + explained);
        assertEquals(type, explained.get("type").isNull() ? null : explained.get("type").asText(), name);
        assertEquals(List.of("status", "type", "filename", "checks", "orders", "advice"), OrderViewIT.names(explained));
        assertFalse(explained.get("advice").asText().isBlank());
        Token token = Token.parse(link.replaceFirst(".*\\?token=", ""));
        if (token != null) {
            assertFalse(explained.toString().contains(token.signature()), name + " shows the signature");
        }
        assertFalse(explained.toString().contains(DeployedWar.SIGNING_KEY));
        assertFalse(explained.toString().contains(OLD_KEY));
        if ("token_revoked".equals(type) || status == 200) {
            JsonNode revocation = explained.get("checks").findParents("name").stream()
                    .filter(c -> c.get("name").asText().equals("revocation")).findFirst().orElseThrow();
            assertEquals(status == 200, revocation.get("ok").asBoolean(), name + ": " + explained);
        }
    }

    @Test
    void aRevokedLinkAndABlockedImageFailOnlyTheRevocationCheck() throws Exception {
        for (String link : List.of("/image/" + IMAGE + "?token=" + REVOKED.text(),
                "/image/" + BLOCKED + "?token=" + mint(BLOCKED, "chinese_manufacturing").text())) {
            JsonNode explained = explained(BASE + link);
            assertEquals(422, explained.get("status").asInt(), explained.toString());
            assertEquals("token_revoked", explained.get("type").asText());
            for (JsonNode check : explained.get("checks")) {
                assertEquals(!check.get("name").asText().equals("revocation"), check.get("ok").asBoolean(),
                        link + ": " + check);
            }
            assertFalse(explained.get("advice").asText().isBlank());
        }
    }

    @Test
    void anExpiredManufacturingLinkNamesTheOrderToReRequest() throws Exception {
        JsonNode explained = explained(BASE + "/image/" + IMAGE + "?token="
                + mint(DeployedWar.SIGNING_KEY, 50 * 3600, IMAGE, "chinese_manufacturing", Duration.ofHours(48)).text());
        assertEquals("[\"OREN-EXPLAIN\"]", explained.get("orders").toString());
        assertEquals(IMAGE, explained.get("filename").asText());
        assertTrue(explained.get("advice").asText().contains("order OREN-EXPLAIN"), explained.toString());
        JsonNode checks = explained.get("checks");
        assertEquals("[\"filename\",\"token_format\",\"partner_type\",\"signature\",\"revocation\",\"expiry\","
                + "\"lifetime\",\"image\"]", ApiCaller.JSON.valueToTree(checks.findValuesAsText("name")).toString());
        assertEquals("{\"name\":\"signature\",\"ok\":true,\"detail\":\"active key\"}", checks.get(3).toString());
        assertFalse(checks.get(5).get("ok").asBoolean());
        assertTrue(checks.get(5).get("detail").asText().endsWith("2 h ago"), checks.get(5).toString());

        JsonNode retired = explained(BASE + "/image/" + IMAGE + "?token="
                + mint(OLD_KEY, 0, IMAGE, "admin", Duration.ofHours(1)).text());
        assertEquals("retired key 1", retired.get("checks").get(3).get("detail").asText());
    }

    @Test
    void onlyAdminsMayAsk() throws Exception {
        String body = "{\"url\":\"" + BASE + "/image/" + IMAGE + "\"}";
        assertEquals(401, explain(null, body).statusCode());
        assertEquals(403, explain(SHOP_KEY, body).statusCode());
        assertEquals(403, explain(FACTORY_KEY, body).statusCode());
        assertEquals(200, explain(ADMIN_KEY, body).statusCode());
    }

    @Test
    void badInputIsAClear4xx() throws Exception {
        HttpResponse<byte[]> malformed = explain(ADMIN_KEY, "{\"url\":");
        assertEquals(400, malformed.statusCode());
        assertEquals("json_invalid", json(malformed).get("detail").get(0).get("type").asText());

        assertUrlError(explain(ADMIN_KEY, "{}"), "missing");
        assertUrlError(explain(ADMIN_KEY, "{\"url\":42}"), "string_type");
        for (String url : List.of("not a url", "", "ftp://cases.example.com/shop/image/" + IMAGE,
                BASE + "/api/chinese/orders", "https://cases.example.com/image/" + IMAGE, BASE + "/image")) {
            JsonNode error = assertUrlError(explain(ADMIN_KEY, "{\"url\":" + ApiCaller.JSON.writeValueAsString(url)
                    + "}"), "url_invalid");
            assertEquals(url, error.get("input").asText());
        }
        HttpResponse<byte[]> array = explain(ADMIN_KEY, "[]");
        assertEquals(422, array.statusCode(), text(array));
    }

    static JsonNode assertUrlError(HttpResponse<byte[]> response, String type) {
        assertEquals(422, response.statusCode(), text(response));
        JsonNode error = json(response).get("detail").get(0);
        assertEquals(type, error.get("type").asText(), text(response));
        assertEquals("[\"body\",\"url\"]", error.get("loc").toString());
        return error;
    }

    /** A link on any host is explained from what it says; the host itself is never contacted. */
    @Test
    void neverRequestsTheUrl() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(500);
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/shop/image/" + IMAGE + "?token="
                    + mint(IMAGE, "chinese_manufacturing").text();
            JsonNode explained = explained(url);
            assertEquals(200, explained.get("status").asInt());
            assertTrue(explained.get("advice").asText().contains("cases.example.com"), explained.toString());
            try {
                listener.accept().close();
                throw new AssertionError("explain connected to the link's host");
            } catch (SocketTimeoutException nobodyConnected) {
                // as it should be
            }
        }
    }
}
