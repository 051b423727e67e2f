package com.pimpmycase.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.simulator.ManufacturerSimulator.Dialect;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.simulator.ManufacturerSimulator.Header;
import com.pimpmycase.simulator.ManufacturerSimulator.OrderRecord;
import com.pimpmycase.simulator.ManufacturerSimulator.PaymentRecord;
import com.pimpmycase.simulator.ManufacturerSimulator.RawCall;
import com.pimpmycase.simulator.ManufacturerSimulator.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The simulator's control API, for benchmarks and tests that drive it from another process:
 * <pre>
 * GET  /_sim/received                  {"dialect","settle_millis","logins","duplicates","overlaps":[…],
 *                                       "payments":{third_id:[status,…]},"payment_records":[…],
 *                                       "orders":[…],"calls":[…]}
 *      calls: every request as received, in order: {"path","method","at","http_version",
 *      "user_agent","h2c_upgrade_offered","headers":[{"name","value"}],"body"}; the values of
 *      sign and Authorization and a login's password are "***" (secrets are never shown here)
 * GET  /_sim/received?third_id=X       one order with its call history (404 if none)
 * POST /_sim/fail {"fault":"http|code|not_json|hang|reset|huge|answer|signature_failed|device_offline|
 *                  no_permission|merchant_missing|payment_missing|token_expired",
 *                  "status":503,"code":500,"msg":"…","millis":15000,"body":"…",
 *                  "path":"order/orderData","third_id":"…","times":3}
 *      (code: HTTP 200 {"code":code (default 500),"msg":msg}, e.g. {"fault":"code","msg":"The device
 *       is offline."}; the named faults are code 500 with the production API's message; answer:
 *       HTTP 200 with exactly "body" (a string, or a JSON object written as is);
 *       path: user/login, order/payData, order/payStatus, order/orderData, absent = every call
 *       but login; third_id absent = any; times absent or -1 = until cleared)
 * POST /_sim/answer {"path":"order/payData","body":"{…}" or {…},"times":1}   a canned answer
 * POST /_sim/settle {"millis":3000}    an MSPY payment is usable by orderData this long after payStatus 3
 * POST /_sim/dialect {"dialect":"production|documented"}   how it answers its own refusals
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
                            "expected {\"fault\":\"http|code|not_json|hang|reset|huge|answer|signature_failed|"
                                    + "device_offline|no_permission|merchant_missing|payment_missing|token_expired\", …}"));
                    return;
                }
                sim.fail(text(body, "path"), text(body, "third_id"), fault, body.path("times").asInt(-1));
                reply(response, callback, 200, ok);
            }
            case "POST answer" -> {
                String canned = body == null ? null : cannedBody(body);
                if (canned == null) {
                    reply(response, callback, 400, JSON.createObjectNode().put("error",
                            "expected {\"path\":\"order/payData\",\"body\":\"…\",\"times\":1}"));
                    return;
                }
                sim.answerWith(text(body, "path"), canned, body.path("times").asInt(-1));
                reply(response, callback, 200, ok);
            }
            case "POST settle" -> {
                sim.settlePayments(Duration.ofMillis(Math.max(0, body == null ? 0 : body.path("millis").asLong(0))));
                reply(response, callback, 200, ok);
            }
            case "POST dialect" -> {
                Dialect dialect;
                try {
                    dialect = Dialect.valueOf(body == null ? "" : body.path("dialect").asText("")
                            .toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    reply(response, callback, 400, JSON.createObjectNode().put("error",
                            "expected {\"dialect\":\"production|documented\"}"));
                    return;
                }
                sim.dialect(dialect);
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
            case "signature_failed" -> Fault.signatureFailed();
            case "device_offline" -> Fault.deviceOffline();
            case "no_permission" -> Fault.noPermission();
            case "merchant_missing" -> Fault.merchantMissing();
            case "payment_missing" -> Fault.paymentMissing();
            case "token_expired" -> Fault.tokenExpired();
            case "answer" -> {
                String canned = cannedBody(body);
                yield canned == null ? null : Fault.answer(canned);
            }
            case "not_json" -> Fault.notJson();
            case "hang" -> Fault.hang(Duration.ofMillis(body.path("millis").asLong(60_000)));
            case "reset" -> Fault.reset();
            case "huge" -> Fault.hugeBody();
            default -> null;
        };
    }

    /** A canned answer's body: "body" as a string, or a JSON object/array written as is. */
    private static String cannedBody(JsonNode body) {
        JsonNode canned = body.get("body");
        if (canned == null || canned.isNull()) {
            return null;
        }
        return canned.isTextual() ? canned.textValue() : canned.toString();
    }

    private static ObjectNode summary(ManufacturerSimulator sim) {
        ObjectNode result = JSON.createObjectNode();
        result.put("dialect", sim.dialect().name().toLowerCase(Locale.ROOT));
        result.put("settle_millis", sim.settleDuration().toMillis());
        result.put("logins", sim.logins());
        result.put("duplicates", sim.duplicates());
        ArrayNode overlaps = result.putArray("overlaps");
        sim.overlaps().forEach(overlaps::add);
        ObjectNode payments = result.putObject("payments");
        sim.payments().forEach((id, statuses) -> statuses.forEach(payments.putArray(id)::add));
        ArrayNode paymentRecords = result.putArray("payment_records");
        sim.paymentRecords().forEach(p -> paymentRecords.add(payment(p)));
        ArrayNode orders = result.putArray("orders");
        sim.orders().forEach(o -> orders.add(order(o, false)));
        ArrayNode calls = result.putArray("calls");
        sim.rawCalls().forEach(c -> calls.add(rawCall(c)));
        return result;
    }

    private static ObjectNode payment(PaymentRecord record) {
        ObjectNode node = JSON.createObjectNode()
                .put("third_id", record.thirdPayId())
                .put("manufacturer_payment_id", record.manufacturerPaymentId())
                .put("pay_amount", record.payAmount())
                .put("pay_data_calls", record.payDataCalls())
                .put("paid_at", time(record.paidAt()));
        if (record.payType() == null) {
            node.putNull("pay_type");
        } else {
            node.put("pay_type", record.payType());
        }
        ArrayNode statuses = node.putArray("statuses");
        record.statuses().forEach(statuses::add);
        ArrayNode amounts = node.putArray("status_amounts");
        record.statusAmounts().forEach(amounts::add);
        return node;
    }

    /** One received request, secrets replaced by *** (see RawCall#printableBody). */
    static ObjectNode rawCall(RawCall call) {
        ObjectNode node = JSON.createObjectNode()
                .put("path", call.path())
                .put("method", call.method())
                .put("at", time(call.at()))
                .put("http_version", call.httpVersion())
                .put("user_agent", call.userAgent())
                .put("h2c_upgrade_offered", call.h2cUpgradeOffered());
        ArrayNode headers = node.putArray("headers");
        for (Header header : call.headers()) {
            headers.addObject().put("name", header.name()).put("value", header.printable());
        }
        node.put("body", call.printableBody());
        return node;
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
