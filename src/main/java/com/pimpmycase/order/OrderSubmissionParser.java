package com.pimpmycase.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.api.Validator;
import com.pimpmycase.image.ImageName;

/** Reads a submission from the JSON body of {@code POST …/orderData}, collecting every 422 problem. */
final class OrderSubmissionParser {

    private OrderSubmissionParser() {
    }

    static OrderSubmission parse(JsonNode body) {
        Validator v = Validator.body();
        String thirdPayId = v.id(body, "third_pay_id");
        String thirdId = v.id(body, "third_id");
        String mobileModelId = v.id(body, "mobile_model_id");
        String pic = picFilename(v, body);
        String deviceId = v.id(body, "device_id");
        String mobileShellId = v.id(body, "mobile_shell_id");
        v.throwIfInvalid();
        return new OrderSubmission(thirdPayId, thirdId, mobileModelId, pic, deviceId, mobileShellId);
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
