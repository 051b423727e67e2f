package com.pimpmycase.console;

import com.pimpmycase.image.ServedDownloads;
import com.pimpmycase.metrics.ServiceMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The dashboard's hourly counts (SPEC §12): downloads, refusals by type and delivery attempts by
 * result, per hour, summed over every node in the database and kept 30 days.
 *
 * <p>Requests only add to an in-memory counter: downloads as the image servlet reports them to
 * {@link ServedDownloads} (SPEC §11's downloads: GET answered 200/206, not HEAD), refusals and
 * delivery attempts as the metrics see them ({@link ServiceMetrics.Observer}); {@link #flush()} — every few seconds from the lifecycle's scheduler,
 * and once more on undeploy — adds what arrived since the last flush to the hour's row. A counter
 * only grows and remembers how much of it is already written, so nothing is lost or written twice
 * while requests keep counting during a flush, and a failed write is simply retried next time.
 */
public final class HourlyCounts implements ServiceMetrics.Observer, ServedDownloads {

    /** How long rows are kept. */
    public static final Duration KEPT = Duration.ofDays(30);
    /** SQLSTATE of a unique constraint violation, on both H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

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

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private Instant lastCleanup = Instant.EPOCH;

    public HourlyCounts(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A download of any partner type, the console's own view of a design included (an admin link like others). */
    @Override
    public void served(String filename, String partnerType) {
        add(Series.DOWNLOAD, "");
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
     * Adds what was counted since the last flush to the database; deletes rows older than
     * {@link #KEPT} once an hour. Called by one thread at a time.
     */
    public synchronized void flush() throws SQLException {
        Instant currentHour = hourOf(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<Key, Counter> entry : counters.entrySet()) {
                Counter counter = entry.getValue();
                long total = counter.added.sum(); // cells only grow: never less than an earlier sum
                long delta = total - counter.written;
                if (delta > 0) {
                    addToRow(connection, entry.getKey(), delta);
                    counter.written = total;
                } else if (entry.getKey().hour().isBefore(currentHour)) {
                    // A past hour nobody counts into any more (a request picks its hour when it counts).
                    counters.remove(entry.getKey());
                }
            }
            if (!clock.instant().isBefore(lastCleanup.plus(Duration.ofHours(1)))) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM hourly_counts WHERE hour_start < ?")) {
                    delete.setObject(1, utc(currentHour.minus(KEPT)));
                    delete.executeUpdate();
                }
                lastCleanup = clock.instant();
            }
        }
    }

    /** One row per key, auto-commit: add to it, or insert it; a node that inserted first makes us add. */
    private static void addToRow(Connection connection, Key key, long delta) throws SQLException {
        if (update(connection, key, delta)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hourly_counts (hour_start, series, label, amount) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, utc(key.hour()));
            insert.setString(2, key.series().column());
            insert.setString(3, key.label());
            insert.setLong(4, delta);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || !update(connection, key, delta)) {
                throw e;
            }
        }
    }

    private static boolean update(Connection connection, Key key, long delta) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE hourly_counts SET amount = amount + ? WHERE hour_start = ? AND series = ? AND label = ?")) {
            update.setLong(1, delta);
            update.setObject(2, utc(key.hour()));
            update.setString(3, key.series().column());
            update.setString(4, key.label());
            return update.executeUpdate() == 1;
        }
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT hour_start, series, label, amount FROM hourly_counts WHERE hour_start >= ?")) {
            select.setObject(1, utc(first));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Instant hour = rs.getObject(1, OffsetDateTime.class).toInstant();
                    Series series = seriesOf(rs.getString(2));
                    int index = (int) Duration.between(first, hour).toHours();
                    if (series != null && index >= 0 && index < hours) {
                        values.get(series).computeIfAbsent(rs.getString(3), k -> new long[hours])[index]
                                += rs.getLong(4);
                    }
                }
            }
        }
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

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Hourly counts for a chart: the hours, and per series label → count per hour. */
    public record Chart(List<Instant> hours, Map<Series, Map<String, long[]>> values) {

        public Map<String, long[]> of(Series series) {
            return values.get(series);
        }
    }
}
