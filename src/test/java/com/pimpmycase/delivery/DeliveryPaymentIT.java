package com.pimpmycase.delivery;

import com.pimpmycase.testing.Eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payment mode (SPEC §9 {@code deliverOn=payment}) through the manufacturer's own webhooks: a
 * payment reported after the order starts it, one reported before makes the order start at once,
 * and a status update proves the manufacturer has an order (delivered, final).
 */
class DeliveryPaymentIT {

    private static final String IMAGE = "design-1756378358-9a9a9a9a.png";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManufacturerSign SIGN = new ManufacturerSign(Deliveries.SYSTEM_NAME, Deliveries.FIXED_KEY);
    private static final Duration SOON = Duration.ofSeconds(15);

    @Test
    void paymentBeforeOrAfterTheOrderAndStatusUpdates() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-payment-");
        try (ManufacturerSimulator simulator = Deliveries.simulator()) {
            Map<String, Object> entries = DeployedWar.defaultEntries(data);
            entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
            entries.putAll(Deliveries.manufacturerEntries(simulator));
            entries.put("pimpmycase/manufacturer/deliverOn", "payment");
            try (DeployedWar war = DeployedWar.start(entries)) {
                war.storeImage(IMAGE, TestImages.png(4, 4));
                ApiCaller api = new ApiCaller(war);

                // The order first: it waits for its payment.
                Deliveries.submit(api, "PAYM-1", "PAYID-1", IMAGE);
                assertEquals("awaiting_payment", Deliveries.record(api, "PAYM-1").get("state").asText());
                hook(war, "payStatus", "{\"third_id\":\"PAYID-1\",\"status\":2}");
                // Many payment sweeps (every 100 ms here): none starts it.
                Eventually.holds(Duration.ofMillis(1500), () -> "awaiting_payment".equals(
                        Deliveries.record(api, "PAYM-1").get("state").asText()) && simulator.received("PAYM-1") == null,
                        () -> "2 is not paid: " + Deliveries.record(api, "PAYM-1") + ", sent " + simulator.received("PAYM-1"));
                hook(war, "payStatus", "{\"third_id\":\"PAYID-1\",\"status\":3}");
                Deliveries.awaitState(api, "PAYM-1", "delivered", SOON);

                // The payment first: the order starts as soon as it is stored.
                hook(war, "payStatus", "{\"third_id\":\"PAYID-2\",\"status\":3}");
                Deliveries.submit(api, "PAYM-2", "PAYID-2", IMAGE);
                Deliveries.awaitState(api, "PAYM-2", "delivered", SOON);
                assertNull(simulator.payments().get("PAYID-1"), "never payStatus to the manufacturer in payment mode");
                assertNull(simulator.payments().get("PAYID-2"));

                // A status update for an order not yet delivered: it is delivered, with id and queue number.
                Deliveries.submit(api, "PAYM-3", "PAYID-3", IMAGE);
                hook(war, "status-update", "{\"third_id\":\"PAYM-3\",\"status\":4,\"queue_no\":\"Q-33\",\"id\":\"M-33\"}");
                JsonNode record = Deliveries.record(api, "PAYM-3");
                assertEquals("delivered", record.get("state").asText());
                assertEquals("M-33", record.get("manufacturer_order_id").asText());
                assertEquals("Q-33", record.get("queue_no").asText());
                assertEquals(4, record.get("manufacturer_status").asInt());
                String at = record.get("manufacturer_status_at").asText();
                Thread.sleep(1100);
                hook(war, "status-update", "{\"third_id\":\"PAYM-3\",\"status\":4}");
                assertEquals(at, Deliveries.record(api, "PAYM-3").get("manufacturer_status_at").asText(),
                        "an identical repeat changes nothing");
                hook(war, "payStatus", "{\"third_id\":\"PAYID-3\",\"status\":3}");
                Eventually.holds(Duration.ofMillis(1500), () -> "delivered".equals(
                        Deliveries.record(api, "PAYM-3").get("state").asText()) && simulator.received("PAYM-3") == null,
                        () -> "delivered is final: the payment sends nothing: " + Deliveries.record(api, "PAYM-3")
                                + ", sent " + simulator.received("PAYM-3"));
            }
        }
    }

    private static void hook(DeployedWar war, String name, String body) throws Exception {
        HttpResponse<byte[]> response = war.send(HttpRequest.newBuilder(URI.create(war.base() + "/api/chinese/order/"
                        + name)).header("Content-Type", "application/json").header("sign", SIGN.sign(JSON.readTree(body)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, response.statusCode(), ApiCaller.text(response));
        assertEquals("{\"code\":200,\"msg\":\"success\"}", ApiCaller.text(response));
    }
}
