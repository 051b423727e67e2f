package com.pimpmycase.delivery;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.manufacturer.AttemptResult;
import com.pimpmycase.manufacturer.RetryDelays;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderSubmission;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The claim ("lease") on a delivery, in the deliveries table itself (docs/DELIVERY.md): a node
 * claims a due row by a conditional update on the row version it read, so of all nodes reading
 * the same row exactly one wins; it renews the claim while its attempt lasts; the attempt's result
 * is written only while the claim is still its own. A claim not renewed expires and the row is due
 * again for any node. What each step writes is {@link DeliveryTransition}'s; how, {@link DeliveryTable}'s.
 */
public final class DeliveryClaims {

    private static final Logger LOG = Logger.getLogger(DeliveryClaims.class.getName());

    /** A due delivery as a dispatcher read it, with the order it delivers. */
    public record Candidate(String thirdId, long version, DeliveryState state, int attempts, int failures,
            Instant giveUpAt, Instant blockedSince, OrderSubmission order) {

        public String pic() {
            return order.pic();
        }
    }

    /** A delivery this node holds: {@code leaseId} is unique to this claim. */
    public record Claim(String thirdId, String leaseId, int attempt, int failures, Instant giveUpAt,
            OrderSubmission order) {
    }

    /** What one round of {@link #claimDue} did: its claims, and how many due rows it took out of the due set. */
    public record Round(List<Claim> claimed, int handled) {
    }

    /** What writing an attempt's result did. */
    public enum Applied {
        /** The result is the delivery's new state. */
        WRITTEN,
        /** The claim was no longer this node's, or the order was delivered meanwhile: nothing changed but the event. */
        CLAIM_LOST
    }

    private final Jdbi jdbi;
    private final DeliveryTable table;
    private final Clock clock;
    private final OrderEvents events;
    private final DeliveryTransition policy;

    public DeliveryClaims(Jdbi jdbi, Clock clock, OrderEvents events, DeliveryTransition policy) {
        this.jdbi = jdbi;
        this.table = new DeliveryTable(jdbi);
        this.clock = clock;
        this.events = events;
        this.policy = policy;
    }

    public Duration leaseTime() {
        return policy.leaseTime();
    }

    /**
     * One round of the dispatcher: takes the due deliveries oldest first and claims up to
     * {@code free} of them; on the way, one whose image is blocked is paused and one past its
     * give-up time is made failed. Rows in {@code busyHere} (this node's attempts whose claim
     * expired meanwhile) are left alone.
     *
     * <p>On PostgreSQL the round is one transaction that locks the rows it looks at with
     * {@code FOR UPDATE SKIP LOCKED}: nodes polling at once take different rows. Elsewhere (H2)
     * the rows are read without a lock and each step is its own statement, guarded by the row
     * version read: when another node came first, the step changes nothing.
     */
    public Round claimDue(int free, Set<String> busyHere, Predicate<String> imageBlocked) throws SQLException {
        if (table.skipsLocked()) {
            return Transactions.inTransaction(jdbi, h ->
                    round(h, table.lockDue(h, clock.instant(), free + busyHere.size()), free, busyHere, imageBlocked));
        }
        // More than the free workers: rows taken by others meanwhile, blocked and busy ones are skipped.
        return Transactions.withHandle(jdbi, h ->
                round(h, table.due(h, clock.instant(), free * 2 + 8), free, busyHere, imageBlocked));
    }

    private Round round(Handle h, List<Candidate> due, int free, Set<String> busyHere, Predicate<String> imageBlocked)
            throws SQLException {
        List<Claim> claimed = new ArrayList<>();
        int handled = 0;
        for (Candidate candidate : due) {
            if (claimed.size() == free) {
                break;
            }
            if (busyHere.contains(candidate.thirdId())) {
                continue;
            }
            handled++;
            DeliveryTransition.Start start = policy.start(candidate, imageBlocked.test(candidate.pic()), clock.instant());
            if (start instanceof DeliveryTransition.Pause pause) {
                table.pause(h, candidate.thirdId(), candidate.version(), pause);
            } else if (start instanceof DeliveryTransition.GiveUp giveUp) {
                if (giveUp(h, candidate, giveUp)) {
                    LOG.info(() -> "delivery third_id=" + candidate.thirdId() + " failed: giveUpAfter has passed");
                }
            } else {
                Claim claim = claim(h, candidate, (DeliveryTransition.Attempt) start);
                if (claim != null) {
                    claimed.add(claim);
                }
            }
        }
        return new Round(claimed, handled);
    }

    /**
     * Up to {@code limit} deliveries due now, oldest order first: pending ones whose time has come
     * and delivering ones whose claim expired (their node died or gave up).
     */
    public List<Candidate> due(int limit) throws SQLException {
        return Transactions.withHandle(jdbi, h -> table.due(h, clock.instant(), limit));
    }

    /** Claims {@code candidate} for one attempt; {@code null} when another node (or a change) came first. */
    public Claim claim(Candidate candidate) throws SQLException {
        DeliveryTransition.Attempt attempt = policy.attempt(candidate, clock.instant());
        return Transactions.withHandle(jdbi, h -> claim(h, candidate, attempt));
    }

    private Claim claim(Handle h, Candidate candidate, DeliveryTransition.Attempt attempt) {
        String leaseId = UUID.randomUUID().toString();
        if (!table.claim(h, candidate.thirdId(), candidate.version(), clock.instant(), attempt, leaseId)) {
            return null;
        }
        return new Claim(candidate.thirdId(), leaseId, candidate.attempts() + 1, candidate.failures(),
                attempt.giveUpAt(), candidate.order());
    }

    /** Whether {@code candidate}'s giveUpAfter has passed: then it is made failed instead of attempted. */
    public boolean isPastGivingUp(Candidate candidate) {
        return policy.isPastGivingUp(candidate, clock.instant());
    }

    /** Makes {@code candidate} failed; {@code false} when it changed since it was read. */
    public boolean giveUp(Candidate candidate) throws SQLException {
        return Transactions.withHandle(jdbi, h -> giveUp(h, candidate, policy.giveUp()));
    }

    private boolean giveUp(Handle h, Candidate candidate, DeliveryTransition.GiveUp giveUp) throws SQLException {
        return h.inTransaction(t -> {
            if (!table.fail(t, candidate.thirdId(), candidate.version())) {
                return false; // changed since it was read: nothing written
            }
            append(t, candidate.thirdId(), giveUp.event());
            return true;
        });
    }

    /** The image of {@code candidate} is blocked (SPEC §10): no attempt, see {@link DeliveryTransition.Pause}. */
    public boolean pauseBlocked(Candidate candidate) throws SQLException {
        DeliveryTransition.Pause pause = (DeliveryTransition.Pause) policy.start(candidate, true, clock.instant());
        return Transactions.withHandle(jdbi, h -> table.pause(h, candidate.thirdId(), candidate.version(), pause));
    }

    /** Extends {@code claim} by the lease time from now; {@code false} when it is no longer this node's. */
    public boolean renew(Claim claim) throws SQLException {
        Instant until = clock.instant().plus(policy.leaseTime());
        return Transactions.withHandle(jdbi, h -> table.renew(h, claim.thirdId(), claim.leaseId(), until));
    }

    /**
     * Writes the result of {@code claim}'s attempt, with its events, if the claim is still this
     * node's (so an attempt in flight never overwrites {@code delivered}, nor another node's claim).
     *
     * @param picExpiresAt the {@code exp} of the link the attempt handed over
     */
    public Applied finish(Claim claim, AttemptResult result, long picExpiresAt) throws SQLException {
        DeliveryTransition.Finish finish = policy.finish(claim, result, picExpiresAt, clock.instant());
        return Transactions.inTransaction(jdbi, h -> {
            boolean written = table.finish(h, claim.thirdId(), claim.leaseId(), finish.row());
            append(h, claim.thirdId(), finish.attempt());
            if (written && finish.outcome() != null) {
                append(h, claim.thirdId(), finish.outcome());
            }
            return written ? Applied.WRITTEN : Applied.CLAIM_LOST;
        });
    }

    /**
     * Gives the claim back without a result (the node is stopping): the delivery is due again at
     * once, for any node. {@code false} when it was no longer this node's.
     */
    public boolean release(Claim claim, String why) throws SQLException {
        Instant now = clock.instant();
        return Transactions.withHandle(jdbi, h -> table.release(h, claim.thirdId(), claim.leaseId(), why, now));
    }

    /** In the handle's transaction (the timeline's API is JDBC's). */
    private void append(Handle h, String thirdId, DeliveryTransition.Event event) throws SQLException {
        events.append(h, thirdId, event.kind(), event.detail());
    }
}
