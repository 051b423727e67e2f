package com.pimpmycase.download;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import com.pimpmycase.db.Upsert;
import com.pimpmycase.metrics.ServiceMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The dashboard's hourly counts (SPEC §12): downloads, refusals by type and delivery attempts by
 * result, per hour, summed over every node in the database and kept 30 days.
 *
 * <p>Downloads are counted once, by the download counter (SPEC §11's downloads: GET answered
 * 200/206, not HEAD), whose flush writes their hours here ({@link #addDownloads}) in the same
 * transaction as the download totals. Refusals and delivery attempts are counted here, in memory,
 * as the metrics see them ({@link ServiceMetrics.Observer}); {@link #flush()} — every few seconds
 * from the lifecycle's scheduler, and once more on undeploy — adds what arrived since the last
 * flush to the hour's rows, in one transaction. A counter only grows and remembers how much of it
 * is already written, so nothing is lost or written twice while requests keep counting during a
 * flush, and a failed write is simply retried next time.
 */
public final class HourlyCounts implements ServiceMetrics.Observer {

    /** How long rows are kept. */
    public static final Duration KEPT = Duration.ofDays(30);
    /** Every node writes rows in this order, so two nodes' flushes cannot deadlock each other. */
    private static final Comparator<Key> WRITE_ORDER = Comparator.comparing(Key::hour)
            .thenComparing(Key::series).thenComparing(Key::label);

    /** The downloads' own flush (the download counter's), run first by {@link #flush}. */
    @FunctionalInterface
    public interface DownloadFlush {
        DownloadFlush NONE = () -> { };

        void flush() throws SQLException;
    }

    /** What is counted; the names are the {@code series} column. */
    public enum Series {
        DOWNLOAD, REFUSAL, DELIVERY;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Key(Instant hour, Series series, String label) {}

    /** Added by requests; {@code written} only by the (single) flushing thread. */
    private static final class Counter {
        final LongAdder added = new LongAdder();
        long written;
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final DownloadFlush downloads;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private Instant lastCleanup = Instant.EPOCH;

    /** @param downloads flushes the downloads this node counted, so the dashboard shows them at once */
    public HourlyCounts(Jdbi jdbi, Clock clock, DownloadFlush downloads) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.downloads = downloads;
    }

    /**
     * Adds downloads per hour (hour start → count, of any partner type, the console's own views of
     * a design included) in the download counter's transaction.
     */
    public static void addDownloads(Handle handle, Map<Instant, Long> downloadsByHour) throws SQLException {
        for (Map.Entry<Instant, Long> e : downloadsByHour.entrySet()) {
            addToRow(handle, new Key(e.getKey(), Series.DOWNLOAD, ""), e.getValue());
        }
    }

    @Override
    public void tokenRefused(String type) {
        add(Series.REFUSAL, type);
    }

    @Override
    public void deliveryAttempt(ServiceMetrics.DeliveryResult result) {
        add(Series.DELIVERY, result.label());
    }

    void add(Series series, String label) {
        Key key = new Key(hourOf(clock.instant()), series, label);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> new Counter());
        }
        counter.added.increment();
    }

    static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Writes what this node counted: its downloads first (their own transaction, with the download
     * totals), then the refusals and delivery attempts since the last flush, in one transaction;
     * deletes rows older than {@link #KEPT} once an hour. Called by one thread at a time.
     */
    public synchronized void flush() throws SQLException {
        downloads.flush();
        Instant currentHour = hourOf(clock.instant());
        Map<Key, Long> totals = new TreeMap<>(WRITE_ORDER);
        for (Map.Entry<Key, Counter> entry : counters.entrySet()) {
            Counter counter = entry.getValue();
            long total = counter.added.sum(); // cells only grow: never less than an earlier sum
            if (total > counter.written) {
                totals.put(entry.getKey(), total);
            } else if (entry.getKey().hour().isBefore(currentHour)) {
                // A past hour nobody counts into any more (a request picks its hour when it counts).
                counters.remove(entry.getKey());
            }
        }
        boolean cleanup = !clock.instant().isBefore(lastCleanup.plus(Duration.ofHours(1)));
        if (totals.isEmpty() && !cleanup) {
            return;
        }
        Transactions.inTransaction(jdbi, handle -> {
            for (Map.Entry<Key, Long> e : totals.entrySet()) {
                addToRow(handle, e.getKey(), e.getValue() - counters.get(e.getKey()).written);
            }
            if (cleanup) {
                handle.createUpdate("DELETE FROM hourly_counts WHERE hour_start < ?")
                        .bind(0, currentHour.minus(KEPT)).execute();
            }
            return null;
        });
        totals.forEach((key, total) -> counters.get(key).written = total); // committed
        if (cleanup) {
            lastCleanup = clock.instant();
        }
    }

    /** One row per key: add to it, or insert it. */
    private static void addToRow(Handle handle, Key key, long delta) throws SQLException {
        Upsert.addOrInsert(handle,
                () -> handle.createUpdate("UPDATE hourly_counts SET amount = amount + ? "
                                + "WHERE hour_start = ? AND series = ? AND label = ?")
                        .bind(0, delta).bind(1, key.hour()).bind(2, key.series().column()).bind(3, key.label())
                        .execute(),
                () -> handle.createUpdate("INSERT INTO hourly_counts (hour_start, series, label, amount) "
                                + "VALUES (?, ?, ?, ?)")
                        .bind(0, key.hour()).bind(1, key.series().column()).bind(2, key.label()).bind(3, delta)
                        .execute());
    }

    /**
     * The last {@code hours} hours up to and including the current one, oldest first: for each
     * series, label → one count per hour (every node's flushed counts).
     */
    public Chart lastHours(int hours) throws SQLException {
        Instant last = hourOf(clock.instant());
        Instant first = last.minus(Duration.ofHours(hours - 1L));
        List<Instant> axis = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            axis.add(first.plus(Duration.ofHours(i)));
        }
        Map<Series, Map<String, long[]>> values = new LinkedHashMap<>();
        for (Series series : Series.values()) {
            values.put(series, new TreeMap<>());
        }
        Transactions.withHandle(jdbi, handle -> {
            handle.createQuery("SELECT hour_start, series, label, amount FROM hourly_counts WHERE hour_start >= ?")
                    .bind(0, first)
                    .map((rs, context) -> new Row(Sql.time(rs, "hour_start"), seriesOf(rs.getString("series")),
                            rs.getString("label"), rs.getLong("amount")))
                    .forEach(row -> {
                        int index = (int) Duration.between(first, row.hour()).toHours();
                        if (row.series() != null && index >= 0 && index < hours) {
                            values.get(row.series()).computeIfAbsent(row.label(), k -> new long[hours])[index]
                                    += row.amount();
                        }
                    });
            return null;
        });
        return new Chart(List.copyOf(axis), values);
    }

    private static Series seriesOf(String column) {
        for (Series series : Series.values()) {
            if (series.column().equals(column)) {
                return series;
            }
        }
        return null;
    }

    private record Row(Instant hour, Series series, String label, long amount) {}

    /** Hourly counts for a chart: the hours, and per series label → count per hour. */
    public record Chart(List<Instant> hours, Map<Series, Map<String, long[]>> values) {

        public Map<String, long[]> of(Series series) {
            return values.get(series);
        }
    }
}
