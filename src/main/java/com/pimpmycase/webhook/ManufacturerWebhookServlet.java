package com.pimpmycase.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.delivery.ManufacturerReports;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.web.JsonResponses;
import com.pimpmycase.web.LogText;
import com.pimpmycase.web.RequestIds;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One of the manufacturer's webhooks, {@code POST /api/chinese/order/payStatus} or
 * {@code /status-update} (SPEC §9). A plain servlet, not a JAX-RS resource: no API key (§4's Bearer
 * rule and error shapes do not apply), the manufacturer's envelope {@code {"code","msg"}}. The
 * checks run in the order of §9, so the answer names the first problem: delivery off → 404;
 * unreadable JSON → 400; {@code sign} → 401; fields → 400; unknown order → 404. Never a 500; one
 * log line per call with its request id, never the sign.
 */
public final class ManufacturerWebhookServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ManufacturerWebhookServlet.class.getName());

    /** The two paths, exact servlet mappings (they win over Jersey's {@code /api/*}). */
    public static final String PAY_STATUS_PATH = "/api/chinese/order/payStatus";
    public static final String STATUS_UPDATE_PATH = "/api/chinese/order/status-update";

    private final WebhookCall.Hook hook;
    private final ManufacturerSign sign;
    private final ManufacturerReports reports;

    private ManufacturerWebhookServlet(WebhookCall.Hook hook, ManufacturerSign sign, ManufacturerReports reports) {
        this.hook = hook;
        this.sign = sign;
        this.reports = reports;
    }

    /** {@code sign} is {@code null} when delivery is off: every call is then 404. */
    public static ManufacturerWebhookServlet payStatus(ManufacturerSign sign, ManufacturerReports reports) {
        return new ManufacturerWebhookServlet(WebhookCall.Hook.PAY_STATUS, sign, reports);
    }

    public static ManufacturerWebhookServlet statusUpdate(ManufacturerSign sign, ManufacturerReports reports) {
        return new ManufacturerWebhookServlet(WebhookCall.Hook.STATUS_UPDATE, sign, reports);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestIds.assign(request, response);
        Outcome outcome;
        try {
            outcome = handle(request, response);
        } catch (IOException e) {
            // The body could not be read (the client went away): nothing useful to answer.
            outcome = new Outcome(400, "the body could not be read", "third_id=-");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "webhook " + hook.path + " request_id=" + requestId + " failed unexpectedly", e);
            outcome = new Outcome(503, "temporarily unavailable, please retry", "third_id=-");
        }
        // Logged before answering: once the manufacturer has its answer, the line is written.
        Outcome logged = outcome;
        LOG.info(() -> "webhook " + hook.path + " request_id=" + requestId + " " + logged.subject()
                + " -> " + logged.code() + " " + LogText.escape(logged.msg()));
        if (!response.isCommitted()) {
            send(request, response, outcome);
        }
    }

    /** What is answered ({@code code} is also the HTTP status), and what the call was about, for the log line. */
    private record Outcome(int code, String msg, String subject) {}

    private Outcome handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sign == null) {
            return new Outcome(404, "delivery is not configured", "third_id=-");
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            return new Outcome(405, "method not allowed: use POST", "third_id=-");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(WebhookBodies.MAX_BYTES + 1);
        }
        if (bytes.length > WebhookBodies.MAX_BYTES) {
            return new Outcome(413, "body larger than " + WebhookBodies.MAX_BYTES + " bytes", "third_id=-");
        }
        JsonNode body;
        try {
            body = WebhookBodies.object(bytes);
        } catch (WebhookBodies.Unreadable e) {
            return new Outcome(400, e.getMessage(), "third_id=-");
        }
        String claimedId = "third_id=" + (body.path("third_id").isTextual() ? LogText.escape(body.get("third_id").textValue()) : "-");
        if (!sign.verify(body, request.getHeader("sign"))) {
            return new Outcome(401, "invalid sign", claimedId);
        }
        WebhookCall.Reading reading = WebhookCall.read(hook, body);
        if (reading.call() == null) {
            return new Outcome(400, String.join("; ", reading.problems()), claimedId);
        }
        WebhookCall call = reading.call();
        try {
            if (hook == WebhookCall.Hook.PAY_STATUS) {
                reports.paymentStatus(call.thirdId(), call.status());
            } else if (!reports.orderStatus(call.thirdId(), call.status(), call.queueNo(), call.manufacturerOrderId())) {
                return new Outcome(404, "order not found", "third_id=" + call.thirdId());
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "webhook " + hook.path + " request_id=" + RequestIds.of(request)
                    + ": the order database is unavailable: " + e);
            return new Outcome(503, "temporarily unavailable, please retry", "third_id=" + call.thirdId());
        }
        return new Outcome(200, "success", "third_id=" + call.thirdId() + " status=" + call.status());
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, Outcome outcome)
            throws IOException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", outcome.code());
        envelope.put("msg", outcome.msg());
        JsonResponses.send(request, response, outcome.code(), envelope);
    }
}
