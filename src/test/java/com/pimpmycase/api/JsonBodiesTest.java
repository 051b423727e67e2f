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
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4 body reading: one JSON object, read one way only; everything else a contract-shaped 4xx. */
class JsonBodiesTest {

    static final String ORDER = "{\"third_pay_id\":\"P1\",\"third_id\":\"O1\",\"mobile_model_id\":\"M1\","
            + "\"pic\":\"a.png\",\"device_id\":\"D1\",\"mobile_shell_id\":\"S1\"}";

    static JsonNode read(byte[] body) throws IOException {
        return JsonBodies.object(new ByteArrayInputStream(body));
    }

    /** The refusal's status and its body as the client receives it. */
    static JsonNode refusal(byte[] body, int expectedStatus) throws IOException {
        ApiException e = assertThrows(ApiException.class, () -> read(body));
        assertEquals(expectedStatus, e.status(), e.getMessage());
        return new ObjectMapper().readTree(JsonResponses.toBytes(e.body()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        ORDER,
        " \n\t" + ORDER + " \r\n ",
        "{}",
        "{\"a\":{\"b\":1},\"c\":{\"b\":2}}", // the same key in two different objects is fine
        "{\"a\":[{\"k\":1},{\"k\":2}]}",
        "{\"third_id\":\"\u00e9\u4e2d\ud83d\ude00\"}",
    })
    void oneObjectIsRead(String body) throws IOException {
        assertEquals(new ObjectMapper().readTree(body), read(body.getBytes(StandardCharsets.UTF_8)));
    }

    // Each row: what follows or replaces a valid body, and why it is not one JSON object read one way.
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ORDER xyz                                   | trailing text
            ORDER{}                                     | trailing object
            ORDER {"a":1}                               | trailing object
            'ORDER,'                                    | trailing comma
            ORDER]                                      | trailing bracket
            ORDER}                                      | trailing brace
            ORDER"x"                                    | trailing string
            ORDER 1                                     | trailing number
            ORDER null                                  | trailing null
            {"third_id":"A","third_id":"B"}             | duplicate key
            {"third_id":"A","x":1,"third_id":"A"}       | duplicate key, same value
            {"a":{"k":1,"k":2}}                         | duplicate nested key
            {"a":[{"k":1,"k":2}]}                       | duplicate key in an array's object
            '{"third_id":"A",}'                         | trailing comma inside
            {'third_id':'A'}                            | single quotes
            {third_id:"A"}                              | unquoted name
            {"a":NaN}                                   | NaN
            {"a":01}                                    | leading zero
            {"a":1}//x                                  | comment
            {"a":"\\x"}                                 | bad escape
            {"a":"1                                     | unterminated string
            {"a":                                       | cut short
            '   '                                       | whitespace only
            """)
    void anythingElseIsJsonInvalid(String body, String why) throws IOException {
        JsonNode error = refusal(body.replace("ORDER", ORDER).getBytes(StandardCharsets.UTF_8), 400)
                .get("detail").get(0);
        assertEquals("json_invalid", error.get("type").asText(), why);
        assertEquals("[\"body\"]", error.get("loc").toString(), why);
        assertTrue(error.get("msg").asText().startsWith("JSON decode error: "), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ff7b7d           | not UTF-8
            7b2261223a2280227d | lone continuation byte in a string
            7b2261223ac0af7d | overlong encoding
            7b2261223aeda080227d | UTF-8-encoded surrogate
            feff007b007d     | UTF-16 with its byte order mark
            007b007d         | UTF-16 without one
            7b7d00           | trailing NUL
            """)
    void bytesThatAreNotOneUtf8JsonTextAreJsonInvalid(String hex, String why) throws IOException {
        JsonNode error = refusal(HexFormat.of().parseHex(hex), 400).get("detail").get(0);
        assertEquals("json_invalid", error.get("type").asText(), why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"efbbbf7b7d", "efbbbf7b2261223a317d"})
    void aLeadingUtf8ByteOrderMarkIsIgnored(String hex) throws IOException {
        assertTrue(read(HexFormat.of().parseHex(hex)).isObject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[" + ORDER + "]", "\"text\"", "1", "null", "true"})
    void otherJsonValuesAre422ModelAttributesType(String body) throws IOException {
        JsonNode error = refusal(body.getBytes(StandardCharsets.UTF_8), 422).get("detail").get(0);
        assertEquals("model_attributes_type", error.get("type").asText());
        assertTrue(error.has("input"));
    }

    @ParameterizedTest
    @ValueSource(ints = {JsonBodies.MAX_NESTING_DEPTH + 1, 1000, 20_000})
    void deepNestingIsJsonInvalid(int depth) throws IOException {
        String body = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertEquals("json_invalid", refusal(body.getBytes(StandardCharsets.UTF_8), 400)
                .get("detail").get(0).get("type").asText());
    }

    @Test
    void anEmptyBodyIsAMissingBody() throws IOException {
        JsonNode error = refusal(new byte[0], 422).get("detail").get(0);
        assertEquals("missing", error.get("type").asText());
        assertEquals("[\"body\"]", error.get("loc").toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {JsonBodies.MAX_BYTES + 1, 10 * JsonBodies.MAX_BYTES})
    void tooLargeIs413(int length) throws IOException {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) ' ');
        assertEquals("Request body too large", refusal(body, 413).get("detail").asText());
    }

    /** The words of each kind of refusal, as SPEC §4's clients see them (pinned before StrictJson; \\uFEFF is a BOM). */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ' '                   | No JSON value in the body
            {"a":1} {}            | Extra data after the JSON value
            {"a":1}x              | Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            {"a":1,"a":2}         | Duplicate field 'a'
            {"o":{"b":1,"b":2}}   | Duplicate field 'b'
            {"a":                 | Unexpected end-of-input within/between Object entries
            {"a":01}              | Invalid numeric value: Leading zeroes not allowed
            \uFEFF\uFEFF{}        | Unexpected character ('\uFEFF' (code 65279 / 0xfeff)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            """)
    void eachRefusalSaysWhy(String body, String why) throws IOException {
        JsonNode error = refusal(body.getBytes(StandardCharsets.UTF_8), 400).get("detail").get(0);
        assertEquals("JSON decode error: " + why, error.get("msg").asText());
    }

    @Test
    void oneByteOrderMarkIsSkippedAndBytesThatAreNotUtf8SaySo() throws IOException {
        assertEquals(new ObjectMapper().readTree("{\"a\":1}"),
                read("\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("JSON decode error: The body is not UTF-8 text",
                refusal(HexFormat.of().parseHex("7bc37d"), 400).get("detail").get(0).get("msg").asText());
    }

    @Test
    void nestingDeeperThan32IsRefusedWithTheParsersWords() throws IOException {
        String body = "[".repeat(40);
        assertTrue(refusal(body.getBytes(StandardCharsets.UTF_8), 400).get("detail").get(0).get("msg").asText()
                .startsWith("JSON decode error: Document nesting depth (33) exceeds the maximum allowed (32"));
    }
}
