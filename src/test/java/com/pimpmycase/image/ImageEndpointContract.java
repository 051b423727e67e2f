package com.pimpmycase.image;

import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §3 over HTTP against the packaged WAR: one test per row of the table and per token error
 * type, with the keys, a policy and a leeway taken from JNDI, and the HTTP semantics of the
 * containers' static servlets (ranges, conditional requests, HEAD) as tables in the style of
 * Tomcat's TestDefaultServletRfc9110Section13. {@link ImageEndpointIT} deploys the WAR on each
 * server we support.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageEndpointContract {

    static final String RETIRED_KEY = "integration-test-retired-key-0123456789abcdef";
    static final String PNG = "order-OREN1-final-1756378358-e5f1af36.png";
    /** Blocked and unblocked by the revocation rows only. */
    static final String BLOCKED_PNG = "order-OREN9-final-1756378358-b10cced0.png";
    static final byte[] PNG_BYTES = TestImages.png(64, 128);
    static final ObjectMapper JSON = new ObjectMapper();

    /** The server of this run, injected by {@link ImageEndpointIT}'s parameter. */
    @Parameter
    ServerKind kind;
    ServiceUnderTest war;
    TokenMinter minter;

    /** Once per server kind (not @BeforeAll: that runs once for all kinds of a parameterized class). */
    @BeforeParameterizedClassInvocation
    void deployWar() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-images");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/retiredSigningKeys", RETIRED_KEY);
        entries.put("pimpmycase/partnerPolicies", "end_user=1h/2h");
        entries.put("pimpmycase/clockLeewaySeconds", 30);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = kind.deploy(entries);
        war.storeImage(PNG, PNG_BYTES);
        war.storeImage(BLOCKED_PNG, PNG_BYTES);
        minter = minter(DeployedWar.SIGNING_KEY, Clock.systemUTC());
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        war.close();
    }

    static TokenMinter minter(String key, Clock clock) {
        // Generous policies so tests can mint what the service's policy refuses.
        return new TokenMinter(SigningKeys.of(key), PartnerPolicies.withOverrides("end_user=1h/30d"), clock);
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
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

    /**
     * TRACE: Tomcat refuses it itself (allowTrace="false") before any filter, and the WAR's error
     * page answers as the contract says; Jetty's own webdefault forbids it (403, no body) before
     * the WAR sees it (docs/OPERATIONS.md, "Errors the container answers itself").
     */
    @Test
    void traceIs405WithAllowWhereTheWarAnswers() throws Exception {
        HttpResponse<byte[]> response = war.request("TRACE", image(PNG, minter.mint(PNG, "end_user")));
        if (kind == ServerKind.JETTY_DISTRIBUTION || kind == ServerKind.EMBEDDED_JETTY) {
            assertEquals(403, response.statusCode());
            assertEquals(0, response.body().length);
            return;
        }
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
        assertEquals("{\"detail\":\"Method Not Allowed\"}", new String(response.body(), StandardCharsets.UTF_8));
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

    /**
     * Dot segments and encodings that decode to something else: always 400, whether ours or the
     * container's own (SPEC §3 allows that), even where the container normalises the path away
     * from /image.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/image/%2e%2e", "/image/%2E%2E/health", "/image/%2e", "/image/..%2Fetc%2Fpasswd",
        "/image/a%00b.png", "/image/%2e%2e/api/chinese/orders"})
    void hostileEncodingsAre400(String path) throws Exception {
        assertEquals(400, get(path + "?token=" + minter.mint(PNG, "end_user").text()).statusCode(), path);
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

    // --- row 4, token_revoked (SPEC §10): a revoked link, any link to a blocked image

    /** Revokes {@code token} for {@code file} (or blocks the file) through the API; returns the revocation's id. */
    String revoke(String file, Token token) throws Exception {
        HttpResponse<byte[]> response = new ApiCaller(war).postJson(ApiCaller.ADMIN_KEY, "/api/revocations",
                "{\"filename\":\"" + file + "\"" + (token == null ? "" : ",\"token\":\"" + token.text() + "\"") + "}");
        assertEquals(201, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body()).get("id").asText();
    }

    void lift(String id) throws Exception {
        assertEquals(204, war.send(java.net.http.HttpRequest.newBuilder(war.uri("/api/revocations/" + id)).DELETE()
                .header("Authorization", "Bearer " + ApiCaller.ADMIN_KEY)).statusCode());
    }

    @Test
    void revokedLinkIs422TokenRevokedByteForByteOthersStillWork() throws Exception {
        // An odd lifetime: no other test mints this very token.
        Token leaked = minter.mint(PNG, "end_user", Duration.ofSeconds(3333));
        Token sibling = minter.mint(PNG, "end_user", Duration.ofSeconds(3334));
        String id = revoke(PNG, leaked);
        try {
            HttpResponse<byte[]> response = get(image(PNG, leaked));
            assertEquals(422, response.statusCode());
            assertEquals("{\"detail\":[{\"type\":\"token_revoked\",\"loc\":[\"query\",\"token\"],"
                    + "\"msg\":\"Token has been revoked\",\"input\":\"" + leaked.text() + "\"}]}",
                    new String(response.body(), StandardCharsets.UTF_8));
            json(response);
            assertEquals(422, war.request("HEAD", image(PNG, leaked)).statusCode());
            assertEquals(200, get(image(PNG, sibling)).statusCode());
            // After the signature: a forged token for the same file is still just a bad signature.
            String forged = leaked.text().substring(0, leaked.text().length() - 1)
                    + (leaked.text().endsWith("0") ? "1" : "0");
            tokenError(get("/image/" + PNG + "?token=" + forged), "token_signature_invalid");
        } finally {
            lift(id);
        }
        assertEquals(200, get(image(PNG, leaked)).statusCode(), "lifted");
    }

    @Test
    void revokedLinkWithinTheLeewayIsRevokedThenExpired() throws Exception {
        // Expired 10 s ago, within the 30 s leeway: still a working link, so it can be revoked.
        Token recent = minter(DeployedWar.SIGNING_KEY, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-3610)))
                .mint(PNG, "end_user");
        String id = revoke(PNG, recent);
        try {
            tokenError(get(image(PNG, recent)), "token_revoked");
        } finally {
            lift(id);
        }
    }

    @Test
    void blockedImageRefusesEveryLinkExpiredOrNotUntilLifted() throws Exception {
        Token customer = minter.mint(BLOCKED_PNG, "end_user");
        Token manufacturing = minter.mint(BLOCKED_PNG, "chinese_manufacturing", Duration.ofHours(48));
        Token expired = minter(DeployedWar.SIGNING_KEY, Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)))
                .mint(BLOCKED_PNG, "end_user");
        String id = revoke(BLOCKED_PNG, null);
        try {
            for (Token token : List.of(customer, manufacturing, expired)) {
                JsonNode error = tokenError(get(image(BLOCKED_PNG, token)), "token_revoked");
                assertEquals("Token has been revoked", error.get("msg").asText());
                assertEquals(token.text(), error.get("input").asText());
            }
            tokenError(get("/image/" + BLOCKED_PNG + "?token=1:end_user:" + "ab".repeat(32)), "token_signature_invalid");
            tokenError(get("/image/" + BLOCKED_PNG), "missing");
            assertEquals(200, get(image(PNG, minter.mint(PNG, "end_user"))).statusCode(), "other images");
        } finally {
            lift(id);
        }
        assertEquals(200, get(image(BLOCKED_PNG, customer)).statusCode());
        tokenError(get(image(BLOCKED_PNG, expired)), "token_expired");
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
        assertEquals(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).format(
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(mtime), ZoneOffset.UTC)), h.firstValue("Last-Modified").orElse(""));
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

    /**
     * From its second request on, a container that takes buffers (Jetty) serves an image from a
     * memory mapping: whole and ranged bodies must stay exact, and a new version under the same
     * name (written aside and renamed into place, as uploads are) must be served as soon as it is there.
     */
    @Test
    void repeatedDownloadsStayExactAndANewVersionIsServedAtOnce() throws Exception {
        String name = "repeat.png";
        byte[] first = TestImages.pngHeaderedNoise(200_003, 11);
        byte[] second = TestImages.pngHeaderedNoise(200_003, 12); // same length: only the time tells
        replaceImage(name, first, 1_700_000_000_000L);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(first, getWith(name).body(), "download " + i);
            HttpResponse<byte[]> range = getWith(name, "Range", "bytes=1000-1999");
            assertEquals(206, range.statusCode());
            assertArrayEquals(slice(first, 1000, 1999), range.body(), "range " + i);
        }
        replaceImage(name, second, 1_700_000_001_000L);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(second, getWith(name).body(), "new version, download " + i);
            assertArrayEquals(slice(second, 199_000, 200_002), getWith(name, "Range", "bytes=-1003").body());
        }
    }

    private void replaceImage(String name, byte[] content, long modifiedMillis) throws IOException {
        Path aside = war.storeImage(".aside-" + name, content);
        Files.setLastModifiedTime(aside, java.nio.file.attribute.FileTime.fromMillis(modifiedMillis));
        Files.move(aside, aside.resolveSibling(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void unmappedPathsAnswerJsonNotAContainerPage() throws Exception {
        HttpResponse<byte[]> response = get("/no/such/thing");
        assertEquals(404, response.statusCode());
        assertEquals("Not Found", json(response).get("detail").asText());
    }

    // --- HTTP semantics of the containers' static servlets (RFC 9110 §13, §14)

    static final byte[] BIG = TestImages.pngHeaderedNoise(3 * 1024 * 1024 + 11, 7);
    static final String BIG_NAME = "big-ranges.png";

    HttpResponse<byte[]> getWith(String name, String... headers) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                war.uri(image(name, minter.mint(name, "admin"))));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return war.send(request);
    }

    String etagOf(String name) throws Exception {
        return getWith(name).headers().firstValue("ETag").orElseThrow();
    }

    String lastModifiedOf(String name) throws Exception {
        return getWith(name).headers().firstValue("Last-Modified").orElseThrow();
    }

    static byte[] slice(byte[] bytes, long first, long last) {
        return java.util.Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
    }

    /** Range header → status, Content-Range, and the bytes expected (first-last of the file). */
    @ParameterizedTest(name = "Range: {0} → {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "bytes=0-9           | 206 | bytes 0-9/3145739             | 0       | 9",
        "bytes=-10           | 206 | bytes 3145729-3145738/3145739 | 3145729 | 3145738",
        "bytes=3145000-      | 206 | bytes 3145000-3145738/3145739 | 3145000 | 3145738",
        "bytes=1000000-2999999 | 206 | bytes 1000000-2999999/3145739 | 1000000 | 2999999",
        "bytes=0-99999999    | 206 | bytes 0-3145738/3145739       | 0       | 3145738",
        "bytes=3145739-      | 416 | bytes */3145739               | -1      | -1",
        "bytes=-0            | 416 | bytes */3145739               | -1      | -1",
        "bytes=abc           | 200 | NULL                          | 0       | 3145738",
        "bytes=9-0           | 200 | NULL                          | 0       | 3145738",
        "lines=0-9           | 200 | NULL                          | 0       | 3145738"})
    void singleRanges(String range, int status, String contentRange, long first, long last) throws Exception {
        war.storeImage(BIG_NAME, BIG);
        HttpResponse<byte[]> response = getWith(BIG_NAME, "Range", range);
        assertEquals(status, response.statusCode(), range);
        assertEquals(java.util.Optional.ofNullable(contentRange), response.headers().firstValue("Content-Range"));
        if (status == 416) {
            assertEquals("{\"detail\":\"Range Not Satisfiable\"}", new String(response.body(), StandardCharsets.UTF_8));
            return;
        }
        assertArrayEquals(slice(BIG, first, last), response.body(), range);
        assertEquals(String.valueOf(last - first + 1), response.headers().firstValue("Content-Length").orElse(""));
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElse(""));
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").startsWith("private, max-age="));
    }

    @Test
    void severalRangesAreMultipartByteranges() throws Exception {
        war.storeImage(BIG_NAME, BIG);
        HttpResponse<byte[]> response = getWith(BIG_NAME, "Range", "bytes=0-3, -5, 100000-299999");
        assertEquals(206, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        assertEquals(String.valueOf(response.body().length), response.headers().firstValue("Content-Length").orElse(""));

        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        String[] parts = body.split("\r\n--" + java.util.regex.Pattern.quote(boundary));
        assertEquals("--\r\n", parts[parts.length - 1]);
        long[][] expected = {{0, 3}, {3145734, 3145738}, {100000, 299999}};
        for (int i = 0; i < expected.length; i++) {
            String part = parts[i + 1];
            int split = part.indexOf("\r\n\r\n");
            String head = part.substring(0, split);
            assertTrue(head.contains("Content-Type: image/png"), head);
            assertTrue(head.contains("Content-Range: bytes " + expected[i][0] + "-" + expected[i][1] + "/3145739"), head);
            assertArrayEquals(slice(BIG, expected[i][0], expected[i][1]),
                    part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void ifRangeWithTheCurrentValidatorGivesTheRangeElseTheWholeImage() throws Exception {
        war.storeImage(BIG_NAME, BIG);
        String etag = etagOf(BIG_NAME);
        String lastModified = lastModifiedOf(BIG_NAME);
        assertEquals(206, getWith(BIG_NAME, "Range", "bytes=0-9", "If-Range", etag).statusCode());
        assertEquals(206, getWith(BIG_NAME, "Range", "bytes=0-9", "If-Range", lastModified).statusCode());
        HttpResponse<byte[]> stale = getWith(BIG_NAME, "Range", "bytes=0-9", "If-Range", "\"0-0\"");
        assertEquals(200, stale.statusCode());
        assertEquals(BIG.length, stale.body().length);
        assertEquals(200, getWith(BIG_NAME, "Range", "bytes=0-9", "If-Range", "W/" + etag).statusCode());
        assertEquals(200, getWith(BIG_NAME, "Range", "bytes=0-9", "If-Range", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode());
    }

    /** Conditional header → status; ETAG and LASTMOD stand for the image's current validators. */
    @ParameterizedTest(name = "{0}: {1} → {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "If-None-Match       | ETAG                           | 304",
        "If-None-Match       | W/ETAG                         | 304",
        "If-None-Match       | \"x\", ETAG                   | 304",
        "If-None-Match       | *                              | 304",
        "If-None-Match       | \"x\"                         | 200",
        "If-Modified-Since   | LASTMOD                        | 304",
        "If-Modified-Since   | Thu, 01 Jan 1970 00:00:00 GMT  | 200",
        "If-Modified-Since   | not a date                     | 200",
        "If-Match            | ETAG                           | 200",
        "If-Match            | *                              | 200",
        "If-Match            | \"x\"                         | 412",
        "If-Match            | W/ETAG                         | 412",
        "If-Unmodified-Since | LASTMOD                        | 200",
        "If-Unmodified-Since | Thu, 01 Jan 1970 00:00:00 GMT  | 412"})
    void conditionalRequests(String header, String value, int status) throws Exception {
        String actual = value.replace("ETAG", etagOf(PNG)).replace("LASTMOD", lastModifiedOf(PNG));
        for (String method : new String[] {"GET", "HEAD"}) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                    war.uri(image(PNG, minter.mint(PNG, "end_user")))).header(header, actual)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
            HttpResponse<byte[]> response = war.send(request);
            assertEquals(status, response.statusCode(), method + " " + header + ": " + actual);
            if (status == 304) {
                assertEquals(0, response.body().length);
                assertEquals(etagOf(PNG), response.headers().firstValue("ETag").orElse(""));
                assertTrue(response.headers().firstValue("Cache-Control").orElse("").startsWith("private, max-age="));
            } else if (status == 412) {
                assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            } else if (method.equals("GET")) {
                assertArrayEquals(PNG_BYTES, response.body());
            }
        }
    }

    @Test
    void headWithARangeAnswersAsGetWouldWithoutBody() throws Exception {
        war.storeImage(BIG_NAME, BIG);
        HttpResponse<byte[]> head = war.send(java.net.http.HttpRequest.newBuilder(
                        war.uri(image(BIG_NAME, minter.mint(BIG_NAME, "admin"))))
                .header("Range", "bytes=0-9").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-9/3145739", head.headers().firstValue("Content-Range").orElse(""));
        assertEquals(0, head.body().length);
    }

    @Test
    void conditionalAndRangeRequestsStillNeedAValidToken() throws Exception {
        String etag = etagOf(PNG);
        HttpResponse<byte[]> noToken = war.send(java.net.http.HttpRequest.newBuilder(war.uri("/image/" + PNG))
                .header("If-None-Match", etag).header("Range", "bytes=0-1"));
        assertEquals(422, noToken.statusCode());
        Token expired = minter(DeployedWar.SIGNING_KEY, Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)))
                .mint(PNG, "end_user");
        HttpResponse<byte[]> stale = war.send(java.net.http.HttpRequest.newBuilder(war.uri(image(PNG, expired)))
                .header("If-None-Match", etag));
        assertEquals(422, stale.statusCode());
    }

    // --- issue 14 item 2: no range amplification

    /** Multipart boundaries and part headers: a few hundred bytes for 16 parts, far less than a copy. */
    static final int RANGE_OVERHEAD_BYTES = 4096;

    /**
     * Overlapping or adjacent ranges are coalesced: the answer is never much larger than the image
     * (16 × {@code 0-} on a 3 MB image was a 50 MB 206). Expected: the one range sent (206), or
     * NULL for the whole image (200), which RFC 9110 permits as well.
     */
    @ParameterizedTest(name = "Range: {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "bytes=0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-            | bytes 0-3145738/3145739",
        "bytes=-3000000,-3000000,-3000000,-3000000,-3000000,-3000000,-3000000,-3000000 | bytes 145739-3145738/3145739",
        "bytes=0-999999,1000000-1999999,2000000-2999999,3000000-        | bytes 0-3145738/3145739",
        "bytes=2000000-,1000000-1999999,0-999999                        | bytes 0-3145738/3145739",
        "bytes=0-1000000,1-1000001,2-1000002,3-1000003,4-1000004,5-1000005,6-1000006,7-1000007,8-1000008,9-1000009,10-1000010,11-1000011,12-1000012,13-1000013,14-1000014,15-1000015 | bytes 0-1000015/3145739",
        "bytes=0-2000000,1-,100-200,3145000-                            | bytes 0-3145738/3145739"})
    void overlappingAndAdjacentRangesAreSentOnce(String range, String contentRange) throws Exception {
        war.storeImage(BIG_NAME, BIG);
        HttpResponse<byte[]> response = getWith(BIG_NAME, "Range", range);
        assertTrue(response.body().length <= BIG.length + RANGE_OVERHEAD_BYTES,
                response.body().length + " bytes for an image of " + BIG.length);
        assertEquals(contentRange == null ? 200 : 206, response.statusCode(), range);
        assertEquals(java.util.Optional.ofNullable(contentRange), response.headers().firstValue("Content-Range"));
        long first = contentRange == null ? 0 : Long.parseLong(contentRange.replaceAll("bytes (\\d+)-.*", "$1"));
        long last = contentRange == null ? BIG.length - 1 : Long.parseLong(contentRange.replaceAll("bytes \\d+-(\\d+)/.*", "$1"));
        assertArrayEquals(slice(BIG, first, last), response.body(), range);
        assertEquals(String.valueOf(response.body().length), response.headers().firstValue("Content-Length").orElse(""));
    }

    /** Overlapping ranges that leave several parts: merged, ascending, each byte once. */
    @Test
    void overlappingRangesLeavingSeveralPartsAreMergedIntoThem() throws Exception {
        war.storeImage(BIG_NAME, BIG);
        HttpResponse<byte[]> response = getWith(BIG_NAME, "Range",
                "bytes=3000050-3000199,0-999,3000000-3000099,500-1999,0-999,0-999,0-999,0-999");
        assertEquals(206, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        assertTrue(response.body().length <= 2000 + 200 + 1024, response.body().length + " bytes");
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        String[] parts = body.split("\r\n--" + java.util.regex.Pattern.quote(type.substring(type.indexOf("boundary=") + 9)));
        assertEquals(4, parts.length, "preamble, two parts, end");
        long[][] expected = {{0, 1999}, {3000000, 3000199}};
        for (int i = 0; i < expected.length; i++) {
            String part = parts[i + 1];
            int split = part.indexOf("\r\n\r\n");
            assertTrue(part.substring(0, split).contains("Content-Range: bytes " + expected[i][0] + "-" + expected[i][1]
                    + "/3145739"), part.substring(0, split));
            assertArrayEquals(slice(BIG, expected[i][0], expected[i][1]),
                    part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    // --- issue 14 item 3: symbolic links are not images

    /**
     * A link in the image directory is no image, whatever it points to: a file outside the
     * directory, another image inside it, nothing. A valid token for its name gets 404, for GET,
     * HEAD and a range alike, on every server.
     */
    @ParameterizedTest
    @ValueSource(strings = {"outside", "passwd", "inside", "relative-inside", "dangling"})
    void aSymbolicLinkIsNotServed(String kind) throws Exception {
        Path directory = war.imageDirectory();
        Path outsideFile = Files.createTempFile("pimpmycase-outside", ".png");
        Files.write(outsideFile, PNG_BYTES);
        String name = "symlink-" + kind + ".png";
        Path link = directory.resolve(name);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, switch (kind) {
            case "outside" -> outsideFile;
            case "passwd" -> Path.of("/etc/passwd");
            case "inside" -> directory.resolve(PNG);
            case "relative-inside" -> Path.of(PNG);
            default -> directory.resolve("symlink-target-that-does-not-exist.png");
        });
        try {
            String path = image(name, minter.mint(name, "admin"));
            HttpResponse<byte[]> response = get(path);
            assertEquals(404, response.statusCode(), kind);
            assertEquals("{\"detail\":\"Image not found\"}", new String(response.body(), StandardCharsets.UTF_8));
            assertEquals(404, war.request("HEAD", path).statusCode(), kind);
            assertEquals(404, war.send(java.net.http.HttpRequest.newBuilder(war.uri(path)).header("Range", "bytes=0-9"))
                    .statusCode(), kind);
            assertEquals(200, get(image(PNG, minter.mint(PNG, "admin"))).statusCode(), "the real image still is");
        } finally {
            Files.delete(link);
            Files.delete(outsideFile);
        }
    }
}
