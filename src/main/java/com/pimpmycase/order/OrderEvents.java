package com.pimpmycase.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The order timeline (SPEC §11): every part that changes an order appends here, inside its own
 * transaction when it has one (the {@link Connection} overloads), so an event exists exactly when
 * its change does. Events about an image are written to every order using it.
 */
public final class OrderEvents {

    private static final int MAX_DETAIL = 500;

    private final DataSource dataSource;
    private final Clock clock;

    public OrderEvents(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Appends in the caller's transaction. */
    public void append(Connection connection, String thirdId, OrderEventKind kind, String detail) throws SQLException {
        append(connection, thirdId, kind, detail, null);
    }

    /**
     * Appends in the caller's transaction, with what staff read instead of {@code detail}
     * ({@code null}: the same).
     */
    public void append(Connection connection, String thirdId, OrderEventKind kind, String detail, String staffDetail)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO order_events (third_id, at, kind, detail, staff_detail) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, thirdId);
            insert.setObject(2, now());
            insert.setString(3, kind.wireName());
            insert.setString(4, clip(detail));
            insert.setString(5, staffDetail == null ? null : clip(staffDetail));
            insert.executeUpdate();
        }
    }

    /** Appends on its own connection (auto-commit). */
    public void append(String thirdId, OrderEventKind kind, String detail) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, thirdId, kind, detail);
        }
    }

    /** Appends to every order whose image is {@code filename}, in the caller's transaction. */
    public void appendForImage(Connection connection, String filename, OrderEventKind kind, String detail)
            throws SQLException {
        appendForImage(connection, filename, kind, detail, null);
    }

    /**
     * Appends to every order whose image is {@code filename}, in the caller's transaction, with what
     * staff read instead of {@code detail} ({@code null}: the same).
     */
    public void appendForImage(Connection connection, String filename, OrderEventKind kind, String detail,
            String staffDetail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_events "
                + "(third_id, at, kind, detail, staff_detail) SELECT third_id, ?, ?, ?, ? FROM orders WHERE pic = ?")) {
            insert.setObject(1, now());
            insert.setString(2, kind.wireName());
            insert.setString(3, clip(detail));
            insert.setString(4, staffDetail == null ? null : clip(staffDetail));
            insert.setString(5, filename);
            insert.executeUpdate();
        }
    }

    /** Appends to every order whose image is {@code filename}, on its own connection. */
    public void appendForImage(String filename, OrderEventKind kind, String detail) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            appendForImage(connection, filename, kind, detail);
        }
    }

    /** The events {@link #timeline} lists, oldest first. */
    public List<OrderEvent> latest(String thirdId) throws SQLException {
        return timeline(thirdId).shown();
    }

    /**
     * The order's timeline as §11 lists it ({@link TimelineSelection}), and how many events it
     * leaves out. One statement, so the count and the events are of the same moment; it reads
     * every event of the unbounded kinds and, of each bounded kind, only its own last
     * {@link TimelineSelection#limitOf} events, each kind a range of index
     * {@code order_events_by_kind} (V9): an order buried under hundreds of thousands of events
     * costs a count of its index entries and short range reads, never the events themselves.
     * A kind this version does not know (a newer node's) is counted as omitted.
     *
     * <p>Portable SQL, checked on H2 2.x and PostgreSQL: each bounded branch orders by all three
     * index columns, the first two fixed by the condition, so that H2 too walks the index
     * backwards and stops at the limit (ordered by {@code id} alone, H2 sorts the whole kind).
     */
    public TimelineSelection.Result timeline(String thirdId) throws SQLException {
        OrderEventKind[] kinds = OrderEventKind.values();
        StringBuilder sql = new StringBuilder()
                // part 0: the count, in the id column
                .append("SELECT 0 AS part, COUNT(*) AS id, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS at, ")
                .append("CAST(NULL AS VARCHAR(32)) AS kind, CAST(NULL AS VARCHAR(500)) AS detail, ")
                .append("CAST(NULL AS VARCHAR(500)) AS staff_detail FROM order_events WHERE third_id = ?");
        for (OrderEventKind kind : kinds) {
            if (TimelineSelection.bounded(kind)) {
                // part 2: the last events of one bounded kind
                sql.append(" UNION ALL SELECT * FROM (SELECT 2 AS part, id, at, kind, detail, staff_detail")
                        .append(" FROM order_events WHERE third_id = ? AND kind = ?")
                        .append(" ORDER BY third_id DESC, kind DESC, id DESC LIMIT ?) AS k").append(kind.ordinal());
            } else {
                // part 1: every event of an unbounded kind (stored among them)
                sql.append(" UNION ALL SELECT 1, id, at, kind, detail, staff_detail FROM order_events")
                        .append(" WHERE third_id = ? AND kind = ?");
            }
        }
        long total = 0;
        List<TimelineSelection.Entry> candidates = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int p = 1;
            select.setString(p++, thirdId);
            for (OrderEventKind kind : kinds) {
                select.setString(p++, thirdId);
                select.setString(p++, kind.wireName());
                if (TimelineSelection.bounded(kind)) {
                    select.setInt(p++, TimelineSelection.limitOf(kind));
                }
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt("part") == 0) {
                        total = rs.getLong("id");
                        continue;
                    }
                    candidates.add(new TimelineSelection.Entry(rs.getLong("id"), new OrderEvent(
                            rs.getObject("at", OffsetDateTime.class).toInstant(), OrderEventKind.of(rs.getString("kind")),
                            rs.getString("detail"), rs.getString("staff_detail"))));
                }
            }
        }
        return TimelineSelection.select(candidates, total);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private static String clip(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }
}
