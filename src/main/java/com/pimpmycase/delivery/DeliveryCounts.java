package com.pimpmycase.delivery;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.metrics.ServiceMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * How many orders are in each delivery state and how long the oldest waiting one has waited,
 * read from the database (so every node reports the same, cluster-wide), for
 * {@code pimpmycase_deliveries{state}}, {@code pimpmycase_delivery_oldest_pending_seconds} and
 * {@code /health}'s {@code checks.delivery}. Refreshed in the background and at most once a
 * second on demand, never per scrape: a balancer's health checks do not become database load.
 */
public final class DeliveryCounts {

    private static final Logger LOG = Logger.getLogger(DeliveryCounts.class.getName());
    private static final Duration FRESH = Duration.ofSeconds(1);

    /** One reading; {@code pending} counts orders waiting for delivery: pending and delivering. */
    public record Snapshot(Map<DeliveryState, Long> byState, long oldestPendingSeconds, String problem, Instant at) {

        public long count(DeliveryState state) {
            return byState.getOrDefault(state, 0L);
        }

        public long waiting() {
            return count(DeliveryState.PENDING) + count(DeliveryState.DELIVERING);
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final boolean configured;
    /** {@code null} when delivery is off. */
    private final DeliveryProblems problems;
    private volatile Snapshot latest;

    public DeliveryCounts(Jdbi jdbi, Clock clock, ServiceMetrics metrics, DeliveryProblems problems) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.metrics = metrics;
        this.configured = problems != null;
        this.problems = problems;
    }

    /** Reads the counts now and updates the metrics; a database error keeps the last reading. */
    public Snapshot refresh() {
        try {
            Snapshot snapshot = read();
            latest = snapshot;
            for (DeliveryState state : DeliveryState.values()) {
                metrics.deliveries(ServiceMetrics.DeliveryState.valueOf(state.name()), snapshot.count(state));
            }
            metrics.oldestPendingDelivery(snapshot.oldestPendingSeconds());
            return snapshot;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot count deliveries: {0}", e.toString());
            return latest;
        }
    }

    /** A reading at most a second old (null only when the database never answered). */
    public Snapshot current() {
        Snapshot snapshot = latest;
        if (snapshot == null || Duration.between(snapshot.at(), clock.instant()).compareTo(FRESH) > 0) {
            snapshot = refresh();
        }
        return snapshot;
    }

    /** {@code checks.delivery} of /health (SPEC §6): for information, never DOWN. */
    public Map<String, Object> healthCheck() {
        Snapshot snapshot = current();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("configured", configured);
        check.put("pending", snapshot == null ? null : snapshot.waiting());
        check.put("oldest_pending_seconds", snapshot == null ? null : snapshot.oldestPendingSeconds());
        check.put("failed", snapshot == null ? null : snapshot.count(DeliveryState.FAILED));
        check.put("problem", snapshot == null ? null : snapshot.problem());
        return check;
    }

    private Snapshot read() throws SQLException {
        Instant now = clock.instant();
        Map<DeliveryState, Long> byState = new EnumMap<>(DeliveryState.class);
        Instant oldestCreated = Transactions.withHandle(jdbi, h -> {
            h.createQuery("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state")
                    .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                    .forEach(count -> {
                        DeliveryState state = DeliveryState.of(count.getKey());
                        if (state != null) {
                            byState.put(state, count.getValue());
                        }
                    });
            return h.createQuery("SELECT o.created_at FROM deliveries d JOIN orders o ON o.seq = d.order_seq"
                    + " WHERE d.state IN ('pending', 'delivering') ORDER BY d.order_seq LIMIT 1")
                    .mapTo(Instant.class).findOne().orElse(null);
        });
        long oldest = oldestCreated == null ? 0 : Math.max(0, Duration.between(oldestCreated, now).toSeconds());
        return new Snapshot(byState, oldest, problems == null ? null : problems.current(), now);
    }
}
