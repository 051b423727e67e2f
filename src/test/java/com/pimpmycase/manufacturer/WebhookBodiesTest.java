package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.manufacturer.WebhookBodies.Field;
import com.pimpmycase.manufacturer.WebhookBodies.Kind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §9: webhook bodies read raw — each top-level value's text as received, for the sign. */
class WebhookBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode VECTORS = load();
    private static final String SYSTEM = VECTORS.get("systemName").asText();
    private static final String KEY = VECTORS.get("fixedKey").asText();
    private static final ManufacturerSign SIGN = new ManufacturerSign(SYSTEM, KEY);

    static JsonNode load() {
        try (InputStream in = WebhookBodiesTest.class.getResourceAsStream("/manufacturer-sign-vectors.json")) {
            return JSON.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> vectors() {
        List<Arguments> cases = new ArrayList<>();
        VECTORS.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
        return cases.stream();
    }

    static List<Field> json(String body) throws WebhookBodies.Unreadable {
        return WebhookBodies.json(body.getBytes(StandardCharsets.UTF_8));
    }

    static List<Field> form(String body) throws WebhookBodies.Unreadable {
        return WebhookBodies.form(body.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everySignVectorVerifiesOverTheRawFields(String name, JsonNode c) throws Exception {
        List<Field> fields = json(c.get("body").asText());
        assertTrue(SIGN.verify(WebhookBodies.signedView(fields), c.get("sign").asText()), name);
    }

    @Test
    void aNumberIsSignedAsWritten() throws Exception {
        String body = "{\"third_id\": \"PYEN1\", \"status\": 3, \"pay_amount\": 35.00}";
        String expected = md5("35.003PYEN1" + SYSTEM + KEY);
        assertTrue(SIGN.verify(WebhookBodies.signedView(json(body)), expected), "35.00 stays 35.00");
        assertFalse(SIGN.verify(WebhookBodies.signedView(json(body)), md5("35.03PYEN1" + SYSTEM + KEY)));
        // Exponents and negative zero too: the text, never a re-formatted number.
        assertEquals("1E2", json("{\"a\":1E2}").get(0).text());
        assertEquals("-0", json("{\"a\":-0}").get(0).text());
    }

    @Test
    void stringsAreSignedAsJsonDecodesThemUntrimmed() throws Exception {
        List<Field> fields = json("{\"third_id\":\" OR\\u00411 \",\"ok\":true,\"n\":null,\"o\":{\"x\":1},\"a\":[1]}");
        assertEquals(List.of(new Field("third_id", Kind.STRING, " ORA1 "), new Field("ok", Kind.BOOLEAN, "true"),
                new Field("n", Kind.NULL, null), new Field("o", Kind.STRUCTURE, null),
                new Field("a", Kind.STRUCTURE, null)), fields);
        assertEquals(md5("true ORA1 " + SYSTEM + KEY), SIGN.sign(WebhookBodies.signedView(fields)));
    }

    @Test
    void theForgeryOfSpec9SignsLikeTheOriginal() throws Exception {
        // Why unknown primitive fields are refused when sign is configured.
        assertEquals(SIGN.sign(WebhookBodies.signedView(json("{\"third_id\":\"OR123\"}"))),
                SIGN.sign(WebhookBodies.signedView(json("{\"third_id\":\"OR12\",\"zz\":\"3\"}"))));
    }

    @Test
    void formBodiesAreStringsDecodedFromTheBodyBytes() throws Exception {
        assertEquals(List.of(new Field("thirdId", Kind.STRING, "OR 1"), new Field("orderStatus", Kind.STRING, "8"),
                new Field("x", Kind.STRING, "é&="), new Field("empty", Kind.STRING, "")),
                form("thirdId=OR+1&orderStatus=8&x=%C3%A9%26%3D&empty"));
        assertEquals(md5("8OR 1é&=" + SYSTEM + KEY), SIGN.sign(WebhookBodies.signedView(
                form("thirdId=OR+1&orderStatus=8&x=%C3%A9%26%3D"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            repeated name      | status=3&status=4                | invalid form body: field "status" given twice
            bad escape         | status=%3                        | invalid form body: a bad %-escape
            bad escape digits  | status=%zz                       | invalid form body: a bad %-escape
            not UTF-8 escaped  | status=%C3                       | the body is not UTF-8 text
            nameless           | =3                               | invalid form body: a field without a name
            nothing            | &&                               | empty body: expected form fields
            """)
    void unreadableFormBodies(String name, String body, String why) {
        assertEquals(why, assertThrows(WebhookBodies.Unreadable.class, () -> form(body)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty            | ''                                   | empty body: expected a JSON object
            trailing object  | {"a":1} {}                           | invalid JSON: extra data after the JSON value
            trailing text    | {"a":1}x                             | invalid JSON
            duplicate key    | {"a":1,"a":2}                        | invalid JSON: Duplicate field "a"
            nested duplicate | {"o":{"b":1,"b":2}}                  | invalid JSON: Duplicate field "b"
            array            | [1]                                  | the body must be a JSON object
            string           | "x"                                  | the body must be a JSON object
            truncated        | {"a":                                | invalid JSON
            form text        | a=1&b=2                              | invalid JSON
            trailing value   | 1 2                                  | invalid JSON: extra data after the JSON value
            array then text  | [1] x                                | invalid JSON
            blank            | ' '                                  | empty body: expected a JSON object
            byte order mark  | \uFEFF{"a":1}                        | invalid JSON
            too deep         | {"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]} | invalid JSON
            """)
    void unreadableJson(String name, String body, String why) {
        assertEquals(why, assertThrows(WebhookBodies.Unreadable.class, () -> json(body)).getMessage());
    }

    @Test
    void invalidUtf8IsUnreadable() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertEquals("the body is not UTF-8 text",
                assertThrows(WebhookBodies.Unreadable.class, () -> WebhookBodies.json(body)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            application/x-www-form-urlencoded                | true
            Application/X-WWW-Form-Urlencoded; charset=UTF-8 | true
            application/json                                 | false
            text/plain                                       | false
            """)
    void formBodiesAreThoseAnnouncedAsForms(String contentType, boolean form) {
        assertEquals(form, WebhookBodies.isForm(contentType));
        assertFalse(WebhookBodies.isForm(null));
    }
}
