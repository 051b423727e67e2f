package com.pimpmycase.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.api.Validator;
import com.pimpmycase.image.ImageName;
import java.math.BigDecimal;

/** Reads a submission from the JSON body of {@code POST …/orderData}, collecting every 422 problem. */
final class OrderSubmissionParser {

    private OrderSubmissionParser() {
    }

    /** @param payAmountRequired the payData flow delivers on submit: an order without pay_amount cannot go out */
    static OrderSubmission parse(JsonNode body, boolean payAmountRequired) {
        Validator v = Validator.body();
        String thirdPayId = v.id(body, "third_pay_id");
        String thirdId = v.id(body, "third_id");
        String mobileModelId = v.id(body, "mobile_model_id");
        String pic = picFilename(v, body);
        String deviceId = v.id(body, "device_id");
        String mobileShellId = v.id(body, "mobile_shell_id");
        BigDecimal payAmount = payAmount(v, body, payAmountRequired);
        Integer payType = payType(v, body);
        v.throwIfInvalid();
        return new OrderSubmission(thirdPayId, thirdId, mobileModelId, pic, deviceId, mobileShellId, payAmount, payType);
    }

    private static BigDecimal payAmount(Validator v, JsonNode body, boolean required) {
        JsonNode value = body.get("pay_amount");
        if (value == null || value.isNull()) {
            if (required) {
                v.add("missing", "pay_amount", "Field required: this deployment registers each payment with the"
                        + " manufacturer (payData), which needs the amount", null);
            }
            return null;
        }
        BigDecimal amount = PayAmount.of(value);
        if (amount == null) {
            v.add(value.isNumber() ? "decimal_invalid" : "decimal_type", "pay_amount",
                    "Input should be a number above 0 and at most 100000 with at most 2 decimal places", value);
        }
        return amount;
    }

    private static Integer payType(Validator v, JsonNode body) {
        JsonNode value = body.get("pay_type");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > 99) {
            v.add(value.isIntegralNumber() ? "int_range" : "int_type", "pay_type",
                    "Input should be a whole number from 1 to 99 (12 app payment, 5 vending)", value);
            return null;
        }
        return value.intValue();
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
}
