package com.pimpmycase.delivery;

import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.manufacturer.AttemptResult;
import com.pimpmycase.manufacturer.ManufacturerApi;
import com.pimpmycase.metrics.ServiceMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due deliveries to the manufacturer (SPEC §9). One control thread polls the table (every
 * {@code pollInterval}, and at once when {@link #wake()} is called after this node stored an order
 * or started a delivery), claims due deliveries oldest first — as many as it has free workers —
 * and hands each claim to a worker, which mints the manufacturing link, makes the attempt and
 * writes its result. The control thread renews the claims of the attempts in flight; a claim that
 * cannot be renewed is abandoned: its call is interrupted and its result never written, because
 * another node may own the delivery by then.
 *
 * <p>Stopping ({@link #close()}) never interrupts a thread inside the database (an interrupted
 * H2 file channel closes the whole embedded database): the control thread finishes its round, a
 * worker still waiting for the manufacturer is interrupted and gives its claim back.
 */
public final class DeliveryDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());
    private static final long STOP_SECONDS = 8;

    private final DeliveryClaims claims;
    private final Attempts attempts;
    private final Outcomes outcomes;
    private final Pace pace;
    private final Semaphore freeWorkers;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean pollAgain;
    private volatile boolean stopping;
    private ScheduledExecutorService control;
    private ExecutorService workers;

    /** One attempt in flight: its claim, its worker thread while it waits for the manufacturer. */
    private static final class InFlight {
        final DeliveryClaims.Claim claim;
        Thread caller;
        boolean abandoned;
        volatile Instant validUntil;

        InFlight(DeliveryClaims.Claim claim, Instant validUntil) {
            this.claim = claim;
            this.validUntil = validUntil;
        }
    }

    /** What an attempt needs: the manufacturer, the link it hands over, the images blocked now (SPEC §10), a clock. */
    public record Attempts(ManufacturerApi api, ManufacturingLinks links, ImageBlocks blocks, Clock clock) {
    }

    /** Where results are reported: the attempt metrics, and a configuration problem ({@code config} answers). */
    public record Outcomes(ServiceMetrics metrics, DeliveryProblems problems) {
    }

    /** How often the table is looked at when nothing woke the dispatcher, and how many attempts run at once. */
    public record Pace(Duration pollInterval, int workers) {
    }

    public DeliveryDispatcher(DeliveryClaims claims, Attempts attempts, Outcomes outcomes, Pace pace) {
        this.claims = claims;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.pace = pace;
        this.freeWorkers = new Semaphore(pace.workers());
    }

    /** Starts polling on {@code control} (one thread) and attempting on {@code workers}. */
    public void start(ScheduledExecutorService control, ExecutorService workers) {
        this.control = control;
        this.workers = workers;
        long poll = pace.pollInterval().toMillis();
        control.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
        long renew = Math.max(100, claims.leaseTime().toMillis() / 3);
        control.scheduleWithFixedDelay(this::renewClaims, renew, renew, TimeUnit.MILLISECONDS);
    }

    public int workerCount() {
        return pace.workers();
    }

    /** Attempts of this node in flight now (tests). */
    int inFlight() {
        return inFlight.size();
    }

    /** Something became due on this node (an order committed, a payment, a retry): look now. */
    public void wake() {
        ScheduledExecutorService c = control;
        if (c == null || stopping) {
            return;
        }
        try {
            c.execute(this::poll);
        } catch (RejectedExecutionException stopped) {
            // undeploying
        }
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            pollAgain = true; // the running round looks once more
            return;
        }
        try {
            do {
                pollAgain = false;
                pollOnce();
            } while (pollAgain && !stopping);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "delivery dispatcher cannot read due deliveries: {0}", e.toString());
        } finally {
            polling.set(false);
        }
    }

    private void pollOnce() throws SQLException {
        while (!stopping && freeWorkers.availablePermits() > 0) {
            DeliveryClaims.Round round = claims.claimDue(freeWorkers.availablePermits(), inFlight.keySet(),
                    attempts.blocks()::isBlocked);
            for (DeliveryClaims.Claim claim : round.claimed()) {
                if (stopping) {
                    giveBack(claim, "node stopping");
                } else {
                    startAttempt(claim);
                }
            }
            if (round.handled() == 0) {
                return; // nothing (more) this node can start now
            }
        }
    }

    private void startAttempt(DeliveryClaims.Claim claim) {
        freeWorkers.acquireUninterruptibly();
        InFlight attempt = new InFlight(claim, attempts.clock().instant().plus(claims.leaseTime()));
        inFlight.put(claim.thirdId(), attempt);
        try {
            workers.execute(() -> attempt(attempt));
        } catch (RejectedExecutionException stopped) {
            inFlight.remove(claim.thirdId(), attempt);
            freeWorkers.release();
            giveBack(claim, "node stopping");
        }
    }

    private void attempt(InFlight attempt) {
        DeliveryClaims.Claim claim = attempt.claim;
        try {
            ManufacturingLinks.Link link = attempts.links().mint(claim.order().pic());
            synchronized (attempt) {
                attempt.caller = Thread.currentThread();
                if (attempt.abandoned) {
                    return;
                }
            }
            AttemptResult result;
            try {
                result = attempts.api().deliver(claim.order(), link.url());
            } catch (RuntimeException e) {
                result = new AttemptResult.RetryLater(false, "unexpected error: " + e.getClass().getSimpleName());
            }
            boolean abandoned;
            synchronized (attempt) {
                attempt.caller = null;
                abandoned = attempt.abandoned;
                Thread.interrupted(); // from here on only the database: never with the interrupt flag set
            }
            record(claim, result, link.expiresAt(), abandoned);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery third_id=" + claim.thirdId() + ": attempt failed unexpectedly", e);
        } finally {
            inFlight.remove(claim.thirdId(), attempt);
            freeWorkers.release();
            wake();
        }
    }

    private void record(DeliveryClaims.Claim claim, AttemptResult result, long picExpiresAt, boolean abandoned) {
        String what = "delivery third_id=" + claim.thirdId() + " attempt=" + claim.attempt();
        if (abandoned) {
            count(new AttemptResult.RetryLater(false, "abandoned"));
            LOG.warning(what + " abandoned: its claim could not be renewed (another node may deliver it)");
            return;
        }
        if (stopping && result instanceof AttemptResult.RetryLater) {
            count(result);
            giveBack(claim, "node stopped during the attempt");
            LOG.info(what + " interrupted: the node is stopping; due again at once");
            return;
        }
        count(result);
        if (result instanceof AttemptResult.Misconfigured misconfigured) {
            outcomes.problems().report(misconfigured.problem());
        }
        try {
            DeliveryClaims.Applied applied = claims.finish(claim, result, picExpiresAt);
            LOG.info(() -> what + " result=" + DeliveryTransition.describe(result)
                    + (applied == DeliveryClaims.Applied.CLAIM_LOST ? " (not recorded: delivered or claimed meanwhile)" : ""));
        } catch (SQLException e) {
            // The claim expires and the delivery is attempted again: at-least-once.
            LOG.warning(what + " result=" + result.result() + " could not be recorded: " + e);
        }
    }

    private void count(AttemptResult result) {
        outcomes.metrics().deliveryAttempt(ServiceMetrics.DeliveryResult.valueOf(result.result().toUpperCase(java.util.Locale.ROOT)));
    }

    private void giveBack(DeliveryClaims.Claim claim, String why) {
        try {
            claims.release(claim, why);
        } catch (SQLException e) {
            LOG.warning("delivery third_id=" + claim.thirdId() + ": cannot give the claim back (" + e
                    + "); it expires by itself");
        }
    }

    /** Renews every claim in flight; one that cannot be renewed (in time) is abandoned. */
    private void renewClaims() {
        for (InFlight attempt : inFlight.values()) {
            boolean renewed = false;
            Clock clock = attempts.clock();
            if (clock.instant().isBefore(attempt.validUntil)) {
                try {
                    Instant before = clock.instant();
                    renewed = claims.renew(attempt.claim);
                    if (renewed) {
                        attempt.validUntil = before.plus(claims.leaseTime());
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.warning("delivery third_id=" + attempt.claim.thirdId() + ": cannot renew its claim: " + e);
                }
            }
            if (!renewed) {
                abandon(attempt);
            }
        }
    }

    private static void abandon(InFlight attempt) {
        synchronized (attempt) {
            attempt.abandoned = true;
            if (attempt.caller != null) {
                attempt.caller.interrupt(); // only while it waits for the manufacturer
            }
        }
    }

    /** Stops claiming, lets the control round finish, interrupts the calls in flight and waits for the workers. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (control == null) {
            return;
        }
        control.shutdown(); // no interrupt: a round inside the database finishes
        control.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
        for (InFlight attempt : inFlight.values()) {
            synchronized (attempt) {
                if (attempt.caller != null) {
                    attempt.caller.interrupt();
                }
            }
        }
        workers.shutdown();
        workers.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
    }
}
