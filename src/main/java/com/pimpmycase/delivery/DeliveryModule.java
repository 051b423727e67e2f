package com.pimpmycase.delivery;

import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.config.Timings;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.lifecycle.Lifecycle;
import com.pimpmycase.manufacturer.JdbcManufacturerReports;
import com.pimpmycase.manufacturer.ManufacturerModule;
import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.order.OrderEvents;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the delivery to the manufacturer (SPEC §9, docs/DELIVERY.md) and owns its sizes and
 * intervals: always the records (state {@code off} when delivery is not configured), the counts,
 * the APIs and the webhooks; with a manufacturer configured also the client, the dispatcher
 * (control thread, workers) and, in payment mode, the sweep that starts paid orders.
 */
public final class DeliveryModule {

    private static final Logger LOG = Logger.getLogger(DeliveryModule.class.getName());
    /** Attempts in flight per node: they wait on the manufacturer, not on the CPU. */
    static final int WORKERS = 8;
    /**
     * A claim outlives a call (connect + answer) by this much; renewed every third of it, it is
     * taken over at most lease + one poll after a node dies: within 2 × timeout + 30 s.
     */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(20);

    private DeliveryModule() {
    }

    /**
     * Starts the delivery; what it starts is closed by {@code lifecycle}.
     *
     * @param manufacturer {@code null}: delivery is off
     * @param blocks the images blocked now (SPEC §10): their deliveries wait
     */
    public static Delivery start(Lifecycle lifecycle, ManufacturerConfig manufacturer, Timings timings, Jdbi jdbi,
            OrderEvents events, ManufacturingLinks links, ImageBlocks blocks, ServiceMetrics metrics, Clock clock) {
        ManufacturerModule.Client client = manufacturer == null ? null
                : ManufacturerModule.startClient(lifecycle, manufacturer, jdbi, clock);
        DeliveryProblems problems = client == null ? null : new DeliveryProblems(client.session(), clock);
        DeliveryCounts counts = new DeliveryCounts(jdbi, clock, metrics, problems);
        ScheduledExecutorService control = lifecycle.scheduler("delivery", 2);
        // Stopped without an interrupt before the scheduler's own close: a round inside the (H2)
        // database finishes; an interrupted H2 file channel would close the whole database.
        lifecycle.manage("delivery rounds", () -> {
            control.shutdown();
            control.awaitTermination(8, TimeUnit.SECONDS);
        });
        every(control, timings.countsRefresh(), 0, counts::refresh);
        Runnable wake = () -> { };
        if (client != null) {
            DeliveryClaims claims = new DeliveryClaims(jdbi, clock, events, new DeliveryTransition(
                    manufacturer.requestTimeout().plus(LEASE_MARGIN), manufacturer.giveUpAfter(), client.retries()));
            ExecutorService workers = lifecycle.scheduler("delivery-attempt", WORKERS);
            // Registered after the client: closed before it, so no call is left to make then.
            DeliveryDispatcher dispatcher = lifecycle.manage("delivery dispatcher", new DeliveryDispatcher(claims,
                    new DeliveryDispatcher.Attempts(client.api(), links, blocks, clock),
                    new DeliveryDispatcher.Outcomes(metrics, problems),
                    new DeliveryDispatcher.Pace(timings.deliveryPoll(), WORKERS)));
            dispatcher.start(control, workers);
            wake = dispatcher::wake;
        }
        JdbcManufacturerReports reports = new JdbcManufacturerReports(jdbi, clock, events, wake);
        if (manufacturer != null && manufacturer.deliverOn() == ManufacturerConfig.DeliverOn.PAYMENT) {
            every(control, timings.paymentSweep(), timings.paymentSweep().toMillis(), () -> {
                try {
                    reports.startPaidAwaiting();
                } catch (SQLException e) {
                    LOG.warning("cannot start paid deliveries: " + e);
                }
            });
        }
        JdbcDeliveryRecords records = new JdbcDeliveryRecords(jdbi);
        DeliveryRetries retries = new DeliveryRetries(jdbi, clock, events, blocks, manufacturer != null, wake);
        List<Object> apiComponents = List.of(new DeliveryListResource(records), new DeliveryRetryResource(retries),
                new FailedDeliveriesRetryResource(retries));
        return new Delivery(new DeliveryOutbox(manufacturer, clock), apiComponents, counts, records, reports, retries,
                ManufacturerModule.webhooks(manufacturer, reports, metrics), wake);
    }

    private static void every(ScheduledExecutorService scheduler, Duration interval, long firstDelayMillis, Runnable task) {
        scheduler.scheduleWithFixedDelay(task, firstDelayMillis, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
