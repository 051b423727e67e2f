package com.pimpmycase.manufacturer;

import com.pimpmycase.lifecycle.Lifecycle;
import static com.pimpmycase.manufacturer.WebhookIT.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What of the webhooks (SPEC §9) depends on the container, on every server: a form body read from
 * the body bytes only (never the query string, whatever the container merges into its
 * parameters), and the source address behind a trusted proxy ({@code X-Forwarded-For}, the
 * container's remote address). {@code webhookAuth} {@code sign,allowlist}: the test client is
 * 127.0.0.1, a trusted proxy; the allowed manufacturer is 203.0.113.0/24.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookServersIT {

    static final String PAY = WebhookIT.PAY;
    static final String UPDATE = WebhookIT.UPDATE;

    @Parameter
    ServerKind kind;
    ManufacturerSimulator simulator;
    ServiceUnderTest war;

    @BeforeParameterizedClassInvocation
    void deploy() throws Exception {
        simulator = ManufacturerSimulator.started("acc-factory", "pa55-word-webhook", WebhookIT.FIXED_KEY,
                WebhookIT.SYSTEM);
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-webhook-servers"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com");
        entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
        entries.put("pimpmycase/manufacturer/account", "acc-factory");
        entries.put("pimpmycase/manufacturer/password", "pa55-word-webhook");
        entries.put("pimpmycase/manufacturer/fixedKey", WebhookIT.FIXED_KEY);
        entries.put("pimpmycase/manufacturer/deliverOn", "payment");
        entries.put("pimpmycase/manufacturer/webhookAuth", "sign,allowlist");
        entries.put("pimpmycase/manufacturer/webhookAllowFrom", "203.0.113.0/24");
        entries.put("pimpmycase/manufacturer/webhookTrustedProxies", "127.0.0.1/32, ::1/128");
        war = kind.deploy(entries);
        war.storeImage(WebhookIT.IMAGE, TestImages.png(90, 180));
        for (String thirdId : new String[] {"ORFORM1", "ORPROXY1"}) {
            HttpResponse<byte[]> stored = new ApiCaller(war).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                    "{\"third_pay_id\":\"PY" + thirdId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                            + "\"pic\":\"" + WebhookIT.IMAGE + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS1\"}");
            assertEquals(201, stored.statusCode(), ApiCaller.text(stored));
        }
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        if (war != null) {
            war.close();
            war = null;
        }
        simulator.close();
    }

    static HttpResponse<byte[]> form(ServiceUnderTest war, String pathAndQuery, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return war.send(request);
    }

    /** The sign of a form body: its values are strings. */
    static String formSign(String... namesAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return WebhookIT.SIGN.sign(node);
    }

    JsonNode delivery(String thirdId) throws Exception {
        HttpResponse<byte[]> view = new ApiCaller(war).get(ApiCaller.ADMIN_KEY, "/api/orders/" + thirdId);
        assertEquals(200, view.statusCode(), ApiCaller.text(view));
        return ApiCaller.json(view).get("delivery");
    }

    @Test
    void aSignedFormBodyWithAliasesAndAStringStatus() throws Exception {
        String sign = formSign("orderId", " ORFORM1", "orderStatus", "8", "queue_number", "Q 1".replace(" ", ""));
        envelope(form(war, UPDATE, "orderId=+ORFORM1&orderStatus=8&queue_number=Q1", "sign", sign), 200, "success");
        JsonNode delivery = delivery("ORFORM1");
        assertEquals(8, delivery.get("manufacturer_status").asInt());
        assertEquals("Q1", delivery.get("queue_no").asText());
        assertEquals("delivered", delivery.get("state").asText());
    }

    @Test
    void formFieldsComeFromTheBodyOnly() throws Exception {
        String sign = formSign("status", "9");
        envelope(form(war, UPDATE + "?third_id=ORFORM1", "status=9", "sign", sign), 400, "third_id is required");
        envelope(form(war, UPDATE + "?status=9", "third_id=ORFORM1&third_id=ORFORM1", "sign", sign), 400,
                "invalid form body: field \"third_id\" given twice");
        envelope(form(war, UPDATE, "third_id=ORFORM1&thirdId=ORFORM1&status=9", "sign", sign), 400,
                "field third_id given twice (as third_id and thirdId)");
    }

    @Test
    void theManufacturerBehindATrustedProxy() throws Exception {
        envelope(form(war, PAY, "third_id=PYORPROXY1&status=2", "X-Forwarded-For", "203.0.113.7"), 200, "success");
        envelope(form(war, PAY, "third_id=PYORPROXY1&status=2", "X-Forwarded-For", "198.51.100.1, 203.0.113.7"),
                200, "success"); // the right-most entry is the one the proxy saw
        envelope(form(war, PAY, "third_id=PYORPROXY1&status=2", "X-Forwarded-For", "::ffff:203.0.113.9"),
                200, "success");
    }

    @Test
    void anotherSourceOrABrowserIsRefused() throws Exception {
        String body = "third_id=PYORPROXY1&status=1";
        envelope(form(war, PAY, body), 401, "unauthorized"); // 127.0.0.1 itself is not allowed
        envelope(form(war, PAY, body, "X-Forwarded-For", "198.51.100.1"), 401, "unauthorized");
        envelope(form(war, PAY, body, "X-Forwarded-For", "203.0.113.7, 198.51.100.1"), 401, "unauthorized");
        envelope(form(war, PAY, body, "X-Forwarded-For", "203.0.113.7", "Origin", "https://evil.example"), 401,
                "unauthorized");
        envelope(form(war, PAY, body, "X-Forwarded-For", "203.0.113.7", "Sec-Fetch-Site", "cross-site"), 401,
                "unauthorized");
    }
}
