package com.pimpmycase.download;

import com.pimpmycase.config.Timings;
import com.pimpmycase.lifecycle.Lifecycle;
import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.order.OrderEvents;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Downloads (SPEC §11) and the dashboard's hourly counts (SPEC §12) started: one counter of
 * downloads on the image path, flushed every {@code downloadFlush} (5 s) into the download totals
 * and the hourly downloads in one transaction; the refusals and delivery attempts the metrics see,
 * flushed every {@code hourlyCountsFlush} (5 s). Both flush once more on undeploy, after their
 * scheduler has stopped. Start it before the delivery, so that the last delivery attempts are
 * counted too (it is closed after the delivery).
 */
public final class DownloadModule {

    private static final Logger LOG = Logger.getLogger(DownloadModule.class.getName());

    /** What the rest of the service uses: the counter (image servlet, order view, console) and the dashboard's counts. */
    public record Downloads(DownloadCounter counter, HourlyCounts hourly) {}

    private DownloadModule() {
    }

    public static Downloads start(Lifecycle lifecycle, Jdbi jdbi, OrderEvents events, ServiceMetrics metrics,
            Clock clock, Timings timings) {
        DownloadCounter counter = lifecycle.manage("download counts",
                new DownloadCounter(jdbi, events, clock, HourlyCounts::addDownloads)); // closed last: the last flush
        HourlyCounts hourly = new HourlyCounts(jdbi, clock, counter::flush);
        metrics.observeWith(hourly);
        lifecycle.manage("hourly counts", () -> {
            metrics.observeWith(ServiceMetrics.Observer.NONE);
            hourly.flush(); // after the scheduler below has stopped: what was counted last
        });
        ScheduledExecutorService flushes = lifecycle.scheduler("counts", 1);
        long downloads = timings.downloadFlush().toMillis();
        flushes.scheduleWithFixedDelay(counter::flushOrLog, downloads, downloads, TimeUnit.MILLISECONDS);
        long hours = timings.hourlyCountsFlush().toMillis();
        flushes.scheduleWithFixedDelay(() -> {
            try {
                hourly.flush();
            } catch (SQLException | RuntimeException e) {
                LOG.warning(() -> "cannot write the hourly counts, will retry: " + e);
            }
        }, hours, hours, TimeUnit.MILLISECONDS);
        return new Downloads(counter, hourly);
    }
}
