package com.pimpmycase.order;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Orders in a relational database (H2 or PostgreSQL, same SQL).
 *
 * <p>Submissions take the single {@code order_sequence} row lock for their transaction, so they
 * commit one after another in {@code seq} order: a reader always sees a gap-free prefix, which is
 * what lets a poller resume from the last {@code seq} it saw without missing an order that was
 * still being committed. Orders arrive at human speed; the serialisation costs nothing noticeable.
 *
 * <p>Stored orders never change, so {@link #find} answers an order it has seen from memory
 * ({@link OrderCache}: committed orders only, never a miss), and the manufacturer's repeated
 * fetches of one order cost no database read. A read that does reach the database is one
 * statement, its row mapped by hand ({@link #read}).
 *
 * <p>Other parts join a new order in two ways: {@link InSameTransaction} work commits with it or not
 * at all (its delivery record, SPEC §9); {@link AfterCommit} listeners hear of it once it is
 * committed (wake the dispatcher, count {@code pimpmycase_orders_stored_total}), never of a replay.
 */
public final class OrderStore {

    private static final Logger LOG = Logger.getLogger(OrderStore.class.getName());
    private static final String COLUMNS =
            "seq, third_pay_id, third_id, mobile_model_id, pic, device_id, mobile_shell_id, created_at, pay_amount, pay_type";
    private static final String INSERT = "INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_THIRD_ID = "SELECT " + COLUMNS + " FROM orders WHERE third_id = ?";
    private static final String AFTER = "SELECT " + COLUMNS + " FROM orders WHERE seq > ? ORDER BY seq LIMIT ?";

    /** Work that must commit together with a new order, such as its delivery record (SPEC §9). */
    @FunctionalInterface
    public interface InSameTransaction {
        /** Runs in the order's transaction on {@code handle}; anything thrown rolls the order back. */
        void stored(Handle handle, Order order) throws SQLException;
    }

    /** Told once the transaction that stored a new order has committed; not for a replay of it. */
    @FunctionalInterface
    public interface AfterCommit {
        /** Must not block; a failure is logged, the order stays stored. */
        void stored(Order order);
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderEvents events;
    private final List<InSameTransaction> alsoOnStore;
    private final List<AfterCommit> afterCommit;
    private final OrderCache cache = new OrderCache(OrderCache.DEFAULT_GENERATION_SIZE);

    public OrderStore(Jdbi jdbi, Clock clock, OrderEvents events, List<InSameTransaction> alsoOnStore,
            List<AfterCommit> afterCommit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.alsoOnStore = List.copyOf(alsoOnStore);
        this.afterCommit = List.copyOf(afterCommit);
    }

    /**
     * Stores {@code submission} unless its {@code third_id} is already there; returns only after
     * commit. Anything thrown on the way (by a participant too) rolls all of it back.
     */
    public SubmissionOutcome submit(OrderSubmission submission) throws SQLException {
        SubmissionOutcome outcome;
        try {
            outcome = Transactions.inTransaction(jdbi, handle -> {
                SubmissionOutcome result = submitInTransaction(handle, submission);
                if (!(result instanceof SubmissionOutcome.Created)) {
                    handle.rollback(); // nothing written; also gives back the sequence number
                }
                return result;
            });
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // Lost a race on third_id despite the lock (cannot happen with the lock, kept as a safety net).
            return compare(submission, find(submission.thirdId()));
        }
        cache.put(outcome.order()); // committed now, or read as committed by another submission
        if (outcome instanceof SubmissionOutcome.Created created) {
            tellStored(created.order());
        }
        return outcome;
    }

    private void tellStored(Order order) {
        for (AfterCommit listener : afterCommit) {
            try {
                listener.stored(order);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener failed on the stored order " + order.thirdId(), e);
            }
        }
    }

    private SubmissionOutcome submitInTransaction(Handle handle, OrderSubmission submission) throws SQLException {
        Order existing = find(handle, submission.thirdId());
        if (existing != null) {
            return compare(submission, existing);
        }
        long seq = nextSeq(handle); // waits here while another submission commits
        existing = find(handle, submission.thirdId()); // it may have been this very order
        if (existing != null) {
            return compare(submission, existing);
        }
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        handle.createUpdate(INSERT)
                .bind(0, seq)
                .bind(1, submission.thirdPayId())
                .bind(2, submission.thirdId())
                .bind(3, submission.mobileModelId())
                .bind(4, submission.pic())
                .bind(5, submission.deviceId())
                .bind(6, submission.mobileShellId())
                .bind(7, createdAt)
                .bind(8, submission.payAmount())
                .bind(9, submission.payType())
                .execute();
        Order order = new Order(seq, submission, createdAt);
        events.append(handle, order.thirdId(), OrderEventKind.STORED, "image " + order.pic());
        for (InSameTransaction work : alsoOnStore) {
            work.stored(handle, order);
        }
        return new SubmissionOutcome.Created(order);
    }

    private static SubmissionOutcome compare(OrderSubmission submission, Order existing) {
        return existing.submission().equals(submission)
                ? new SubmissionOutcome.AlreadyStored(existing)
                : new SubmissionOutcome.Conflict(existing);
    }

    /** Increments the sequence row, holding its lock until this transaction ends. */
    private static long nextSeq(Handle handle) {
        handle.execute("UPDATE order_sequence SET last_seq = last_seq + 1 WHERE id = 1");
        return handle.createQuery("SELECT last_seq FROM order_sequence WHERE id = 1")
                .map((rs, context) -> rs.getLong(1)).one();
    }

    /**
     * The order with {@code thirdId}, or {@code null}: from memory when this node has seen it, else
     * from the database. A miss is never remembered: another node may store the order next.
     */
    public Order find(String thirdId) throws SQLException {
        Order order = cache.get(thirdId);
        if (order != null) {
            return order;
        }
        order = Transactions.withHandle(jdbi, handle -> find(handle, thirdId));
        if (order != null) {
            cache.put(order);
        }
        return order;
    }

    private static Order find(Handle handle, String thirdId) {
        return handle.createQuery(BY_THIRD_ID).bind(0, thirdId).map(OrderStore::read).findOne().orElse(null);
    }

    /** Up to {@code limit} orders stored after position {@code afterSeq}, in store order. */
    public List<Order> after(long afterSeq, int limit) throws SQLException {
        return Transactions.withHandle(jdbi,
                handle -> handle.createQuery(AFTER).bind(0, afterSeq).bind(1, limit).map(OrderStore::read).list());
    }

    /** One row as an order, by hand: no reflection on the read path. */
    private static Order read(ResultSet rs, StatementContext context) throws SQLException {
        OrderSubmission submission = new OrderSubmission(rs.getString("third_pay_id"), rs.getString("third_id"),
                rs.getString("mobile_model_id"), rs.getString("pic"), rs.getString("device_id"),
                rs.getString("mobile_shell_id"), rs.getBigDecimal("pay_amount") /* scale 2 whatever the driver answers */,
                rs.getObject("pay_type", Integer.class));
        return new Order(rs.getLong("seq"), submission, Sql.time(rs, "created_at"));
    }
}
