package com.pimpmycase.download;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.image.ServedDownloads;
import com.pimpmycase.order.OrderEvents;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one counter of downloads (SPEC §11: GET answered 200/206, not HEAD), without a database
 * write per request: the image path only bumps a small counter in memory, by image, partner type
 * and hour; {@link #flush} adds what was counted, in one transaction, to the shared totals and to
 * the hourly downloads of the console's dashboard ({@link HourlyDownloads}) — at least every 10 s,
 * from {@link DownloadModule}'s scheduler, and once more on undeploy by {@link #close}.
 *
 * <p>A counter is taken out of the map by the flush and marked taken under its own lock, so a
 * download counted at that moment either makes it into this flush or lands in a fresh counter for
 * the next one; none is lost. A flush that cannot write puts its tallies back.
 */
public final class DownloadCounter implements ServedDownloads, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DownloadCounter.class.getName());
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    /** Where a flush writes the downloads per hour, in its own transaction: the dashboard's counts. */
    @FunctionalInterface
    public interface HourlyDownloads {
        /** Writes none (tests, tools). */
        HourlyDownloads NONE = (handle, downloadsByHour) -> { };

        /** Adds {@code downloadsByHour} (hour start → downloads), in ascending hour order, on {@code handle}. */
        void add(Handle handle, Map<Instant, Long> downloadsByHour) throws SQLException;
    }

    /** What one in-memory counter counts: downloads of an image by a partner type in one hour. */
    private record Slot(DownloadKey key, long hourMillis) {}

    /** Downloads counted since the last flush; guarded by its own monitor. */
    private static final class Pending {
        long count;
        long firstMillis;
        long lastMillis;
        boolean taken;

        Pending(long nowMillis) {
            firstMillis = nowMillis;
            lastMillis = nowMillis;
        }

        /** Adds to this counter unless a flush has taken it. */
        synchronized boolean add(long count, long firstMillis, long lastMillis) {
            if (taken) {
                return false;
            }
            this.count += count;
            this.firstMillis = Math.min(this.firstMillis, firstMillis);
            this.lastMillis = Math.max(this.lastMillis, lastMillis);
            return true;
        }

        synchronized DownloadTally take() {
            taken = true;
            return tally();
        }

        synchronized DownloadTally peek() {
            return tally();
        }

        private DownloadTally tally() {
            return new DownloadTally(count, Instant.ofEpochMilli(firstMillis), Instant.ofEpochMilli(lastMillis));
        }
    }

    private final ConcurrentHashMap<Slot, Pending> pending = new ConcurrentHashMap<>();
    private final Jdbi jdbi;
    private final DownloadTable table;
    private final HourlyDownloads hourly;
    private final Clock clock;
    /** Set by {@link #close}: the scheduler's runs stop writing once the last flush is done. */
    private volatile boolean closed;

    public DownloadCounter(Jdbi jdbi, OrderEvents events, Clock clock, HourlyDownloads hourly) {
        this.jdbi = jdbi;
        this.table = new DownloadTable(jdbi, events);
        this.hourly = hourly;
        this.clock = clock;
    }

    /** On the image path: memory only. */
    @Override
    public void served(String filename, String partnerType) {
        long now = clock.millis();
        add(new Slot(new DownloadKey(filename, partnerType), now - Math.floorMod(now, HOUR_MILLIS)), 1, now, now);
    }

    private void add(Slot key, long count, long firstMillis, long lastMillis) {
        while (true) {
            Pending counter = pending.get(key);
            if (counter == null) {
                Pending fresh = new Pending(firstMillis);
                counter = pending.putIfAbsent(key, fresh);
                if (counter == null) {
                    counter = fresh;
                }
            }
            if (counter.add(count, firstMillis, lastMillis)) {
                return;
            }
            pending.remove(key, counter); // taken by a flush that has not removed it yet
        }
    }

    /**
     * Adds everything counted so far to the shared totals. Serialised with {@link #totals}, so a
     * reader sees each download exactly once, written or pending.
     *
     * @throws SQLException when the totals cannot be written; the tallies are then kept for the next flush
     */
    public synchronized void flush() throws SQLException {
        Map<Slot, DownloadTally> batch = new LinkedHashMap<>();
        for (Slot slot : List.copyOf(pending.keySet())) {
            Pending counter = pending.remove(slot);
            if (counter != null) {
                DownloadTally tally = counter.take();
                if (tally.count() > 0) {
                    batch.put(slot, tally);
                }
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Map<DownloadKey, DownloadTally> totals = new TreeMap<>(DownloadKey.WRITE_ORDER);
        Map<Instant, Long> byHour = new TreeMap<>();
        batch.forEach((slot, tally) -> {
            totals.merge(slot.key(), tally, DownloadTally::plus);
            byHour.merge(Instant.ofEpochMilli(slot.hourMillis()), tally.count(), Long::sum);
        });
        try {
            Transactions.inTransaction(jdbi, handle -> {
                table.add(handle, totals);
                hourly.add(handle, byHour);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            batch.forEach((key, tally) -> add(key, tally.count(), tally.firstAt().toEpochMilli(),
                    tally.lastAt().toEpochMilli()));
            throw e;
        }
    }

    /** {@link #flush} for the scheduler: a failure is logged and retried at the next run. */
    public void flushOrLog() {
        if (closed) {
            return;
        }
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write download counts, keeping them for the next try: {0}", e.toString());
        }
    }

    /**
     * The downloads of {@code filename} by partner type: the shared totals plus what this node has
     * counted and not written yet, so a download shows at once on the node that served it.
     */
    public synchronized Map<String, DownloadTally> totals(String filename) throws SQLException {
        Map<String, DownloadTally> totals = new LinkedHashMap<>(table.totals(filename));
        List<Map.Entry<Slot, Pending>> mine = new ArrayList<>();
        pending.forEach((slot, counter) -> {
            if (slot.key().filename().equals(filename)) {
                mine.add(Map.entry(slot, counter));
            }
        });
        for (Map.Entry<Slot, Pending> e : mine) {
            DownloadTally unwritten = e.getValue().peek();
            if (unwritten.count() > 0) {
                totals.merge(e.getKey().key().partnerType(), unwritten, DownloadTally::plus);
            }
        }
        return new TreeMap<>(totals);
    }

    /** Writes what is still counted: on undeploy, before the database goes away. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            long lost = pending.values().stream().mapToLong(p -> p.peek().count()).sum();
            LOG.log(Level.WARNING, "cannot write the last download counts on shutdown; {0} download(s) not "
                    + "counted: {1}", new Object[] {lost, e.toString()});
        }
    }
}
