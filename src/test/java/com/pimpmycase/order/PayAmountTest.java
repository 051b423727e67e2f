package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.api.ApiException;
import com.pimpmycase.web.JsonResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §4's {@code pay_amount} and {@code pay_type}, through the whole body path ({@link
 * OrderSubmissionParser#parse(java.io.InputStream, boolean)}): what is accepted, held as what, and
 * what is refused with which 422 type at which {@code loc}.
 */
class PayAmountTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String IDS = "\"third_pay_id\":\"PYEN1\",\"third_id\":\"OREN1\",\"mobile_model_id\":\"MM1\","
            + "\"pic\":\"design.png\",\"device_id\":\"D1\",\"mobile_shell_id\":\"MS1\"";

    static OrderSubmission parse(String extra, boolean required) {
        String body = "{" + IDS + (extra.isEmpty() ? "" : "," + extra) + "}";
        try {
            return OrderSubmissionParser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), required);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The one 422 error of {@code extra}, as the client reads it. */
    static JsonNode refusal(String extra, boolean required) {
        try {
            OrderSubmission accepted = parse(extra, required);
            return fail("accepted " + extra + " as " + accepted);
        } catch (ApiException e) {
            assertEquals(422, e.status(), extra);
            try {
                JsonNode detail = JSON.readTree(JsonResponses.toBytes(e.body())).get("detail");
                assertEquals(1, detail.size(), detail.toString());
                return detail.get(0);
            } catch (IOException io) {
                throw new AssertionError(io);
            }
        }
    }

    @ParameterizedTest(name = "pay_amount {0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "35        | 35.00",
        "35.0      | 35.00",
        "35.00     | 35.00",
        "19.99     | 19.99",
        "0.5       | 0.50",
        "0.01      | 0.01",
        "100000    | 100000.00",
        "100000.00 | 100000.00",
    })
    void acceptedAmountsAreHeldWithScaleTwo(String written, String held) {
        BigDecimal amount = parse("\"pay_amount\":" + written, true).payAmount();
        assertEquals(new BigDecimal(held), amount);
        assertEquals(2, amount.scale());
    }

    @Test
    void thirtyFiveWrittenThreeWaysIsOneOrder() {
        OrderSubmission plain = parse("\"pay_amount\":35,\"pay_type\":12", false);
        assertEquals(plain, parse("\"pay_amount\":35.0,\"pay_type\":12", false));
        assertEquals(plain, parse("\"pay_type\":12,\"pay_amount\":35.00", false));
        assertNotEquals(plain, parse("\"pay_type\":12", false), "absent differs from given");
        assertNotEquals(plain, parse("\"pay_amount\":35", false), "absent pay_type differs from given");
        assertNotEquals(plain, parse("\"pay_amount\":35.01,\"pay_type\":12", false));
        assertEquals(parse("", false), parse("\"pay_amount\":null,\"pay_type\":null", false), "null is absent");
    }

    @ParameterizedTest(name = "pay_amount {0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
        "0.001              | decimal_max_places | 0.001",
        "35.000             | decimal_max_places | 35.000",
        "19.990000000000001 | decimal_max_places | 19.990000000000001",
        "0                  | greater_than       | 0",
        "0.00               | greater_than       | 0.00",
        "-0                 | greater_than       | -0",
        "-1                 | greater_than       | -1",
        "100000.01          | less_than_equal    | 100000.01",
        "1000000            | less_than_equal    | 1000000",
        "1e2                | decimal_parsing    | 1e2",
        "3.5E1              | decimal_parsing    | 3.5E1",
        "1E+2               | decimal_parsing    | 1E+2",
        "35.0e0             | decimal_parsing    | 35.0e0",
        "1e999              | decimal_parsing    | 1e999",
        "'\"35.0\"'         | decimal_type       | '\"35.0\"'",
        "true               | decimal_type       | true",
        "[35]               | decimal_type       | [35]",
        "{}                 | decimal_type       | {}",
    })
    void refusedAmounts(String written, String type, String echoed) {
        JsonNode error = refusal("\"pay_amount\":" + written, false);
        assertEquals(type, error.get("type").asText(), error.toString());
        assertEquals("[\"body\",\"pay_amount\"]", error.get("loc").toString());
        // As sent, in the bytes the client gets (a reader's double would show 19.99 for 19.990000000000001).
        assertEquals(echoed, written(() -> parse("\"pay_amount\":" + written, false))
                .replaceFirst("^.*\"input\":(.*),\"ctx\".*$|^.*\"input\":(.*)}]}$", "$1$2"));
    }

    /** The 422 body as the client reads it. */
    static String written(Runnable parsing) {
        ApiException e = assertThrows(ApiException.class, parsing::run);
        return new String(JsonResponses.toBytes(e.body()), StandardCharsets.UTF_8);
    }

    @Test
    void missingAmountIs422OnlyWhenRequired() {
        assertNull(parse("", false).payAmount());
        assertNull(parse("\"pay_amount\":null", false).payAmount());
        for (String extra : new String[] {"", "\"pay_amount\":null", "\"pay_type\":12"}) {
            JsonNode error = refusal(extra, true);
            assertEquals("missing", error.get("type").asText());
            assertEquals("[\"body\",\"pay_amount\"]", error.get("loc").toString());
        }
    }

    @ParameterizedTest(name = "pay_type {0}")
    @CsvSource(delimiter = '|', value = {"1 | 1", "12 | 12", "99 | 99"})
    void acceptedPayTypes(String written, int held) {
        assertEquals(held, parse("\"pay_type\":" + written, false).payType());
    }

    @ParameterizedTest(name = "pay_type {0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
        "0                      | greater_than_equal",
        "-12                    | greater_than_equal",
        "100                    | less_than_equal",
        "99999999999999999999   | less_than_equal",
        "35.0                   | int_type",
        "12.0                   | int_type",
        "1e1                    | int_type",
        "'\"12\"'               | int_type",
        "true                   | int_type",
    })
    void refusedPayTypes(String written, String type) {
        JsonNode error = refusal("\"pay_type\":" + written, false);
        assertEquals(type, error.get("type").asText(), error.toString());
        assertEquals("[\"body\",\"pay_type\"]", error.get("loc").toString());
    }

    @Test
    void theNumberIsFoundOnlyAsAMemberOfTheTopObject() {
        String source = "{\"note\":{\"pay_amount\":1e2},\"list\":[{\"pay_amount\":2}],\"pay_amount\":35.0}";
        assertEquals("35.0", OrderSubmissionParser.topLevelNumberText(source, "pay_amount"));
        assertEquals(new BigDecimal("35.00"),
                parse("\"note\":{\"pay_amount\":1e2},\"pay_amount\":35.0", true).payAmount());
        assertNull(OrderSubmissionParser.topLevelNumberText("{\"note\":{\"pay_amount\":1}}", "pay_amount"));
        // A leading byte order mark, which JsonBodies skips, does not hide the number.
        byte[] bom = ("\uFEFF{" + IDS + ",\"pay_amount\":19.99}").getBytes(StandardCharsets.UTF_8);
        try {
            assertEquals(new BigDecimal("19.99"), OrderSubmissionParser.parse(new ByteArrayInputStream(bom), true).payAmount());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyFieldProblemIsReportedTogether() throws IOException {
        ApiException e = assertThrows(ApiException.class, () -> parse("\"pay_amount\":\"35.0\",\"pay_type\":35.0", true));
        JsonNode detail = JSON.readTree(JsonResponses.toBytes(e.body())).get("detail");
        assertEquals("[\"body\",\"pay_amount\"]", detail.get(0).get("loc").toString());
        assertEquals("[\"body\",\"pay_type\"]", detail.get(1).get("loc").toString());
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(delimiter = '|', value = {
        "35.00     | 35.0",
        "19.99     | 19.99",
        "0.50      | 0.5",
        "0.01      | 0.01",
        "100000.00 | 100000.0",
        "19.90     | 19.9",
    })
    void writtenAsTheManufacturersClientWritesNumbers(String held, String written) throws IOException {
        BigDecimal amount = new BigDecimal(held);
        assertEquals(written, PayAmount.wireText(amount));
        assertEquals(written, JsonResponses.MAPPER.writeValueAsString(PayAmount.forWire(amount)));
    }

    @Test
    void aSubmissionHoldsItsAmountWithScaleTwoHoweverBuilt() {
        OrderSubmission a = new OrderSubmission("P", "T", "M", "p.png", "D", "S", new BigDecimal("35"), 12);
        OrderSubmission b = new OrderSubmission("P", "T", "M", "p.png", "D", "S", new BigDecimal("35.0"), 12);
        assertEquals(a, b);
        assertEquals(2, a.payAmount().scale());
        assertThrows(ArithmeticException.class,
                () -> new OrderSubmission("P", "T", "M", "p.png", "D", "S", new BigDecimal("35.001"), 12));
    }
}
