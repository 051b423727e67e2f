package com.pimpmycase.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.simulator.ManufacturerSimulator.OrderRecord;
import com.pimpmycase.simulator.ManufacturerSimulator.Received;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The simulator's control API, for benchmarks and tests that drive it from another process:
 * <pre>
 * GET  /_sim/received                  {"logins","duplicates","overlaps":[…],"payments":{…},"orders":[…]}
 * GET  /_sim/received?third_id=X       one order with its call history (404 if none)
 * POST /_sim/fail {"fault":"http|code|not_json|hang|reset|huge","status":503,"code":500,"msg":"…",
 *                  "millis":15000,"path":"order/orderData","third_id":"…","times":3}
 *      (path: user/login, order/payStatus, order/orderData, absent = both order calls;
 *       third_id absent = any; times absent or -1 = until cleared)
 * POST /_sim/clear-faults   POST /_sim/expire-tokens   POST /_sim/reset   POST /_sim/delay {"millis":n}
 * </pre>
 */
final class SimulatorControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatorControl() {
    }

    static void handle(ManufacturerSimulator sim, String action, Request request, Response response, Callback callback)
            throws Exception {
        boolean post = "POST".equals(request.getMethod());
        JsonNode body = post ? ManufacturerSimulator.parse(
                ManufacturerSimulator.bytes(request, 64 * 1024)) : null;
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch ((post ? "POST " : "GET ") + action) {
            case "GET received" -> {
                String thirdId = Request.extractQueryParameters(request).getValue("third_id");
                if (thirdId == null) {
                    reply(response, callback, 200, summary(sim));
                } else {
                    OrderRecord record = sim.received(thirdId);
                    reply(response, callback, record == null ? 404 : 200, record == null
                            ? JSON.createObjectNode().put("error", "nothing received for " + thirdId)
                            : order(record, true));
                }
            }
            case "POST fail" -> {
                Fault fault = body == null ? null : fault(body);
                if (fault == null) {
                    reply(response, callback, 400, JSON.createObjectNode().put("error",
                            "expected {\"fault\":\"http|code|not_json|hang|reset\", …}"));
                    return;
                }
                sim.fail(text(body, "path"), text(body, "third_id"), fault, body.path("times").asInt(-1));
                reply(response, callback, 200, ok);
            }
            case "POST clear-faults" -> {
                sim.clearFaults();
                reply(response, callback, 200, ok);
            }
            case "POST expire-tokens" -> {
                sim.expireAllTokens();
                reply(response, callback, 200, ok);
            }
            case "POST reset" -> {
                sim.reset();
                reply(response, callback, 200, ok);
            }
            case "POST delay" -> {
                sim.answerDelay(Duration.ofMillis(body == null ? 0 : body.path("millis").asLong(0)));
                reply(response, callback, 200, ok);
            }
            default -> reply(response, callback, 404, JSON.createObjectNode().put("error", "no such control: " + action));
        }
    }

    private static Fault fault(JsonNode body) {
        return switch (body.path("fault").asText("")) {
            case "http" -> body.hasNonNull("msg") ? Fault.httpStatus(body.path("status").asInt(503), body.get("msg").asText())
                    : Fault.httpStatus(body.path("status").asInt(503));
            case "code" -> Fault.code(body.path("code").asInt(500), body.path("msg").asText("device is unavailable"));
            case "not_json" -> Fault.notJson();
            case "hang" -> Fault.hang(Duration.ofMillis(body.path("millis").asLong(60_000)));
            case "reset" -> Fault.reset();
            case "huge" -> Fault.hugeBody();
            default -> null;
        };
    }

    private static ObjectNode summary(ManufacturerSimulator sim) {
        ObjectNode result = JSON.createObjectNode();
        result.put("logins", sim.logins());
        result.put("duplicates", sim.duplicates());
        ArrayNode overlaps = result.putArray("overlaps");
        sim.overlaps().forEach(overlaps::add);
        ObjectNode payments = result.putObject("payments");
        sim.payments().forEach((id, statuses) -> statuses.forEach(payments.putArray(id)::add));
        ArrayNode orders = result.putArray("orders");
        sim.orders().forEach(o -> orders.add(order(o, false)));
        return result;
    }

    private static ObjectNode order(OrderRecord record, boolean history) {
        ObjectNode node = JSON.createObjectNode()
                .put("third_id", record.thirdId())
                .put("calls", record.calls())
                .put("accepted", record.accepted())
                .put("duplicates", record.duplicates())
                .put("first_received_at", time(record.firstReceivedAt()))
                .put("first_accepted_at", time(record.firstAcceptedAt()))
                .put("last_received_at", time(record.lastReceivedAt()))
                .put("manufacturer_order_id", record.manufacturerOrderId())
                .put("queue_no", record.queueNo());
        if (history) {
            node.set("last_body", record.lastBody());
            ArrayNode calls = node.putArray("history");
            for (Received r : record.history()) {
                calls.addObject().put("path", r.path()).put("at", time(r.at())).put("outcome", r.outcome());
            }
        }
        return node;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static void reply(Response response, Callback callback, int status, JsonNode body) throws Exception {
        ManufacturerSimulator.answer(response, callback, status, "application/json", JSON.writeValueAsString(body));
    }
}
