package com.pimpmycase.revocation;

import com.pimpmycase.config.Timings;
import com.pimpmycase.lifecycle.Lifecycle;
import com.pimpmycase.order.OrderEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Revocations (SPEC §10) started: the store, and this node's snapshot, loaded before the first
 * request and refreshed every {@code revocationRefresh} (1 s) in the background (a change made
 * elsewhere is enforced here within ~1-2 s; only the files changed are re-read); link revocations
 * past their token's exp + leeway are dropped every {@code revocationPrune} (1 min), and so is the
 * change log older than its retention.
 */
public final class RevocationModule {

    private static final Logger LOG = Logger.getLogger(RevocationModule.class.getName());
    /** The first drop of expired links, a moment after start-up. */
    private static final Duration FIRST_PRUNE = Duration.ofSeconds(1);

    /** What the rest of the service uses: the store (API, console) and the snapshot (verifier, blocks). */
    public record Revocations(RevocationStore store, RevocationSnapshot snapshot) {}

    private RevocationModule() {
    }

    public static Revocations start(Lifecycle lifecycle, Jdbi jdbi, OrderEvents events, Clock clock,
            Duration leeway, Timings timings) {
        RevocationStore store = new RevocationStore(jdbi, clock, leeway, events);
        RevocationSnapshot snapshot = new RevocationSnapshot(store, clock, leeway);
        snapshot.refresh();
        ScheduledExecutorService scheduler = lifecycle.scheduler("revocations", 1);
        long refresh = timings.revocationRefresh().toMillis();
        scheduler.scheduleWithFixedDelay(snapshot::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                store.dropExpired();
                store.pruneLog();
            } catch (Exception e) {
                LOG.log(Level.FINE, "revocations: expired links not dropped this time", e); // the refresh logs an outage
            }
        }, FIRST_PRUNE.toMillis(), timings.revocationPrune().toMillis(), TimeUnit.MILLISECONDS);
        return new Revocations(store, snapshot);
    }
}
