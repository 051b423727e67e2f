package com.pimpmycase.order;

import com.pimpmycase.db.SqlMapping;
import org.jdbi.v3.core.Jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderEvents#timeline}: the SQL that picks §11's events answers as {@link TimelineSelection}
 * over every event, and stays quick on an order buried under hundreds of thousands of events, on
 * H2 and on PostgreSQL (when {@code PIMPMYCASE_TEST_PG_URL} is set; skipped otherwise).
 */
class OrderEventsTimelineTest {

    static final AtomicInteger DATABASES = new AtomicInteger();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-28T08:00:00Z"), ZoneOffset.UTC);

    Connection keepAlive;
    DataSource postgres;

    @AfterEach
    void close() throws SQLException {
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }

    DataSource h2() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:timeline" + DATABASES.incrementAndGet());
        keepAlive = h2.getConnection();
        Database.open(new DatabaseConfig.ContainerDataSource(h2));
        return h2;
    }

    DataSource postgres() throws SQLException {
        postgres = TestDatabases.freshPostgres("timeline");
        Database.open(new DatabaseConfig.ContainerDataSource(postgres));
        return postgres;
    }

    @Test
    void randomTimelinesOnH2() throws SQLException {
        randomTimelinesAnswerAsTheRule(h2());
    }

    @Test
    void randomTimelinesOnPostgres() throws SQLException {
        randomTimelinesAnswerAsTheRule(postgres());
    }

    @Test
    void aBuriedOrderOnH2() throws SQLException {
        aBuriedOrderKeepsItsLifecycleAndIsReadQuickly(h2());
    }

    @Test
    void aBuriedOrderOnPostgres() throws SQLException {
        aBuriedOrderKeepsItsLifecycleAndIsReadQuickly(postgres());
    }

    void randomTimelinesAnswerAsTheRule(DataSource db) throws SQLException {
        Jdbi jdbi = SqlMapping.jdbi(db);
        OrderEvents events = new OrderEvents(jdbi, CLOCK);
        Random random = new Random(22);
        OrderEventKind[] kinds = OrderEventKind.values();
        for (int order = 0; order < 30; order++) {
            String thirdId = "ORAND" + order;
            int n = random.nextInt(order < 5 ? 40 : 600);
            int flooded = List.of(7, 8, 9, 10, 1, 2).get(order % 6);
            jdbi.useTransaction(c -> {
                events.append(c, thirdId, OrderEventKind.STORED, "stored");
                for (int i = 0; i < n; i++) {
                    // Floods of a few kinds, so that the bounds apply.
                    OrderEventKind kind = random.nextInt(3) == 0 ? kinds[1 + random.nextInt(kinds.length - 1)]
                            : kinds[flooded];
                    events.append(c, thirdId, kind, kind.wireName() + " " + i, i % 2 == 0 ? "staff " + i : null);
                }
            });
            TimelineSelection.Result whole = TimelineSelection.select(readAll(db, thirdId), count(db, thirdId));
            assertEquals(whole, events.timeline(thirdId), thirdId);
        }
        assertEquals(TimelineSelection.select(List.of(), 0), events.timeline("ONOBODY"), "no events: none, 0 omitted");
    }

    void aBuriedOrderKeepsItsLifecycleAndIsReadQuickly(DataSource db) throws SQLException {
        OrderEvents events = new OrderEvents(SqlMapping.jdbi(db), CLOCK);
        events.append("OBURIED", OrderEventKind.STORED, "stored");
        events.append("OBURIED", OrderEventKind.DELIVERY_ATTEMPT, "attempt");
        events.append("OBURIED", OrderEventKind.DELIVERED, "delivered");
        SqlMapping.jdbi(db).useHandle(h -> events.append(h, "OBURIED", OrderEventKind.IMAGE_BLOCKED, "blocked",
                "blocked by ops"));
        flood(db, "OBURIED", "link_revoked", 300_000);
        flood(db, "OBURIED", "manufacturer_status", 20_000);
        flood(db, "ONEIGHBOUR", "payment_status", 5_000);
        events.append("OBURIED", OrderEventKind.PAYMENT_STATUS, "paid");

        long fastest = Long.MAX_VALUE;
        TimelineSelection.Result timeline = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            timeline = events.timeline("OBURIED");
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        Map<String, Long> kinds = timeline.shown().stream()
                .collect(Collectors.groupingBy(e -> e.kind().wireName(), Collectors.counting()));
        assertEquals(Map.of("stored", 1L, "delivery_attempt", 1L, "delivered", 1L, "image_blocked", 1L,
                "link_revoked", 20L, "manufacturer_status", 50L, "payment_status", 1L), kinds);
        assertEquals(320_005 - 75, timeline.omitted());
        assertEquals("stored", timeline.shown().get(0).detail());
        assertEquals("blocked by ops", timeline.shown().get(3).detailForStaff());
        assertEquals("blocked", timeline.shown().get(3).detail());
        System.out.printf("timeline of an order with 320,005 events: %d ms%n", fastest / 1_000_000);
        // A count over the order's index entries and short range reads: well under a second even
        // on a busy machine; reading the events themselves would take many.
        assertTrue(fastest < 3_000_000_000L, "took " + fastest / 1_000_000 + " ms");
    }

    /** {@code n} events of {@code kind}, written by the database itself. */
    static void flood(DataSource db, String thirdId, String kind, int n) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().startsWith("H2");
            String numbers = h2 ? "SYSTEM_RANGE(1, " + n + ") AS g(x)" : "generate_series(1, " + n + ") AS g(x)";
            st.executeUpdate("INSERT INTO order_events (third_id, at, kind, detail) SELECT '" + thirdId
                    + "', TIMESTAMP WITH TIME ZONE '2025-11-28 08:00:00+00', '" + kind + "', 'flood' FROM " + numbers);
            if (!h2) {
                st.execute("ANALYZE order_events");
            }
        }
    }

    static List<TimelineSelection.Entry> readAll(DataSource db, String thirdId) throws SQLException {
        List<TimelineSelection.Entry> all = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT id, at, kind, detail, staff_detail FROM order_events WHERE third_id = ? ORDER BY id")) {
            select.setString(1, thirdId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    all.add(new TimelineSelection.Entry(rs.getLong(1), new OrderEvent(
                            rs.getObject(2, OffsetDateTime.class).toInstant(), OrderEventKind.of(rs.getString(3)),
                            rs.getString(4), rs.getString(5))));
                }
            }
        }
        return all;
    }

    static long count(DataSource db, String thirdId) throws SQLException {
        return readAll(db, thirdId).size();
    }
}
