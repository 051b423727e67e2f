package com.pimpmycase.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One reading only: each way a body can fail to be one strict JSON value, by its {@link StrictJson.Problem}. */
class StrictJsonTest {

    private static final StrictJson STRICT = new StrictJson(4);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                     | NO_VALUE
            ' \t\r\n'              | NO_VALUE
            {} {}                  | EXTRA_DATA
            1 2                    | EXTRA_DATA
            '"a" "b"'              | EXTRA_DATA
            {"a":1,"a":2}          | DUPLICATE_KEY
            {"o":[{"b":1,"b":2}]}  | DUPLICATE_KEY
            {}x                    | MALFORMED
            {"a":                  | MALFORMED
            {'a':1}                | MALFORMED
            {"a":NaN}              | MALFORMED
            {} // comment          | MALFORMED
            [[[[[1]]]]]            | MALFORMED
            \uFEFF{}               | MALFORMED
            """)
    void problems(String text, StrictJson.Problem problem) {
        StrictJson.Invalid invalid = assertThrows(StrictJson.Invalid.class, () -> STRICT.tree(text));
        assertEquals(problem, invalid.problem());
    }

    @Test
    void theParsersWordsComeWithoutTheBody() {
        StrictJson.Invalid invalid = assertThrows(StrictJson.Invalid.class, () -> STRICT.tree("{\"secret\":1,\"secret\":2}"));
        assertEquals("Duplicate field 'secret'", invalid.getMessage()); // no "[Source: …]" echo of the text
    }

    @Test
    void oneValueWithinTheDepthIsRead() throws Exception {
        assertEquals(new ObjectMapper().readTree("{\"a\":[[[1]]],\"b\":{\"a\":2}}"),
                STRICT.tree(" {\"a\":[[[1]]],\"b\":{\"a\":2}} \n"));
    }

    @Test
    void aReaderSeesTheFirstTokenAndTheRestIsStillChecked() throws Exception {
        assertEquals(JsonToken.START_ARRAY, STRICT.read("[1]", parser -> {
            JsonToken first = parser.currentToken();
            parser.skipChildren();
            return first;
        }));
        StrictJson.Invalid invalid = assertThrows(StrictJson.Invalid.class, () -> STRICT.read("[1] [2]", parser -> {
            parser.skipChildren();
            return null;
        }));
        assertEquals(StrictJson.Problem.EXTRA_DATA, invalid.problem());
    }

    @Test
    void utf8IsDecodedStrictly() throws Exception {
        assertEquals("é", StrictJson.utf8("é".getBytes(StandardCharsets.UTF_8)));
        for (String hex : new String[] {"ff", "c0af", "eda080", "c3"}) {
            assertEquals(StrictJson.Problem.NOT_UTF8, assertThrows(StrictJson.Invalid.class,
                    () -> StrictJson.utf8(HexFormat.of().parseHex(hex))).problem(), hex);
        }
    }
}
