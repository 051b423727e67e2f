package com.pimpmycase.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

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
 * fetches of one order cost no database read.
 */
public final class OrderStore {

    private static final String COLUMNS =
            "seq, third_pay_id, third_id, mobile_model_id, pic, device_id, mobile_shell_id, created_at, pay_amount, pay_type";
    /** SQLSTATE of a unique constraint violation, on both H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Work that must commit together with a new order, such as its delivery record (SPEC §9). */
    @FunctionalInterface
    public interface InSameTransaction {
        void stored(Connection connection, Order order) throws SQLException;
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final OrderEvents events;
    private final List<InSameTransaction> alsoOnStore;
    private final OrderCache cache = new OrderCache(OrderCache.DEFAULT_GENERATION_SIZE);

    public OrderStore(DataSource dataSource, Clock clock, OrderEvents events, List<InSameTransaction> alsoOnStore) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.alsoOnStore = List.copyOf(alsoOnStore);
    }

    /** Stores {@code submission} unless its {@code third_id} is already there; returns only after commit. */
    public SubmissionOutcome submit(OrderSubmission submission) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SubmissionOutcome outcome = submitInTransaction(connection, submission);
                if (outcome instanceof SubmissionOutcome.Created) {
                    connection.commit();
                } else {
                    connection.rollback(); // nothing written; also gives back the sequence number
                }
                cache.put(outcome.order()); // committed now, or read as committed by another submission
                return outcome;
            } catch (SQLException e) {
                connection.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            } finally {
                connection.setAutoCommit(true);
            }
        }
        // Lost a race on third_id despite the lock (cannot happen with the lock, kept as a safety net).
        return compare(submission, find(submission.thirdId()));
    }

    private SubmissionOutcome submitInTransaction(Connection connection, OrderSubmission submission)
            throws SQLException {
        Order existing = find(connection, submission.thirdId());
        if (existing != null) {
            return compare(submission, existing);
        }
        long seq = nextSeq(connection); // waits here while another submission commits
        existing = find(connection, submission.thirdId()); // it may have been this very order
        if (existing != null) {
            return compare(submission, existing);
        }
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, submission.thirdPayId());
            insert.setString(3, submission.thirdId());
            insert.setString(4, submission.mobileModelId());
            insert.setString(5, submission.pic());
            insert.setString(6, submission.deviceId());
            insert.setString(7, submission.mobileShellId());
            insert.setObject(8, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            insert.setBigDecimal(9, submission.payAmount());
            if (submission.payType() == null) {
                insert.setNull(10, java.sql.Types.INTEGER);
            } else {
                insert.setInt(10, submission.payType());
            }
            insert.executeUpdate();
        }
        Order order = new Order(seq, submission, createdAt);
        events.append(connection, order.thirdId(), OrderEventKind.STORED, "image " + order.pic());
        for (InSameTransaction work : alsoOnStore) {
            work.stored(connection, order);
        }
        return new SubmissionOutcome.Created(order);
    }

    private static SubmissionOutcome compare(OrderSubmission submission, Order existing) {
        return existing.submission().equals(submission)
                ? new SubmissionOutcome.AlreadyStored(existing)
                : new SubmissionOutcome.Conflict(existing);
    }

    /** Increments the sequence row, holding its lock until this transaction ends. */
    private static long nextSeq(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE order_sequence SET last_seq = last_seq + 1 WHERE id = 1")) {
            update.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_seq FROM order_sequence WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
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
        try (Connection connection = dataSource.getConnection()) {
            order = find(connection, thirdId);
        }
        if (order != null) {
            cache.put(order);
        }
        return order;
    }

    private static Order find(Connection connection, String thirdId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM orders WHERE third_id = ?")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Up to {@code limit} orders stored after position {@code afterSeq}, in store order. */
    public List<Order> after(long afterSeq, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM orders WHERE seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, afterSeq);
            select.setInt(2, limit);
            List<Order> orders = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    orders.add(read(rs));
                }
            }
            return orders;
        }
    }

    private static Order read(ResultSet rs) throws SQLException {
        OrderSubmission submission = new OrderSubmission(rs.getString("third_pay_id"), rs.getString("third_id"),
                rs.getString("mobile_model_id"), rs.getString("pic"), rs.getString("device_id"),
                rs.getString("mobile_shell_id"), rs.getBigDecimal("pay_amount") /* scale 2 whatever the driver answers */,
                (Integer) rs.getObject("pay_type", Integer.class));
        Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        return new Order(rs.getLong("seq"), submission, createdAt);
    }
}
