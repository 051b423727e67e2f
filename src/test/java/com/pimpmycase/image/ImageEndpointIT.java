package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §3 over HTTP against the packaged WAR: one test per row of the table and per token error
 * type, with the keys, a policy and a leeway taken from JNDI.
 */
class ImageEndpointIT {

    static final String RETIRED_KEY = "integration-test-retired-key-0123456789abcdef";
    static final String PNG = "order-OREN1-final-1756378358-e5f1af36.png";
    static final byte[] PNG_BYTES = TestImages.png(64, 128);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static DeployedWar war;
    static TokenMinter minter;

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/retiredSigningKeys", RETIRED_KEY);
        entries.put("pimpmycase/partnerPolicies", "end_user=1h/2h");
        entries.put("pimpmycase/clockLeewaySeconds", 30);
        war = DeployedWar.start(entries);
        war.storeImage(PNG, PNG_BYTES);
        minter = minter(DeployedWar.SIGNING_KEY, Clock.systemUTC());
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    static TokenMinter minter(String key, Clock clock) {
        // Generous policies so tests can mint what the service's policy refuses.
        return new TokenMinter(SigningKeys.of(key), PartnerPolicies.withOverrides("end_user=1h/30d"), clock);
    }

    static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return war.get(path);
    }

    static String image(String name, Token token) {
        return "/image/" + name + "?token=" + token.text();
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return JSON.readTree(response.body());
    }

    /** The single {@code detail} entry of a 422 body, checked for the §3 shape. */
    static JsonNode tokenError(HttpResponse<byte[]> response, String type) throws IOException {
        assertEquals(422, response.statusCode());
        JsonNode detail = json(response).get("detail");
        assertEquals(1, detail.size());
        JsonNode error = detail.get(0);
        assertEquals(type, error.get("type").asText());
        assertEquals(List.of("query", "token"), List.of(error.get("loc").get(0).asText(), error.get("loc").get(1).asText()));
        assertFalse(error.get("msg").asText().isBlank());
        assertTrue(error.has("input"));
        return error;
    }

    // --- row 1: method

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodsAre405WithAllow(String method) throws Exception {
        HttpResponse<byte[]> response = war.request(method, image(PNG, minter.mint(PNG, "end_user")));
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
        assertEquals("{\"detail\":\"Method Not Allowed\"}", new String(response.body(), StandardCharsets.UTF_8));
        json(response);
    }

    // --- row 2: filename

    @ParameterizedTest
    @ValueSource(strings = {"/image/", "/image", "/image/.hidden.png", "/image/-x.png", "/image/a%20b.png",
        "/image/%C3%A9.png", "/image/a/b.png", "/image/a%3Ab.png"})
    void unacceptableNamesAre400(String path) throws Exception {
        HttpResponse<byte[]> response = get(path + "?token=" + minter.mint(PNG, "end_user").text());
        assertEquals(400, response.statusCode(), path);
        assertEquals("{\"detail\":\"Invalid image name\"}", new String(response.body(), StandardCharsets.UTF_8));
        json(response);
    }

    @Test
    void twoHundredCharactersIsTheLongestName() throws Exception {
        String longest = "a".repeat(200);
        assertEquals(404, get(image(longest, minter.mint(longest, "end_user"))).statusCode());
        String tooLong = "a".repeat(201);
        assertEquals(400, get(image(tooLong, minter.mint(tooLong, "end_user"))).statusCode());
    }

    // --- row 3: no token

    @Test
    void noTokenIs422MissingByteForByte() throws Exception {
        HttpResponse<byte[]> response = get("/image/" + PNG);
        assertEquals(422, response.statusCode());
        assertEquals("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"token\"],\"msg\":\"Field required\","
                + "\"input\":null}]}", new String(response.body(), StandardCharsets.UTF_8));
        json(response);
        assertEquals(422, get("/image/" + PNG + "?tokens=x&Token=y").statusCode());
    }

    // --- row 4: token present but wrong, one test per type

    @ParameterizedTest
    @ValueSource(strings = {"?token=", "?token", "?token=1756551196::91790438e552f9d302bd12678f3570dad601b44348a622e7aaa6588828b754c4",
        "?token=abc", "?token=1756551196:end_user:91790438E552F9D302BD12678F3570DAD601B44348A622E7AAA6588828B754C4"})
    void malformedTokens(String query) throws Exception {
        tokenError(get("/image/" + PNG + query), "token_malformed");
    }

    @Test
    void twoTokensAreMalformedEvenIfOneIsGood() throws Exception {
        Token good = minter.mint(PNG, "end_user");
        tokenError(get(image(PNG, good) + "&token=" + good.text()), "token_malformed");
    }

    @Test
    void unknownPartnerType() throws Exception {
        JsonNode error = tokenError(get("/image/" + PNG + "?token=1756551196:reseller:" + "ab".repeat(32)),
                "partner_type_unknown");
        assertEquals("1756551196:reseller:" + "ab".repeat(32), error.get("input").asText());
    }

    @Test
    void tokenForAnotherFileHasAnInvalidSignature() throws Exception {
        Token other = minter.mint("another-" + PNG, "end_user");
        JsonNode error = tokenError(get(image(PNG, other)), "token_signature_invalid");
        assertEquals(other.text(), error.get("input").asText());
    }

    @Test
    void unknownKeyIsRefusedAndRetiredKeyAccepted() throws Exception {
        tokenError(get(image(PNG, minter("a-key-nobody-configured-0123456789abcdef", Clock.systemUTC())
                .mint(PNG, "end_user"))), "token_signature_invalid");
        assertEquals(200, get(image(PNG, minter(RETIRED_KEY, Clock.systemUTC()).mint(PNG, "end_user"))).statusCode());
    }

    @Test
    void expiredTokenSaysWhenBeyondTheLeeway() throws Exception {
        Token old = minter(DeployedWar.SIGNING_KEY, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-3660)))
                .mint(PNG, "end_user"); // expired 60 s ago; leeway is 30 s
        JsonNode error = tokenError(get(image(PNG, old)), "token_expired");
        assertEquals(Instant.ofEpochSecond(old.expiresAt()).toString(), error.get("ctx").get("expired_at").asText());
    }

    @Test
    void leewayFromJndiAcceptsARecentlyExpiredToken() throws Exception {
        Token recent = minter(DeployedWar.SIGNING_KEY, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-3610)))
                .mint(PNG, "end_user"); // expired 10 s ago
        HttpResponse<byte[]> response = get(image(PNG, recent));
        assertEquals(200, response.statusCode());
        assertEquals("private, max-age=0", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void lifetimeBeyondThePolicyFromJndi() throws Exception {
        // The WAR's policy is end_user=1h/2h: a 3-hour token is refused, a 2-hour one accepted.
        tokenError(get(image(PNG, minter.mint(PNG, "end_user", Duration.ofHours(3)))),
                "token_lifetime_exceeds_policy");
        assertEquals(200, get(image(PNG, minter.mint(PNG, "end_user", Duration.ofHours(2)))).statusCode());
    }

    @Test
    void tokenIsCheckedBeforeTheFileSoNothingLeaks() throws Exception {
        tokenError(get("/image/no-such-image.png?token=1:end_user:" + "ab".repeat(32)), "token_signature_invalid");
        tokenError(get("/image/no-such-image.png"), "missing");
    }

    // --- row 5: valid token, no image

    @Test
    void validTokenForAMissingImageIs404() throws Exception {
        HttpResponse<byte[]> response = get(image("no-such-image.png", minter.mint("no-such-image.png", "end_user")));
        assertEquals(404, response.statusCode());
        assertEquals("{\"detail\":\"Image not found\"}", new String(response.body(), StandardCharsets.UTF_8));
        json(response);
    }

    // --- success

    @Test
    void successHeadersAndBody() throws Exception {
        Token token = minter.mint(PNG, "end_user", Duration.ofMinutes(30));
        HttpResponse<byte[]> response = get(image(PNG, token));

        assertEquals(200, response.statusCode());
        assertArrayEquals(PNG_BYTES, response.body());
        var h = response.headers();
        assertEquals("image/png", h.firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(PNG_BYTES.length), h.firstValue("Content-Length").orElse(""));
        assertTrue(h.firstValue("ETag").orElse("").matches("\"[0-9a-f]+-[0-9a-f]+\""), h.toString());
        long mtime = Files.getLastModifiedTime(war.imageDirectory().resolve(PNG)).toMillis() / 1000 * 1000;
        assertEquals(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(mtime),
                ZoneOffset.UTC)), h.firstValue("Last-Modified").orElse(""));
        assertEquals("bytes", h.firstValue("Accept-Ranges").orElse(""));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""));
        long maxAge = Long.parseLong(h.firstValue("Cache-Control").orElse("").replace("private, max-age=", ""));
        assertTrue(maxAge <= 1800 && maxAge >= 1795, "max-age " + maxAge);
    }

    @Test
    void contentTypeComesFromTheBytesNotTheName() throws Exception {
        Map<String, byte[]> files = Map.of(
                "looks-like-png-but-is.jpg.png", TestImages.jpeg(16, 16),
                "photo.jpg", TestImages.jpeg(16, 16),
                "design.webp", TestImages.webp(),
                "notes.png", "just text".getBytes(StandardCharsets.UTF_8),
                "empty.png", new byte[0]);
        Map<String, String> expected = Map.of("looks-like-png-but-is.jpg.png", "image/jpeg", "photo.jpg", "image/jpeg",
                "design.webp", "image/webp", "notes.png", "application/octet-stream", "empty.png",
                "application/octet-stream");
        for (var file : files.entrySet()) {
            war.storeImage(file.getKey(), file.getValue());
            HttpResponse<byte[]> response = get(image(file.getKey(), minter.mint(file.getKey(), "admin")));
            assertEquals(200, response.statusCode(), file.getKey());
            assertEquals(expected.get(file.getKey()), response.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(file.getValue(), response.body(), file.getKey());
        }
    }

    @Test
    void headGivesTheSameHeadersWithoutBody() throws Exception {
        Token token = minter.mint(PNG, "end_user");
        HttpResponse<byte[]> get = get(image(PNG, token));
        HttpResponse<byte[]> head = war.request("HEAD", image(PNG, token));

        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        for (String header : List.of("Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges",
                "X-Content-Type-Options")) {
            assertEquals(get.headers().firstValue(header), head.headers().firstValue(header), header);
        }
        HttpResponse<byte[]> refused = war.request("HEAD", "/image/" + PNG);
        assertEquals(422, refused.statusCode());
        assertEquals(0, refused.body().length);
    }

    @Test
    void largeFileStreamsWhole() throws Exception {
        byte[] big = TestImages.pngHeaderedNoise(12 * 1024 * 1024 + 7, 1);
        war.storeImage("big.png", big);
        HttpResponse<byte[]> response = get(image("big.png", minter.mint("big.png", "chinese_manufacturing")));
        assertEquals(200, response.statusCode());
        assertArrayEquals(big, response.body());
    }

    @Test
    void unmappedPathsAnswerJsonNotAContainerPage() throws Exception {
        HttpResponse<byte[]> response = get("/no/such/thing");
        assertEquals(404, response.statusCode());
        assertEquals("Not Found", json(response).get("detail").asText());
    }
}
