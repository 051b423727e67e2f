package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pimpmycase.manufacturer.WebhookCall.Hook;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §9's fields of the two webhooks: aliases, string status, trimmed ids, unknown fields. */
class WebhookCallTest {

    static WebhookCall.Reading read(Hook hook, String json) throws Exception {
        List<WebhookBodies.Field> body = WebhookBodies.json(json.getBytes(StandardCharsets.UTF_8));
        return WebhookCall.read(hook, WebhookCall.fields(hook, body));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                  | {"third_id":"OR1","status":8,"queue_no":"001","id":"M1"}
            camel case             | {"thirdId":"OR1","orderStatus":8,"queueNo":"001","chineseOrderId":"M1"}
            order_id, string status| {"order_id":"OR1","status":"8","queue_number":"001","chinese_order_id":"M1"}
            orderId, white space   | {"orderId":"  OR1\\t","status":"08","queueNumber":" 001 ","id":"M1 "}
            """)
    void statusUpdateAliasesAreTheSameFields(String name, String json) throws Exception {
        assertEquals(new WebhookCall("OR1", 8, "001", "M1", null), read(Hook.STATUS_UPDATE, json).call());
    }

    @Test
    void payStatusTakesThirdIdAliasesAndPayAmount() throws Exception {
        assertEquals(new WebhookCall("PYEN1", 3, null, null, "35.00"),
                read(Hook.PAY_STATUS, "{\"thirdId\":\"PYEN1\",\"status\":\"3\",\"pay_amount\":35.00}").call());
        // order_id is status-update's alias only: on payStatus it is an unknown field
        assertEquals(List.of("third_id is required"),
                read(Hook.PAY_STATUS, "{\"order_id\":\"PYEN1\",\"status\":3}").problems());
        assertEquals(List.of("order_id"), WebhookCall.unknownSigned(Hook.PAY_STATUS,
                WebhookBodies.json("{\"order_id\":\"PYEN1\",\"status\":3}".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            two names of third_id | {"third_id":"OR1","thirdId":"OR1","status":8}  | field third_id given twice (as third_id and thirdId)
            alias null too        | {"status":8,"orderStatus":null,"third_id":"A"} | field status given twice (as status and orderStatus)
            two queue aliases     | {"queueNo":"1","queue_number":"1"}             | field queue_no given twice (as queueNo and queue_number)
            """)
    void aFieldGivenTwiceIsUnreadable(String name, String json, String why) {
        assertEquals(why, assertThrows(WebhookBodies.Unreadable.class, () -> WebhookCall.fields(Hook.STATUS_UPDATE,
                WebhookBodies.json(json.getBytes(StandardCharsets.UTF_8)))).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status text not digits | {"third_id":"A","status":"8a"}    | status must be an integer or a string of digits
            status text spaced     | {"third_id":"A","status":" 8"}    | status must be an integer or a string of digits
            status fraction        | {"third_id":"A","status":8.0}     | status must be an integer or a string of digits
            status boolean         | {"third_id":"A","status":true}    | status must be an integer or a string of digits
            status string 17       | {"third_id":"A","status":"17"}    | status must be between 1 and 16
            status string 0        | {"third_id":"A","status":"0"}     | status must be between 1 and 16
            status huge string     | {"third_id":"A","status":"99999999999999999999"} | status must be between 1 and 16
            status negative        | {"third_id":"A","status":-1}      | status must be between 1 and 16
            id only spaces         | {"third_id":"   ","status":8}     | third_id must be 1-64 characters of A-Z a-z 0-9 _ -
            id inner space         | {"third_id":"O R","status":8}     | third_id must be 1-64 characters of A-Z a-z 0-9 _ -
            queue_no number        | {"third_id":"A","status":8,"queue_no":1} | queue_no must be a string
            """)
    void badFields(String name, String json, String why) throws Exception {
        WebhookCall.Reading reading = read(Hook.STATUS_UPDATE, json);
        assertNull(reading.call());
        assertEquals(List.of(why), reading.problems());
    }

    @Test
    void payAmountMustBeANumber() throws Exception {
        assertEquals(List.of("pay_amount must be a number"),
                read(Hook.PAY_STATUS, "{\"third_id\":\"P\",\"status\":3,\"pay_amount\":\"lots\"}").problems());
        assertEquals(List.of("pay_amount must be a number"),
                read(Hook.PAY_STATUS, "{\"third_id\":\"P\",\"status\":3,\"pay_amount\":true}").problems());
        assertEquals("19.99", read(Hook.PAY_STATUS, "{\"third_id\":\"P\",\"status\":3,\"pay_amount\":\"19.99\"}")
                .call().payAmount()); // a form body's amount is text
    }

    @Test
    void unknownSignedFieldsAreThePrimitivesThatAreNoFieldOrAlias() throws Exception {
        String json = "{\"third_id\":\"OR12\",\"zz\":\"3\",\"n\":null,\"o\":{},\"a\":[],\"b\":false,\"x\":1.5,"
                + "\"queueNo\":\"1\"}";
        assertEquals(List.of("zz", "b", "x"), WebhookCall.unknownSigned(Hook.STATUS_UPDATE,
                WebhookBodies.json(json.getBytes(StandardCharsets.UTF_8))));
    }
}
