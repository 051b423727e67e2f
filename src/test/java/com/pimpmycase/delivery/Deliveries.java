package com.pimpmycase.delivery;

import com.pimpmycase.testing.Eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** What the delivery tests share: the simulator's credentials, the JNDI entries that point at it, waiting for a state. */
final class Deliveries {

    static final String ACCOUNT = "acc-factory";
    static final String PASSWORD = "pa55-w0rd-never-logged";
    static final String FIXED_KEY = "fixed-key-never-logged";
    static final String SYSTEM_NAME = "mobileShell";
    static final String PUBLIC_BASE = "https://cases.example.net";

    /**
     * The manufacturer request timeout of the delivery tests. Generous: on a busy machine a call can
     * stall for seconds (GC, CPU starvation), and a call timed out is retried, which adds an attempt,
     * an event, a duplicate or an overlap that the tests count exactly. A test that needs a call to
     * time out hangs it at least three times this long, or sets a shorter timeout of its own.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private Deliveries() {
    }

    static ManufacturerSimulator simulator() throws Exception {
        return ManufacturerSimulator.started(ACCOUNT, PASSWORD, FIXED_KEY, SYSTEM_NAME);
    }

    /** The manufacturer entries of SPEC §7 pointing at {@code simulator}: short retry delays, {@link #REQUEST_TIMEOUT}. */
    static Map<String, String> manufacturerEntries(ManufacturerSimulator simulator) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("pimpmycase/publicBaseUrl", PUBLIC_BASE);
        entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
        entries.put("pimpmycase/manufacturer/account", ACCOUNT);
        entries.put("pimpmycase/manufacturer/password", PASSWORD);
        entries.put("pimpmycase/manufacturer/fixedKey", FIXED_KEY);
        entries.put("pimpmycase/manufacturer/requestTimeoutSeconds", String.valueOf(REQUEST_TIMEOUT.toSeconds()));
        entries.put("pimpmycase/manufacturer/retryBackoff", "1s..2s");
        return entries;
    }

    static String order(String thirdId, String thirdPayId, String pic) {
        return "{\"third_pay_id\":\"" + thirdPayId + "\",\"third_id\":\"" + thirdId
                + "\",\"mobile_model_id\":\"MM102503290004\",\"pic\":\"" + pic
                + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS102503290010\"}";
    }

    /** {@link #order} with the payment fields of the payData flow, e.g. {@code "pay_amount":35,"pay_type":12}. */
    static String paidOrder(String thirdId, String thirdPayId, String pic, String paymentFields) {
        String order = order(thirdId, thirdPayId, pic);
        return order.substring(0, order.length() - 1) + "," + paymentFields + "}";
    }

    /** The value of one series of {@code /metrics} (admin key); fails when the series is missing. */
    static double metric(ApiCaller api, String name, String label, String value) throws Exception {
        HttpResponse<byte[]> metrics = api.get(ApiCaller.ADMIN_KEY, "/metrics");
        assertEquals(200, metrics.statusCode(), ApiCaller.text(metrics));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "\\{" + label + "=\"" + value
                + "\",?\\} ([0-9.eE+-]+)$").matcher(ApiCaller.text(metrics));
        if (!m.find()) {
            fail(name + "{" + label + "=" + value + "} missing from /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    static void submit(ApiCaller api, String thirdId, String thirdPayId, String pic) throws Exception {
        HttpResponse<byte[]> response = api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                order(thirdId, thirdPayId, pic));
        assertEquals(201, response.statusCode(), ApiCaller.text(response));
    }

    /** The delivery record of {@code thirdId} from {@code GET /api/deliveries} (admin), or {@code null}. */
    static JsonNode record(ApiCaller api, String thirdId) throws Exception {
        HttpResponse<byte[]> response = api.get(ApiCaller.ADMIN_KEY, "/api/deliveries?limit=500");
        assertEquals(200, response.statusCode(), ApiCaller.text(response));
        for (JsonNode delivery : ApiCaller.json(response).get("deliveries")) {
            if (delivery.get("third_id").asText().equals(thirdId)) {
                return delivery;
            }
        }
        return null;
    }

    /** Waits until {@code thirdId}'s record is in {@code state}; returns it. */
    static JsonNode awaitState(ApiCaller api, String thirdId, String state, Duration timeout) throws Exception {
        return await(api, thirdId, r -> r != null && state.equals(r.get("state").asText()), timeout,
                "state " + state);
    }

    static JsonNode await(ApiCaller api, String thirdId, Predicate<JsonNode> condition, Duration timeout,
            String what) throws Exception {
        return Eventually.await(timeout, () -> record(api, thirdId), condition, thirdId + " did not reach " + what);
    }

    /** Waits until the simulator accepted {@code thirdId} at least once. */
    static ManufacturerSimulator.OrderRecord awaitReceived(ManufacturerSimulator simulator, String thirdId,
            Duration timeout) throws Exception {
        return Eventually.await(timeout, () -> simulator.received(thirdId), r -> r != null && r.accepted() > 0,
                thirdId + " never reached the manufacturer");
    }


    /**
     * Stops the simulator; its Jetty times out stopping after a call hung while its client went
     * away (reported to deliver-client), which is not what the delivery tests check.
     */
    static void closeQuietly(ManufacturerSimulator simulator) {
        try {
            simulator.close();
        } catch (Exception e) {
            System.err.println("the simulator did not stop cleanly: " + e);
        }
    }
}
