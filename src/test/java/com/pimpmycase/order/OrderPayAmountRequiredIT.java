package com.pimpmycase.order;

import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §4: a missing {@code pay_amount} is 422 only in a deployment whose manufacturer is sent
 * {@code payData} on submit ({@code paymentFlow=payData}, {@code deliverOn=submit}); with
 * {@code payStatus}, {@code none}, or delivery on payment, the order is stored without it. One
 * deployment per configuration on embedded Jetty (the check is the configuration's, not the
 * server's; {@link OrderApiContract} runs the field rules on every server). The manufacturer is a
 * closed port: these orders' deliveries only fail to connect, which the API does not wait for.
 */
class OrderPayAmountRequiredIT {

    static final String IMAGE = "order-pay-required-1.png";

    @ParameterizedTest(name = "paymentFlow={0}, deliverOn={1}: pay_amount required {2}")
    @CsvSource({
        // Three deployments: the rest of the (paymentFlow, deliverOn) table is ServiceConfigLoaderTest's.
        "payData,   ,        true", // deliverOn's default is submit
        "payStatus, submit,  false",
        "payData,   payment, false",
    })
    void missingPayAmountIs422OnlyWithPayDataOnSubmit(String paymentFlow, String deliverOn, boolean required)
            throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-pay-required");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com/");
        entries.put("pimpmycase/manufacturer/baseUrl", "http://127.0.0.1:9/en");
        entries.put("pimpmycase/manufacturer/account", "acc-factory");
        entries.put("pimpmycase/manufacturer/password", "pa55-w0rd-never-logged");
        entries.put("pimpmycase/manufacturer/fixedKey", "fixed-key-never-logged");
        entries.put("pimpmycase/manufacturer/paymentFlow", paymentFlow);
        if (deliverOn != null) {
            entries.put("pimpmycase/manufacturer/deliverOn", deliverOn);
        }
        try (ServiceUnderTest war = ServerKind.EMBEDDED_JETTY.deploy(entries)) {
            war.storeImage(IMAGE, OrderApiContract.IMAGE_BYTES);
            ApiCaller api = new ApiCaller(war);

            for (String absent : new String[] {"", ",\"pay_amount\":null", ",\"pay_type\":12"}) {
                HttpResponse<byte[]> response = api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                        OrderApiContract.order("OREN-NOPAY", IMAGE).replace("}", absent + "}"));
                if (required) {
                    JsonNode error = OrderApiContract.onlyError(response, 422);
                    assertEquals("missing", error.get("type").asText());
                    assertEquals("[\"body\",\"pay_amount\"]", error.get("loc").toString());
                } else {
                    assertEquals(absent.isEmpty() ? 201 : absent.contains("pay_type") ? 409 : 200,
                            response.statusCode(), absent + ": " + text(response));
                }
            }

            HttpResponse<byte[]> paid = api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                    OrderApiContract.paid("OREN-PAID", "\"pay_amount\":35,\"pay_type\":12").replace(
                            OrderApiContract.IMAGE, IMAGE));
            assertEquals(201, paid.statusCode(), text(paid));
            assertEquals(OrderApiContract.ORDER_DATA_FIELDS, OrderApiContract.fieldNames(json(paid)));
            // Still judged like everywhere else: a wrong amount is its own error, not "missing".
            JsonNode wrong = OrderApiContract.onlyError(api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                    OrderApiContract.paid("OREN-WRONG", "\"pay_amount\":\"35.0\"").replace(
                            OrderApiContract.IMAGE, IMAGE)), 422);
            assertEquals("decimal_type", wrong.get("type").asText());
        }
    }
}
