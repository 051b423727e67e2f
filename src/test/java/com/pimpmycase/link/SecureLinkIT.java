package com.pimpmycase.link;

import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4: generate-secure-url and refresh-token, with policies from JNDI. */
class SecureLinkIT {

    static final String IMAGE = "design-1756378358-e5f1af36.png";
    static final String GENERATE = "/api/images/generate-secure-url";
    static final String REFRESH = "/api/images/refresh-token";

    @TempDir
    static Path data;
    static DeployedWar war;
    static ApiCaller api;

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/partnerPolicies", "end_user=30m/2h, chinese_manufacturing=48h/72h, admin=24h/168h");
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
        war.storeImage(IMAGE, TestImages.png(8, 8));
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    static HttpResponse<byte[]> generate(String key, Map<String, String> form) throws Exception {
        return api.postForm(key, GENERATE, form);
    }

    @Test
    void defaultPartnerAndLifetime() throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpResponse<byte[]> response = generate(SHOP_KEY, Map.of("filename", IMAGE));
        assertEquals(200, response.statusCode(), text(response));
        JsonNode body = json(response);
        assertEquals(true, body.get("success").asBoolean());
        assertEquals(IMAGE, body.get("filename").asText());
        assertEquals("end_user", body.get("partner_type").asText());
        assertEquals(0.5, body.get("expiry_hours").asDouble()); // end_user=30m/2h from JNDI
        long exp = body.get("expires_at").asLong();
        long after = Instant.now().getEpochSecond();
        assertTrue(exp >= now + 1800 && exp <= after + 1800, exp + " not 30 min after the request");
        String url = body.get("secure_url").asText();
        assertTrue(url.startsWith(war.base() + "/image/" + IMAGE + "?token=" + exp + ":end_user:"), url);
        assertEquals(200, war.get(url.substring(war.base().length())).statusCode());
    }

    @Test
    void hoursAreCappedAtThePolicyMaximum() throws Exception {
        long before = Instant.now().getEpochSecond();
        JsonNode body = json(generate(FACTORY_KEY, Map.of("filename", IMAGE, "partner_type", "chinese_manufacturing",
                "expiry_hours", "500")));
        long after = Instant.now().getEpochSecond();
        assertEquals(72, body.get("expiry_hours").asInt());
        long exp = body.get("expires_at").asLong();
        assertTrue(exp >= before + 72 * 3600 && exp <= after + 72 * 3600, exp + " not 72 h after the request");
        assertEquals(3, json(generate(ADMIN_KEY, Map.of("filename", IMAGE, "partner_type", "admin",
                "expiry_hours", "3"))).get("expiry_hours").asInt());
        assertEquals(2, json(generate(SHOP_KEY, Map.of("filename", IMAGE, "expiry_hours",
                "99999999999999999999999"))).get("expiry_hours").asInt());
    }

    @Test
    void badPartnerTypeOrHoursAre422() throws Exception {
        for (Map<String, String> form : new Map[] {
            Map.of("filename", IMAGE, "partner_type", "reseller"),
            Map.of("filename", IMAGE, "expiry_hours", "0"),
            Map.of("filename", IMAGE, "expiry_hours", "-3"),
            Map.of("filename", IMAGE, "expiry_hours", "1.5"),
            Map.of("filename", IMAGE, "expiry_hours", "soon"),
            Map.of("partner_type", "end_user"),
            Map.of("filename", "../secret.png")}) {
            HttpResponse<byte[]> response = generate(ADMIN_KEY, form);
            assertEquals(422, response.statusCode(), form + " " + text(response));
            assertEquals("body", json(response).get("detail").get(0).get("loc").get(0).asText());
        }
        assertEquals("partner_type_unknown", json(generate(ADMIN_KEY, Map.of("filename", IMAGE, "partner_type",
                "reseller"))).get("detail").get(0).get("type").asText());
    }

    @Test
    void rolesMayMintOnlyTheirPartnerType() throws Exception {
        assertEquals(403, generate(SHOP_KEY, Map.of("filename", IMAGE, "partner_type", "chinese_manufacturing")).statusCode());
        assertEquals(403, generate(SHOP_KEY, Map.of("filename", IMAGE, "partner_type", "admin")).statusCode());
        assertEquals(403, generate(FACTORY_KEY, Map.of("filename", IMAGE)).statusCode());
        assertEquals(200, generate(FACTORY_KEY, Map.of("filename", IMAGE, "partner_type", "chinese_manufacturing")).statusCode());
        for (String type : new String[] {"end_user", "chinese_manufacturing", "admin"}) {
            assertEquals(200, generate(ADMIN_KEY, Map.of("filename", IMAGE, "partner_type", type)).statusCode());
        }
        assertEquals(401, generate(null, Map.of("filename", IMAGE)).statusCode());
    }

    @Test
    void missingImageIs404AndWrongContentTypeIs415() throws Exception {
        HttpResponse<byte[]> missing = generate(SHOP_KEY, Map.of("filename", "not-there.png"));
        assertEquals(404, missing.statusCode());
        assertEquals("{\"detail\":\"Image not found\"}", text(missing));
        HttpResponse<byte[]> json = api.postJson(SHOP_KEY, GENERATE, "{\"filename\":\"" + IMAGE + "\"}");
        assertEquals(415, json.statusCode());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void refreshKeepsThePartnerTypeAndCapsTheHours() throws Exception {
        String current = json(generate(FACTORY_KEY, Map.of("filename", IMAGE, "partner_type",
                "chinese_manufacturing", "expiry_hours", "1"))).get("secure_url").asText().split("token=")[1];
        HttpResponse<byte[]> response = api.postForm(FACTORY_KEY, REFRESH,
                Map.of("filename", IMAGE, "current_token", current, "additional_hours", "100"));
        assertEquals(200, response.statusCode(), text(response));
        JsonNode body = json(response);
        assertEquals(72, body.get("additional_hours").asInt());
        Token fresh = Token.parse(body.get("new_token").asText());
        assertEquals("chinese_manufacturing", fresh.partnerType());
        assertEquals(fresh.expiresAt(), body.get("expires_at").asLong());
        assertEquals(war.base() + "/image/" + IMAGE + "?token=" + fresh.text(), body.get("new_secure_url").asText());
        assertEquals(200, war.get("/image/" + IMAGE + "?token=" + fresh.text()).statusCode());
        // The shop may not refresh a manufacturing link.
        assertEquals(403, api.postForm(SHOP_KEY, REFRESH,
                Map.of("filename", IMAGE, "current_token", current, "additional_hours", "1")).statusCode());
    }

    @Test
    void refreshRefusesExpiredAndForgedTokens() throws Exception {
        TokenMinter past = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)));
        Token expired = past.mint(IMAGE, "end_user");
        JsonNode error = json(api.postForm(SHOP_KEY, REFRESH,
                Map.of("filename", IMAGE, "current_token", expired.text(), "additional_hours", "1"))).get("detail").get(0);
        assertEquals("token_expired", error.get("type").asText());
        assertEquals("[\"body\",\"current_token\"]", error.get("loc").toString());
        assertEquals(Instant.ofEpochSecond(expired.expiresAt()).toString(), error.get("ctx").get("expired_at").asText());

        HttpResponse<byte[]> forged = api.postForm(SHOP_KEY, REFRESH,
                Map.of("filename", IMAGE, "current_token", "1:end_user:" + "ab".repeat(32), "additional_hours", "1"));
        assertEquals(422, forged.statusCode());
        assertEquals("token_signature_invalid", json(forged).get("detail").get(0).get("type").asText());
        HttpResponse<byte[]> missing = api.postForm(SHOP_KEY, REFRESH, Map.of("filename", IMAGE));
        assertEquals("missing", json(missing).get("detail").get(0).get("type").asText());
    }

    @Test
    void noApiClientsConfiguredMeansEveryCallIs401() throws Exception {
        try (DeployedWar bare = DeployedWar.start(DeployedWar.defaultEntries(data.resolve("bare")))) {
            HttpResponse<byte[]> response = bare.send(HttpRequest.newBuilder(bare.uri("/api/chinese/orders"))
                    .header("Authorization", "Bearer " + ADMIN_KEY));
            assertEquals(401, response.statusCode());
        }
    }
}
