package com.pimpmycase.manufacturer;

import com.pimpmycase.config.WebhookAuth;
import com.pimpmycase.manufacturer.ManufacturerReports;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.metrics.ServiceMetrics.WebhookOutcome;
import com.pimpmycase.web.JsonResponses;
import com.pimpmycase.web.LogText;
import com.pimpmycase.web.RequestIds;
import com.pimpmycase.manufacturer.WebhookBodies.Field;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One of the manufacturer's webhooks, {@code POST /api/chinese/order/payStatus} or
 * {@code /status-update} (SPEC §9). A plain servlet, not a JAX-RS resource: no API key (§4's Bearer
 * rule and error shapes do not apply), the manufacturer's envelope {@code {"code","msg"}}. The
 * checks run in the order of §9, so the answer names the first problem: delivery off → 404;
 * without {@code sign} among the modes, {@code secret}/{@code allowlist} → 401 before the body is
 * read; unreadable body → 400; {@code sign} (when no other mode accepted) → 401; fields → 400;
 * unknown order → 404. Never a 500. One log line per call with its request id and outcome; a
 * refused call's line also has the content type, the field names (never values) and which checks
 * failed — never a secret, a key or a sign.
 */
public final class ManufacturerWebhookServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ManufacturerWebhookServlet.class.getName());

    /** The two paths, exact servlet mappings (they win over Jersey's {@code /api/*}). */
    public static final String PAY_STATUS_PATH = "/api/chinese/order/payStatus";
    public static final String STATUS_UPDATE_PATH = "/api/chinese/order/status-update";

    private static final String UNAUTHORIZED = "unauthorized";
    private static final String INVALID_SIGN = "invalid sign";

    private final WebhookCall.Hook hook;
    private final ManufacturerSign sign;
    private final WebhookAuthenticator auth;
    private final ManufacturerReports reports;
    private final ServiceMetrics metrics;
    private final ServiceMetrics.Webhook label;

    private ManufacturerWebhookServlet(WebhookCall.Hook hook, ManufacturerSign sign, WebhookAuth auth,
            ManufacturerReports reports, ServiceMetrics metrics) {
        this.hook = hook;
        this.sign = sign;
        this.auth = new WebhookAuthenticator(auth == null ? WebhookAuth.signOnly() : auth);
        this.reports = reports;
        this.metrics = metrics;
        this.label = hook == WebhookCall.Hook.PAY_STATUS ? ServiceMetrics.Webhook.PAY_STATUS
                : ServiceMetrics.Webhook.STATUS_UPDATE;
    }

    /** {@code sign} is {@code null} when delivery is off: every call is then 404. */
    public static ManufacturerWebhookServlet payStatus(ManufacturerSign sign, WebhookAuth auth,
            ManufacturerReports reports, ServiceMetrics metrics) {
        return new ManufacturerWebhookServlet(WebhookCall.Hook.PAY_STATUS, sign, auth, reports, metrics);
    }

    public static ManufacturerWebhookServlet statusUpdate(ManufacturerSign sign, WebhookAuth auth,
            ManufacturerReports reports, ServiceMetrics metrics) {
        return new ManufacturerWebhookServlet(WebhookCall.Hook.STATUS_UPDATE, sign, auth, reports, metrics);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestIds.assign(request, response);
        Outcome outcome;
        try {
            outcome = handle(request, response);
        } catch (IOException e) {
            // The body could not be read (the client went away): nothing useful to answer.
            outcome = Outcome.invalid(400, "the body could not be read");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "webhook " + hook.path + " request_id=" + requestId + " failed unexpectedly", e);
            outcome = new Outcome(503, "temporarily unavailable, please retry", "third_id=-", null, null);
        }
        if (outcome.counted() != null && metrics != null) {
            metrics.webhookCall(label, outcome.counted());
        }
        // Logged before answering: once the manufacturer has its answer, the line is written.
        Outcome logged = outcome;
        LOG.info(() -> "webhook " + hook.path + " request_id=" + requestId + " " + logged.subject()
                + " -> " + logged.code() + " " + LogText.escape(logged.msg())
                + " outcome=" + (logged.counted() == null ? "error" : logged.counted().name().toLowerCase(java.util.Locale.ROOT))
                + (logged.refusal() == null ? "" : " " + logged.refusal()));
        if (!response.isCommitted()) {
            send(request, response, outcome);
        }
    }

    /**
     * What is answered ({@code code} is also the HTTP status), what the call was about and, for a
     * refused call, what helps find out what the manufacturer sends — for the log line.
     */
    private record Outcome(int code, String msg, String subject, WebhookOutcome counted, String refusal) {
        static Outcome invalid(int code, String msg) {
            return new Outcome(code, msg, "third_id=-", WebhookOutcome.INVALID, null);
        }
    }

    private Outcome handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sign == null) {
            return new Outcome(404, "delivery is not configured", "third_id=-", WebhookOutcome.OFF, null);
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            return Outcome.invalid(405, "method not allowed: use POST");
        }
        // The raw query string and headers: nothing here makes the container parse (or log) them.
        WebhookAuthenticator.Verdict before = auth.beforeBody(new WebhookAuthenticator.Caller(
                request.getHeader("Authorization"), request.getQueryString(), request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")),
                request.getHeader("Origin") != null || request.getHeader("Sec-Fetch-Site") != null));
        if (!before.accepted() && !auth.signConfigured()) {
            return refused(request, UNAUTHORIZED, null, before.failed());
        }
        if (request.getContentLengthLong() > WebhookBodies.MAX_BYTES) {
            return Outcome.invalid(413, "body larger than " + WebhookBodies.MAX_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(WebhookBodies.MAX_BYTES + 1);
        }
        if (bytes.length > WebhookBodies.MAX_BYTES) {
            return Outcome.invalid(413, "body larger than " + WebhookBodies.MAX_BYTES + " bytes");
        }
        List<Field> body;
        Map<String, Field> fields;
        try {
            body = WebhookBodies.read(bytes, WebhookBodies.isForm(request.getContentType()));
            fields = WebhookCall.fields(hook, body);
        } catch (WebhookBodies.Unreadable e) {
            return Outcome.invalid(400, e.getMessage());
        }
        if (!before.accepted() && !sign.verify(WebhookBodies.signedView(body), request.getHeader("sign"))) {
            List<String> failed = new ArrayList<>(before.failed());
            failed.add(request.getHeader("sign") == null ? "sign: no sign header" : "sign: does not match the body");
            return refused(request, auth.signOnly() ? INVALID_SIGN : UNAUTHORIZED, body, failed);
        }
        if (auth.signConfigured()) {
            List<String> unknown = WebhookCall.unknownSigned(hook, body);
            if (!unknown.isEmpty()) {
                return Outcome.invalid(400, "unknown field " + quoted(unknown.get(0))
                        + ": a string, number or boolean that is not a field of this webhook is refused");
            }
        }
        WebhookCall.Reading reading = WebhookCall.read(hook, fields);
        if (reading.call() == null) {
            return Outcome.invalid(400, String.join("; ", reading.problems()));
        }
        WebhookCall call = reading.call();
        String subject = "third_id=" + call.thirdId() + " status=" + call.status();
        try {
            if (hook == WebhookCall.Hook.PAY_STATUS) {
                ManufacturerReports.PaymentReport report = reports.reportPayment(call.thirdId(), call.status(),
                        call.payAmount());
                return report == ManufacturerReports.PaymentReport.IGNORED
                        ? new Outcome(200, "success", subject, WebhookOutcome.IGNORED, "(a paid payment stays paid)")
                        : new Outcome(200, "success", subject, WebhookOutcome.ACCEPTED, null);
            }
            return switch (reports.reportStatus(call.thirdId(), call.status(), call.queueNo(),
                    call.manufacturerOrderId())) {
                case NOT_FOUND -> new Outcome(404, "order not found", subject, WebhookOutcome.UNKNOWN_ORDER, null);
                case CONFLICT -> new Outcome(409, "queue_no or id differs from the recorded one", subject,
                        WebhookOutcome.CONFLICT, null);
                case REPLAY -> new Outcome(200, "success", subject, WebhookOutcome.IGNORED,
                        "(repeats an earlier report: not applied)");
                case APPLIED -> new Outcome(200, "success", subject, WebhookOutcome.ACCEPTED, null);
            };
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "webhook " + hook.path + " request_id=" + RequestIds.of(request)
                    + ": the order database is unavailable: " + e);
            return new Outcome(503, "temporarily unavailable, please retry", subject, null, null);
        }
    }

    /**
     * A refused call: what it sent, without a value — content type, field names, which checks
     * failed (words only: the authenticator never returns what was sent as a secret).
     */
    private static Outcome refused(HttpServletRequest request, String msg, List<Field> body, List<String> failed) {
        String names = body == null ? "(body not read)"
                : body.stream().map(f -> quoted(f.name())).collect(Collectors.joining(",", "[", "]"));
        String refusal = "content_type=" + LogText.escape(String.valueOf(request.getContentType()))
                + " fields=" + LogText.escape(names) + " failed=" + LogText.escape(String.join("; ", failed));
        return new Outcome(401, msg, "third_id=-", WebhookOutcome.UNAUTHORIZED, refusal);
    }

    private static String quoted(String name) {
        return "\"" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "\"";
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, Outcome outcome)
            throws IOException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", outcome.code());
        envelope.put("msg", outcome.msg());
        JsonResponses.send(request, response, outcome.code(), envelope);
    }
}
