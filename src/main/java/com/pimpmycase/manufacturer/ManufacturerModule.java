package com.pimpmycase.manufacturer;

import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.config.WebhookAuth;
import com.pimpmycase.lifecycle.Lifecycle;
import com.pimpmycase.metrics.ServiceMetrics;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The manufacturer integration (SPEC §9) as the rest of the service sees it: the client that calls
 * the manufacturer, with the session every node shares, and the two webhook servlets that receive
 * its calls. The delivery builds on it; the composition root registers the servlets.
 */
public final class ManufacturerModule {

    private ManufacturerModule() {
    }

    /**
     * The calling side. {@code session} holds the login token with its lease and the last
     * {@code config} problem, shared by every node; {@code retries} is the configured backoff.
     */
    public record Client(JdbcManufacturerSession session, ManufacturerApi api, RetrySchedule retries) {
    }

    /** The servlets of {@link ManufacturerWebhookServlet#PAY_STATUS_PATH} and {@link ManufacturerWebhookServlet#STATUS_UPDATE_PATH}. */
    public record Webhooks(ManufacturerWebhookServlet payStatus, ManufacturerWebhookServlet statusUpdate) {
    }

    /** The client, closed by {@code lifecycle} (register it before what calls it, so it closes after). */
    public static Client startClient(Lifecycle lifecycle, ManufacturerConfig config, Jdbi jdbi, Clock clock) {
        JdbcManufacturerSession session = new JdbcManufacturerSession(jdbi, config.baseUrl().toString(), config.account());
        ManufacturerApi api = lifecycle.manage("manufacturer client", new HttpManufacturerApi(config, clock, session,
                new JdbcPaymentRegistrations(jdbi), settle -> Thread.sleep(settle.toMillis())));
        return new Client(session, api, RetrySchedule.of(config));
    }

    /**
     * The webhooks, at their exact paths (which win over Jersey's /api/*). Delivery off
     * ({@code config} null): they answer 404 "delivery is not configured".
     */
    public static Webhooks webhooks(ManufacturerConfig config, ManufacturerReports reports, ServiceMetrics metrics) {
        ManufacturerSign sign = config == null ? null : new ManufacturerSign(config.systemName(), config.fixedKey());
        WebhookAuth auth = config == null ? null : config.webhookAuth();
        return new Webhooks(ManufacturerWebhookServlet.payStatus(sign, auth, reports, metrics),
                ManufacturerWebhookServlet.statusUpdate(sign, auth, reports, metrics));
    }
}
