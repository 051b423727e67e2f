package com.pimpmycase.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.web.JsonResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Form bodies (SPEC §4 generate-secure-url, refresh-token): a form, or a contract-shaped refusal. */
class FormBodiesTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, List<String>> read(String body, String contentType) throws IOException {
        return read(body.getBytes(StandardCharsets.ISO_8859_1), contentType);
    }

    static Map<String, List<String>> read(byte[] body, String contentType) throws IOException {
        return FormBodies.read(new ByteArrayInputStream(body), contentType);
    }

    static JsonNode refusal(byte[] body, String contentType, int expectedStatus) throws IOException {
        ApiException e = assertThrows(ApiException.class, () -> read(body, contentType));
        assertEquals(expectedStatus, e.status(), e.getMessage());
        return JSON.readTree(JsonResponses.toBytes(e.body()));
    }

    // Each row: a body, and the form it is (name=[values]; …) in the order of appearance.
    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', emptyValue = "", textBlock = """
            ``                                   | ``
            filename=a.png                       | filename=[a.png]
            filename=a.png&expiry_hours=2        | filename=[a.png]; expiry_hours=[2]
            a=1&a=2&b=3&a=4                      | a=[1, 2, 4]; b=[3]
            a=1&&b=2&                            | a=[1]; b=[2]
            &a                                   | a=[]
            a=&b==                               | a=[]; b=[=]
            =x                                   | =[x]
            a+b=c+d                              | a b=[c d]
            a=%2B%26%3D%25                       | a=[+&=%]
            a=%c3%a9%E4%B8%AD                    | a=[é中]
            """)
    void bodiesAreReadAsForms(String body, String expected) throws IOException {
        Map<String, List<String>> form = read(body.getBytes(StandardCharsets.UTF_8), FORM);
        StringBuilder actual = new StringBuilder();
        form.forEach((name, values) -> actual.append(actual.length() > 0 ? "; " : "").append(name).append('=')
                .append(values.size() == 1 && values.get(0).isEmpty() ? "[]" : values.toString()));
        assertEquals(expected, actual.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {FORM, "APPLICATION/X-WWW-FORM-URLENCODED", FORM + ";charset=utf-8",
        FORM + "; charset=UTF-8", FORM + "; charset=\"utf-8\"", FORM + "; charset=us-ascii", FORM + ";",
        FORM + "; boundary=x"})
    void utf8FormTypesAreRead(String contentType) throws IOException {
        assertEquals(Map.of("a", List.of("é")), read("a=%C3%A9", contentType));
    }

    /** 415: the body may be fine, but its declared format is not one these endpoints take. */
    @ParameterizedTest
    @ValueSource(strings = {FORM + "; charset=bogus", FORM + "; charset=\"@@\"", FORM + "; charset=",
        FORM + "; charset", FORM + "; charset=utf-16", FORM + "; charset=UTF-16BE", FORM + "; charset=iso-8859-1",
        FORM + "; charset=utf-8; charset=latin1", "application/json", "text/plain", "multipart/form-data",
        "application/x-www-form-urlencodedx", "*/*"})
    void otherTypesAndCharsetsAre415(String contentType) throws IOException {
        JsonNode body = refusal("a=1".getBytes(StandardCharsets.US_ASCII), contentType, 415);
        assertTrue(body.get("detail").asText().startsWith("Unsupported Media Type"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void noContentTypeIsAnEmptyFormWhenThereIsNoContentAnd415Otherwise(String contentType) throws IOException {
        assertEquals(Map.of(), read(new byte[0], contentType));
        refusal("filename=a.png".getBytes(StandardCharsets.US_ASCII), contentType, 415);
    }

    @Test
    void absentBodyIsAnEmptyForm() throws IOException {
        assertEquals(Map.of(), FormBodies.read(null, FORM));
    }

    // Each row: a body (hex) in the right format that cannot be decoded, and why.
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            613d25                 | '%' at the end
            613d2541               | '%' with one digit
            613d257a7a             | '%' with non-hex digits
            25                     | '%' alone
            613d25ff               | '%' then a non-ASCII byte
            613d256666             | decoded byte 0xff is not UTF-8
            613d2563332532383d     | cut UTF-8 sequence
            613dff                 | raw byte 0xff
            613dc0af               | overlong UTF-8
            613deda080             | UTF-8-encoded surrogate
            """)
    void undecodableBodiesAre400FormInvalid(String hex, String why) throws IOException {
        JsonNode error = refusal(HexFormat.of().parseHex(hex), FORM, 400).get("detail").get(0);
        assertEquals("form_invalid", error.get("type").asText(), why);
        assertEquals("[\"body\"]", error.get("loc").toString(), why);
        assertTrue(error.get("msg").asText().startsWith("Form decode error: "), why);
    }

    @Test
    void rawUtf8IsReadAsIs() throws IOException {
        assertEquals(Map.of("a", List.of("é")), read("a=é".getBytes(StandardCharsets.UTF_8), FORM));
    }

    @Test
    void tooLargeIs413() throws IOException {
        byte[] body = ("a=" + "x".repeat(JsonBodies.MAX_BYTES)).getBytes(StandardCharsets.US_ASCII);
        refusal(body, FORM, 413);
    }

    /** Random bytes and random content types: a form or a 400/413/415 in the contract's shape, nothing else. */
    @Test
    void fuzz() throws IOException {
        Random random = new Random(20261202);
        String alphabet = "a=&%+0123456789abcdefABCDEFxyz_-.:;\"' \u00e9\u00ff\u0000";
        List<String> types = List.of(FORM, FORM + "; charset=utf-8", FORM + "; charset=bogus", "", "text/plain",
                FORM + "; charset=\"", FORM + ";;;=;", FORM + "; charset=\u00e9");
        for (int i = 0; i < 10_000; i++) {
            byte[] body;
            if (random.nextBoolean()) {
                body = new byte[random.nextInt(200)];
                random.nextBytes(body);
            } else {
                StringBuilder sb = new StringBuilder();
                for (int n = random.nextInt(200); n > 0; n--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                body = sb.toString().getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
            String contentType = random.nextInt(10) == 0 ? null : types.get(random.nextInt(types.size()));
            try {
                read(body, contentType).values().forEach(values -> assertTrue(!values.isEmpty()));
            } catch (ApiException e) {
                assertTrue(List.of(400, 413, 415).contains(e.status()), e.getMessage());
                JsonNode detail = JSON.readTree(JsonResponses.toBytes(e.body())).get("detail");
                assertTrue(detail.isTextual() || detail.get(0).get("type").asText().equals("form_invalid"));
            } catch (RuntimeException e) {
                throw new AssertionError("threw on " + HexFormat.of().formatHex(body) + " as " + contentType, e);
            }
        }
    }
}
