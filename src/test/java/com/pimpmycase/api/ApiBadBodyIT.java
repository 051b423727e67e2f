package com.pimpmycase.api;

import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14, items 4 and 6, over HTTP against the deployed WAR: every /api endpoint answers an
 * empty, absent, undecodable or ambiguous body with a 4xx in the contract's shape (SPEC §4), never
 * a 500; JSON with trailing content or a repeated key is 400 {@code json_invalid}.
 */
class ApiBadBodyIT {

    static final String IMAGE = "design-1764313200-9f2c41d7.png";
    static final String ORDER_DATA = "/api/chinese/order/orderData";
    static final String GENERATE = "/api/images/generate-secure-url";
    static final String REFRESH = "/api/images/refresh-token";
    static final String UPLOAD = "/api/images?order_id=OREN1";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String ORDER = "{\"third_pay_id\":\"PYEN1\",\"third_id\":\"OREN1\",\"mobile_model_id\":\"MM1\","
            + "\"pic\":\"" + IMAGE + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}";
    static final String GENERATE_FORM = "filename=" + IMAGE + "&expiry_hours=1";

    @TempDir
    static Path data;
    static DeployedWar war;
    static String currentToken;

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = DeployedWar.start(entries);
        war.storeImage(IMAGE, TestImages.png(8, 8));
        HttpResponse<byte[]> minted = post(SHOP_KEY, GENERATE, FORM, GENERATE_FORM.getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, minted.statusCode(), ApiCaller.text(minted));
        currentToken = ApiCaller.json(minted).get("secure_url").asText().split("token=")[1];
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    /** POSTs {@code body} ({@code null}: none) with {@code contentType} ({@code null}: no header). */
    static HttpResponse<byte[]> post(String key, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri(path)).header("Authorization", "Bearer " + key)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return war.send(request);
    }

    /**
     * A table cell's body: {@code -} none; {@code ORDER}, {@code FORM}, {@code TOKEN}, {@code IMG} the
     * valid ones, {@code SIG} a well-formed signature;
     * {@code hex:…} raw bytes, {@code utf16:…} text in UTF-16 plus one odd byte.
     */
    static byte[] body(String cell) {
        if (cell.equals("-")) {
            return null;
        }
        String text = cell.replace("ORDER", ORDER).replace("FORM", GENERATE_FORM).replace("TOKEN", currentToken)
                .replace("IMG", IMAGE).replace("SIG", "ab".repeat(32));
        if (text.startsWith("hex:")) {
            return HexFormat.of().parseHex(text.substring(4));
        }
        if (text.startsWith("utf16:")) {
            byte[] utf16 = text.substring(6).getBytes(StandardCharsets.UTF_16BE);
            ByteArrayOutputStream odd = new ByteArrayOutputStream();
            odd.writeBytes(utf16);
            odd.write(0x7b);
            return odd.toByteArray();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The answer is 2xx/4xx JSON in SPEC §4's shape; returns the body. */
    static JsonNode assertContractShaped(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        String text = ApiCaller.text(response);
        assertTrue(status >= 200 && status < 500 && status / 100 != 3, status + " for " + what + ": " + text);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), what);
        JsonNode body = ApiCaller.json(response);
        if (status >= 400) {
            JsonNode detail = body.get("detail");
            assertTrue(detail != null && (detail.isTextual() || detail.isArray() && !detail.isEmpty()), what + ": " + text);
            for (JsonNode error : detail.isArray() ? detail : List.<JsonNode>of()) {
                assertTrue(error.get("type").isTextual() && error.get("loc").isArray() && error.get("msg").isTextual(),
                        what + ": " + text);
                assertTrue(status != 422 || error.has("input"), what + ": " + text);
            }
            assertTrue(!text.contains(DeployedWar.SIGNING_KEY) && !text.contains("Exception"), text);
        }
        return body;
    }

    static void assertAnswer(HttpResponse<byte[]> response, String what, int status, String type) {
        JsonNode body = assertContractShaped(response, what);
        assertEquals(status, response.statusCode(), what + ": " + ApiCaller.text(response));
        if (!type.equals("-")) {
            assertEquals(type, body.get("detail").get(0).get("type").asText(), what);
        }
    }

    // Each row: Content-Type (- none), body (see body()), status, detail type (- a plain detail text).
    @ParameterizedTest(name = "[{0}] {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            -                                 | -                          | 422 | missing
            application/json                  | ``                         | 422 | missing
            application/json                  | ORDER xyz                  | 400 | json_invalid
            application/json                  | ORDER{}                    | 400 | json_invalid
            application/json                  | ORDER,                     | 400 | json_invalid
            application/json                  | ORDER "x"                  | 400 | json_invalid
            application/json                  | {"third_id":"X","third_id":"Y"} | 400 | json_invalid
            application/json                  | {"third_id":"OREN1","third_id":"OREN1"} | 400 | json_invalid
            application/json                  | {"x":{"k":1,"k":2},"third_id":"X"} | 400 | json_invalid
            application/json                  | hex:7b22ff227d             | 400 | json_invalid
            application/json; charset=utf-16  | utf16:ORDER                | 400 | json_invalid
            application/json; charset=bogus   | ORDER                      | 201 | -
            -                                 | ORDER                      | 201 | -
            application/x-www-form-urlencoded | FORM                       | 400 | json_invalid
            application/json                  | [ORDER]                    | 422 | model_attributes_type
            """)
    void orderData(String contentType, String body, int status, String type) throws Exception {
        HttpResponse<byte[]> response = post(SHOP_KEY, ORDER_DATA, contentType.equals("-") ? null : contentType,
                body(body));
        // The valid order is stored by the first such row and found again (200) by the next.
        int expected = status == 201 && response.statusCode() == 200 ? 200 : status;
        assertAnswer(response, contentType + " " + body, expected, type);
    }

    /** 415 for a type or charset the endpoint does not take; 400 form_invalid when the form cannot be decoded. */
    @ParameterizedTest(name = "[{0}] {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            -                                           | -                          | 422 | missing
            application/x-www-form-urlencoded           | ``                         | 422 | missing
            application/x-www-form-urlencoded; charset=bogus | FORM                  | 415 | -
            application/x-www-form-urlencoded; charset=bogus | ``                    | 415 | -
            application/x-www-form-urlencoded; charset="@@"  | FORM                  | 415 | -
            application/x-www-form-urlencoded; charset=utf-16 | utf16:FORM           | 415 | -
            -                                           | FORM                       | 415 | -
            application/json                            | {"filename":"x.png"}       | 415 | -
            application/x-www-form-urlencoded           | filename=%zz               | 400 | form_invalid
            application/x-www-form-urlencoded           | filename=a.png&x=%         | 400 | form_invalid
            application/x-www-form-urlencoded           | filename=%ff.png           | 400 | form_invalid
            application/x-www-form-urlencoded           | hex:66696c656e616d653dff   | 400 | form_invalid
            application/x-www-form-urlencoded           | filename=a.png&filename=b.png | 422 | too_many_values
            application/x-www-form-urlencoded; charset=UTF-8 | FORM                  | 200 | -
            application/x-www-form-urlencoded           | FORM&                      | 200 | -
            """)
    void generateSecureUrl(String contentType, String body, int status, String type) throws Exception {
        assertAnswer(post(SHOP_KEY, GENERATE, contentType.equals("-") ? null : contentType, body(body)),
                contentType + " " + body, status, type);
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            -                                           | -                          | 422 | missing
            application/x-www-form-urlencoded           | ``                         | 422 | missing
            application/x-www-form-urlencoded; charset=bogus | filename=IMG&current_token=TOKEN | 415 | -
            application/x-www-form-urlencoded; charset=utf-16 | utf16:filename=IMG&current_token=TOKEN | 415 | -
            -                                           | filename=IMG&current_token=TOKEN | 415 | -
            application/json                            | {"current_token":"TOKEN"}  | 415 | -
            application/x-www-form-urlencoded           | filename=IMG&current_token=% | 400 | form_invalid
            application/x-www-form-urlencoded           | filename=IMG&current_token=1%3Aend+user%3ASIG | 422 | token_malformed
            application/x-www-form-urlencoded           | filename=IMG&current_token=1%3Aend.user%3ASIG | 422 | token_malformed
            application/x-www-form-urlencoded           | filename=IMG&current_token=1%3Areseller%3ASIG | 422 | partner_type_unknown
            application/x-www-form-urlencoded           | filename=IMG&current_token=TOKEN&additional_hours=1 | 200 | -
            """)
    void refreshToken(String contentType, String body, int status, String type) throws Exception {
        assertAnswer(post(SHOP_KEY, REFRESH, contentType.equals("-") ? null : contentType, body(body)),
                contentType + " " + body, status, type);
    }

    /** The sweep: the upload reads its body itself; the same variants already end in 4xx there. */
    @ParameterizedTest(name = "[{0}] {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            -                                           | -              | 415 | -
            image/png                                   | -              | 422 | image_invalid
            image/png                                   | ``             | 422 | image_invalid
            image/png; charset=bogus                    | xyz            | 422 | image_invalid
            application/x-www-form-urlencoded; charset=bogus | FORM      | 415 | -
            application/json                            | ORDER          | 415 | -
            """)
    void upload(String contentType, String body, int status, String type) throws Exception {
        assertAnswer(post(SHOP_KEY, UPLOAD, contentType.equals("-") ? null : contentType, body(body)),
                contentType + " " + body, status, type);
    }

    /** A few hundred mutated bodies and content types: every answer 2xx/4xx JSON in the contract's shape. */
    @Test
    void fuzzedBodiesNeverGetA5xx() throws Exception {
        Random random = new Random(20261202);
        List<String> jsonTypes = List.of("application/json", "application/json; charset=utf-8",
                "application/json; charset=bogus", "text/plain", FORM);
        List<String> formTypes = List.of(FORM, FORM + "; charset=utf-8", FORM + "; charset=bogus",
                FORM + "; charset=\"utf-16\"", "application/json", "text/plain; charset=x");
        String refreshForm = "filename=" + IMAGE + "&current_token=" + currentToken + "&additional_hours=1";
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            String contentType = random.nextInt(6) == 0 ? null : jsonTypes.get(random.nextInt(jsonTypes.size()));
            // An order of its own: a stored mutation must not turn the table's order into a 409.
            byte[] body = mutate(random, ORDER.replace("OREN1", "FUZZ7").getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> response = post(SHOP_KEY, ORDER_DATA, contentType, body);
            assertContractShaped(response, "order " + contentType + " " + HexFormat.of().formatHex(body));
            seen.add(response.statusCode());
        }
        for (int i = 0; i < 200; i++) {
            String path = i % 2 == 0 ? GENERATE : REFRESH;
            String contentType = random.nextInt(8) == 0 ? null : formTypes.get(random.nextInt(formTypes.size()));
            byte[] body = mutate(random, (i % 2 == 0 ? GENERATE_FORM : refreshForm).getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> response = post(i % 4 < 2 ? SHOP_KEY : ADMIN_KEY, path, contentType, body);
            assertContractShaped(response, path + " " + contentType + " " + HexFormat.of().formatHex(body));
            seen.add(response.statusCode());
        }
        // The fuzz reached past the reader into validation and success, not only parse errors.
        assertTrue(seen.containsAll(Set.of(400, 415, 422)) && (seen.contains(200) || seen.contains(201)), seen.toString());
    }

    /** One to three edits: a structural piece or random byte inserted, replaced or cut, or a member repeated. */
    static byte[] mutate(Random random, byte[] valid) {
        List<String> pieces = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\ud800", "&", "=", "%", "%zz",
                "%ff", "+", "xyz", "{}", "null", "\"third_id\":\"X\",", "filename=b.png&", "\u00e9", " ", "\u0000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(valid);
        byte[] bytes = out.toByteArray();
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(bytes.length + 1);
            byte[] piece = random.nextInt(4) == 0 ? new byte[] {(byte) random.nextInt(256)}
                    : pieces.get(random.nextInt(pieces.size())).getBytes(StandardCharsets.UTF_8);
            int cut = switch (random.nextInt(4)) {
                case 0 -> 0; // insert
                case 1 -> Math.min(bytes.length - at, 1 + random.nextInt(4)); // replace
                case 2 -> { piece = new byte[0]; yield Math.min(bytes.length - at, 1 + random.nextInt(4)); } // delete
                default -> { piece = new byte[0]; yield bytes.length - at; } // cut short
            };
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            next.write(bytes, 0, at);
            next.writeBytes(piece);
            next.write(bytes, at + cut, bytes.length - at - cut);
            bytes = next.toByteArray();
        }
        return bytes;
    }
}
