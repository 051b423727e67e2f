package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.JsonBodies;
import com.pimpmycase.image.ImageName;
import com.pimpmycase.web.JsonResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the order body path ({@link JsonBodies#object} then {@link OrderSubmissionParser#parse})
 * with random bytes and with mutations of a valid order (seeded, reproducible). For every input:
 * either a submission whose fields keep SPEC §4's rules, or a 400/413/422 whose body serialises in
 * the contract's shape; never any other exception.
 */
class OrderBodyFuzzTest {

    static final String ORDER = "{\"third_pay_id\":\"PYEN250828378395\",\"third_id\":\"OREN250828378396\","
            + "\"mobile_model_id\":\"MM102503290004\",\"pic\":\"https://h/image/design-1.png?token=1:end_user:ab\","
            + "\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS102503290010\"}";
    static final List<String> FIELDS = List.of("third_pay_id", "third_id", "mobile_model_id", "pic", "device_id",
            "mobile_shell_id");
    /** Pieces that move a parser across its boundaries: structure, escapes, odd values, odd characters. */
    static final List<String> PIECES = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00",
            "\\u0000", "\\n", "\"third_id\":\"X\"", "\"third_id\":", "\"pic\":\"a.png\"", "null", "true", "1e999",
            "-0", "01", "NaN", "//", "/*", "'", " ", "\t", "\u0000", "\u00e9", "\ud83d\ude00", "\ufeff", "xyz", "{}",
            "[[[[[[[[", "]]]]]]]]", "9".repeat(400));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<Integer> REFUSALS = Set.of(400, 413, 422);

    final Random random = new Random(20261202);
    int accepted;

    @Test
    void randomBytes() {
        for (int i = 0; i < 6_000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = '{'; // get past the first character more often
            }
            check(bytes);
        }
    }

    @Test
    void mutationsOfAValidOrder() {
        for (int i = 0; i < 12_000; i++) {
            check(mutate(ORDER, 1 + random.nextInt(4)).getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(accepted > 300, "only " + accepted + " mutations were still orders");
    }

    @Test
    void fieldsOfEveryJsonTypeAndShape() {
        List<String> values = List.of("null", "1", "-1.5e3", "true", "[]", "{}", "[\"A\"]", "{\"a\":\"A\"}", "\"\"",
                "\"A\"", "\" A\"", "\"A\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"" + "A".repeat(65) + "\"",
                "\"" + "A".repeat(64) + "\"", "\"a/b/\"", "\"..\"", "\"a.png?x\"", "\"#\"", "\"\u00e9.png\"");
        for (int i = 0; i < 3_000; i++) {
            StringBuilder body = new StringBuilder("{");
            for (String field : FIELDS) {
                if (random.nextInt(8) > 0) {
                    body.append(body.length() > 1 ? "," : "").append('"').append(field).append("\":")
                            .append(random.nextInt(3) == 0 ? values.get(random.nextInt(values.size())) : "\"A1\"");
                }
            }
            if (random.nextBoolean()) {
                body.append(body.length() > 1 ? "," : "").append("\"pay_amount\":")
                        .append(NUMBERS.get(random.nextInt(NUMBERS.size())));
            }
            if (random.nextBoolean()) {
                body.append(body.length() > 1 ? "," : "").append("\"pay_type\":")
                        .append(NUMBERS.get(random.nextInt(NUMBERS.size())));
            }
            check(body.append('}').toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Amounts and pay types at and beyond SPEC §4's bounds, in every way JSON can write a number. */
    static final List<String> NUMBERS = List.of("35", "35.0", "35.00", "35.000", "19.99", "0.001", "0", "-0", "-1",
            "1", "99", "100", "12.0", "100000", "100000.00", "100000.01", "1e2", "3.5E1", "1E-2", "1e999", "-1e999",
            "0.1", "99999999999999999999", "19.990000000000001", "null", "\"35.0\"", "true", "[]", "{}");

    private void check(byte[] body) {
        String shown = new String(body, StandardCharsets.UTF_8);
        try {
            OrderSubmission submission = OrderSubmissionParser.parse(new ByteArrayInputStream(body), false);
            accepted++;
            for (String id : List.of(submission.thirdPayId(), submission.thirdId(), submission.mobileModelId(),
                    submission.deviceId(), submission.mobileShellId())) {
                assertTrue(id.matches("[A-Za-z0-9_-]{1,64}"), shown);
            }
            assertTrue(ImageName.isValid(submission.pic()), shown);
            BigDecimal amount = submission.payAmount();
            assertTrue(amount == null || amount.scale() == 2 && amount.signum() > 0
                    && amount.compareTo(BigDecimal.valueOf(100000)) <= 0, shown);
            assertTrue(submission.payType() == null || submission.payType() >= 1 && submission.payType() <= 99, shown);
            // An accepted body followed by anything is no longer one JSON value.
            assertInvalidJson((shown + " xyz").getBytes(StandardCharsets.UTF_8));
            assertInvalidJson((shown + "{}").getBytes(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            assertContractShaped(e, shown);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("threw on " + shown, e);
        }
    }

    private static void assertInvalidJson(byte[] body) {
        try {
            JsonBodies.object(new ByteArrayInputStream(body));
        } catch (ApiException e) {
            assertEquals(400, e.status());
            return;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted " + new String(body, StandardCharsets.UTF_8));
    }

    /** A refusal the client can read: one of our statuses, a JSON body in SPEC §4's shape. */
    static void assertContractShaped(ApiException e, String shown) {
        assertTrue(REFUSALS.contains(e.status()), e.status() + " for " + shown);
        JsonNode body;
        try {
            body = JSON.readTree(JsonResponses.toBytes(e.body())); // what the mapper writes to the client
        } catch (IOException | RuntimeException failure) {
            throw new AssertionError("unwritable answer for " + shown, failure);
        }
        JsonNode detail = body.get("detail");
        if (e.status() == 413) {
            assertTrue(detail.isTextual(), shown);
            return;
        }
        assertTrue(detail.isArray() && !detail.isEmpty(), shown);
        for (JsonNode error : detail) {
            assertTrue(error.get("type").isTextual() && error.get("msg").isTextual(), shown);
            assertEquals("body", error.get("loc").get(0).asText(), shown);
            assertEquals(e.status() == 400, error.get("type").asText().equals("json_invalid"), shown);
            assertFalse(e.status() == 422 && !error.has("input"), shown);
        }
    }

    /** {@code count} edits: a random piece replaces, joins or cuts the text; or a member is repeated. */
    private String mutate(String text, int count) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(sb.length() + 1);
            String piece = PIECES.get(random.nextInt(PIECES.size()));
            switch (random.nextInt(6)) {
                case 0 -> sb.insert(at, piece);
                case 1 -> sb.replace(at, Math.min(sb.length(), at + 1 + random.nextInt(6)), piece);
                case 2 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(6)));
                case 3 -> sb.setLength(at);
                case 4 -> {
                    // Repeat one member, same or other value: a duplicate key the first parser might miss.
                    String field = FIELDS.get(random.nextInt(FIELDS.size()));
                    int close = sb.lastIndexOf("}");
                    if (close > 0) {
                        sb.insert(close, ",\"" + field + "\":\"" + (random.nextBoolean() ? "Z9" : "a.png") + "\"");
                    }
                }
                default -> sb.append(piece);
            }
        }
        return sb.toString();
    }
}
