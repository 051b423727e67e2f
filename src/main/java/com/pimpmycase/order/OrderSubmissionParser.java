package com.pimpmycase.order;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.pimpmycase.api.JsonBodies;
import com.pimpmycase.api.Validator;
import com.pimpmycase.image.ImageName;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Reads a submission from the JSON body of {@code POST …/orderData}, collecting every 422 problem. */
final class OrderSubmissionParser {

    /** Reads the text of one member of a body {@link JsonBodies} has already accepted. */
    private static final JsonFactory SCANNER = new JsonFactory();

    private OrderSubmissionParser() {
    }

    /**
     * Reads the body as {@link JsonBodies#object} does (400, 413, 422 for a non-object), then its
     * fields. The body's text is kept for {@code pay_amount}, which is judged as it was written.
     *
     * @param payAmountRequired the payData flow delivers on submit: an order without pay_amount cannot go out
     */
    static OrderSubmission parse(InputStream body, boolean payAmountRequired) throws IOException {
        Recording recording = new Recording(body);
        JsonNode json = JsonBodies.object(recording);
        return parse(json, recording.text(), payAmountRequired);
    }

    /** @param source the text {@code body} was parsed from */
    static OrderSubmission parse(JsonNode body, String source, boolean payAmountRequired) {
        Validator v = Validator.body();
        String thirdPayId = v.id(body, "third_pay_id");
        String thirdId = v.id(body, "third_id");
        String mobileModelId = v.id(body, "mobile_model_id");
        String pic = picFilename(v, body);
        String deviceId = v.id(body, "device_id");
        String mobileShellId = v.id(body, "mobile_shell_id");
        BigDecimal payAmount = payAmount(v, body, source, payAmountRequired);
        Integer payType = payType(v, body);
        v.throwIfInvalid();
        return new OrderSubmission(thirdPayId, thirdId, mobileModelId, pic, deviceId, mobileShellId, payAmount, payType);
    }

    /** Absent or {@code null}: none (422 when required); else a JSON number judged on its text. */
    private static BigDecimal payAmount(Validator v, JsonNode body, String source, boolean required) {
        JsonNode value = body.get("pay_amount");
        if (value == null || value.isNull()) {
            if (required) {
                v.add("missing", "pay_amount", "Field required: this deployment registers each payment with the"
                        + " manufacturer (payData), which needs the amount", null);
            }
            return null;
        }
        if (!value.isNumber()) {
            v.add("decimal_type", "pay_amount", "Input should be a JSON number such as 35.0, not a "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT), value);
            return null;
        }
        String text = topLevelNumberText(source, "pay_amount");
        try {
            return PayAmount.parse(text);
        } catch (PayAmount.Invalid e) {
            // The number exactly as sent: as a double, 19.990000000000001 would be echoed as 19.99.
            v.add(e.type(), "pay_amount", e.getMessage(), text == null ? value : new RawValue(text), e.ctx());
            return null;
        }
    }

    /** A JSON integer 1..99: {@code 12.0}, {@code 1e1}, {@code "12"} and {@code true} are not. */
    private static Integer payType(Validator v, JsonNode body) {
        JsonNode value = body.get("pay_type");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            v.add("int_type", "pay_type", "Input should be a JSON integer such as 12 (12 app payment, 5 vending)",
                    value);
            return null;
        }
        if (value.bigIntegerValue().compareTo(BigInteger.ONE) < 0) {
            v.add("greater_than_equal", "pay_type", "Input should be greater than or equal to 1", value,
                    Map.of("ge", 1));
            return null;
        }
        if (value.bigIntegerValue().compareTo(BigInteger.valueOf(99)) > 0) {
            v.add("less_than_equal", "pay_type", "Input should be less than or equal to 99", value, Map.of("le", 99));
            return null;
        }
        return value.intValue();
    }

    /**
     * The text of the number that is member {@code field} of the top-level object in {@code source}
     * (already read whole by {@link JsonBodies}, so valid and without duplicate keys), or
     * {@code null} when there is none.
     */
    static String topLevelNumberText(String source, String field) {
        try (JsonParser parser = SCANNER.createParser(source)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    return value != null && value.isNumeric() ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // cannot happen for a body JsonBodies accepted; PayAmount then refuses null
        }
    }

    /** {@code pic} is the image's filename, or a URL whose last path segment is (its query ignored). */
    private static String picFilename(Validator v, JsonNode body) {
        String pic = v.string(body, "pic");
        if (pic == null) {
            return null;
        }
        String filename = ImageName.lastSegment(pic.strip());
        if (!ImageName.isValid(filename)) {
            v.add("image_name_invalid", "pic",
                    "pic should be an image filename or a URL whose last path segment is one", pic);
            return null;
        }
        return filename;
    }

    /** Keeps what is read through it: the body's text for {@link #topLevelNumberText}. */
    private static final class Recording extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not recorded");
        }

        /** What was read, as JsonBodies reads it: UTF-8 (already checked there), a leading BOM dropped. */
        String text() {
            String text = copy.toString(StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }
}
