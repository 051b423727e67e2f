package com.pimpmycase.order;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The order timeline (SPEC §11): every part that changes an order appends here, inside its own
 * transaction (the {@link Handle} overloads), so an event exists exactly when its change does.
 * Events about an image are written to every order using it.
 */
public final class OrderEvents {

    private static final int MAX_DETAIL = 500;
    private static final String INSERT =
            "INSERT INTO order_events (third_id, at, kind, detail, staff_detail) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_FOR_IMAGE = "INSERT INTO order_events (third_id, at, kind, detail, "
            + "staff_detail) SELECT third_id, ?, ?, ?, ? FROM orders WHERE pic = ?";
    private static final String TIMELINE = timelineSql();

    private final Jdbi jdbi;
    private final Clock clock;

    public OrderEvents(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Appends in the caller's transaction. */
    public void append(Handle handle, String thirdId, OrderEventKind kind, String detail) {
        append(handle, thirdId, kind, detail, null);
    }

    /**
     * Appends in the caller's transaction, with what staff read instead of {@code detail}
     * ({@code null}: the same).
     */
    public void append(Handle handle, String thirdId, OrderEventKind kind, String detail, String staffDetail) {
        handle.createUpdate(INSERT).bind(0, thirdId).bind(1, now()).bind(2, kind.wireName()).bind(3, clip(detail))
                .bind(4, clipOrNull(staffDetail)).execute();
    }

    /** Appends on its own connection (auto-commit). */
    public void append(String thirdId, OrderEventKind kind, String detail) throws SQLException {
        Transactions.withHandle(jdbi, handle -> {
            append(handle, thirdId, kind, detail);
            return null;
        });
    }

    /** Appends to every order whose image is {@code filename}, in the caller's transaction. */
    public void appendForImage(Handle handle, String filename, OrderEventKind kind, String detail) {
        appendForImage(handle, filename, kind, detail, null);
    }

    /**
     * Appends to every order whose image is {@code filename}, in the caller's transaction, with what
     * staff read instead of {@code detail} ({@code null}: the same).
     */
    public void appendForImage(Handle handle, String filename, OrderEventKind kind, String detail,
            String staffDetail) {
        handle.createUpdate(INSERT_FOR_IMAGE).bind(0, now()).bind(1, kind.wireName()).bind(2, clip(detail))
                .bind(3, clipOrNull(staffDetail)).bind(4, filename).execute();
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
        return Transactions.withHandle(jdbi, handle -> {
            Query select = handle.createQuery(TIMELINE);
            int p = 0;
            select.bind(p++, thirdId);
            for (OrderEventKind kind : OrderEventKind.values()) {
                select.bind(p++, thirdId);
                select.bind(p++, kind.wireName());
                if (TimelineSelection.bounded(kind)) {
                    select.bind(p++, TimelineSelection.limitOf(kind));
                }
            }
            return select.scanResultSet((results, context) -> {
                ResultSet rs = results.get();
                long total = 0;
                List<TimelineSelection.Entry> candidates = new ArrayList<>();
                while (rs.next()) {
                    if (rs.getInt("part") == 0) {
                        total = rs.getLong("id");
                    } else {
                        candidates.add(new TimelineSelection.Entry(rs.getLong("id"), new OrderEvent(
                                Sql.time(rs, "at"), OrderEventKind.of(rs.getString("kind")),
                                rs.getString("detail"), rs.getString("staff_detail"))));
                    }
                }
                return TimelineSelection.select(candidates, total);
            });
        });
    }

    /** The statement of {@link #timeline}: its parameters are the third_id, then per kind third_id, kind (and limit). */
    private static String timelineSql() {
        StringBuilder sql = new StringBuilder()
                // part 0: the count, in the id column
                .append("SELECT 0 AS part, COUNT(*) AS id, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS at, ")
                .append("CAST(NULL AS VARCHAR(32)) AS kind, CAST(NULL AS VARCHAR(500)) AS detail, ")
                .append("CAST(NULL AS VARCHAR(500)) AS staff_detail FROM order_events WHERE third_id = ?");
        for (OrderEventKind kind : OrderEventKind.values()) {
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
        return sql.toString();
    }

    private Instant now() {
        return clock.instant();
    }

    private static String clipOrNull(String detail) {
        return detail == null ? null : clip(detail);
    }

    private static String clip(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }
}
