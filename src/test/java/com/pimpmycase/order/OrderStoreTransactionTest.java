package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission is one transaction, whatever fails inside it: a RuntimeException thrown by a
 * participant after the order, its event and the participant's own row were written commits none
 * of them (it used to be committed by turning auto-commit back on). The after-commit listeners hear
 * of new orders only. On H2 and PostgreSQL.
 */
class OrderStoreTransactionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;
    Database database;
    DataSource postgres;

    @AfterEach
    void close() throws SQLException {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }

    @Test
    void aRuntimeExceptionMidTransactionCommitsNothingOnH2() throws SQLException {
        database = Database.open(new DatabaseConfig.EmbeddedH2(directory));
        aRuntimeExceptionMidTransactionCommitsNothing();
    }

    @Test
    void aRuntimeExceptionMidTransactionCommitsNothingOnPostgres() throws SQLException {
        postgres = TestDatabases.freshPostgres("ordertx");
        database = Database.open(new DatabaseConfig.ContainerDataSource(postgres));
        aRuntimeExceptionMidTransactionCommitsNothing();
    }

    void aRuntimeExceptionMidTransactionCommitsNothing() throws SQLException {
        OrderEvents events = new OrderEvents(database.jdbi(), CLOCK);
        List<Order> told = new ArrayList<>();
        OrderStore failing = new OrderStore(database.jdbi(), CLOCK, events, List.of((handle, order) -> {
            // A participant that wrote its own row, then failed with an unchecked exception.
            events.append(handle, order.thirdId(), OrderEventKind.DELIVERY_ATTEMPT, "written, then rolled back");
            throw new IllegalStateException("the participant broke");
        }), List.of(told::add));

        assertThrows(IllegalStateException.class, () -> failing.submit(submission("OTX-1")));

        assertEquals(0, count("SELECT COUNT(*) FROM orders"), "no order");
        assertEquals(0, count("SELECT COUNT(*) FROM order_events"), "no event, the participant's neither");
        assertEquals(0, count("SELECT last_seq FROM order_sequence WHERE id = 1"), "the sequence number given back");
        assertNull(failing.find("OTX-1"));
        assertEquals(List.of(), told, "no listener told of an order that was not stored");

        OrderStore working = new OrderStore(database.jdbi(), CLOCK, events, List.of(), List.of(told::add));
        SubmissionOutcome created = working.submit(submission("OTX-1"));
        assertInstanceOf(SubmissionOutcome.Created.class, created);
        assertEquals(1, created.order().seq());
        assertEquals(List.of(created.order()), told, "told once the order is committed");
        assertEquals(1, count("SELECT COUNT(*) FROM order_events"));

        assertInstanceOf(SubmissionOutcome.AlreadyStored.class, working.submit(submission("OTX-1")));
        assertInstanceOf(SubmissionOutcome.Conflict.class,
                working.submit(new OrderSubmission("OTHER", "OTX-1", "MM1", "design.png", "D1", "MS1")));
        assertEquals(1, told.size(), "a replay or a conflict is not a new order");
    }

    @Test
    void aFailingListenerLeavesTheOrderStored() throws SQLException {
        database = Database.open(new DatabaseConfig.EmbeddedH2(directory));
        OrderStore store = new OrderStore(database.jdbi(), CLOCK, new OrderEvents(database.jdbi(), CLOCK), List.of(),
                List.of(order -> {
                    throw new IllegalStateException("the listener broke");
                }));
        SubmissionOutcome outcome = store.submit(submission("OTX-2"));
        assertInstanceOf(SubmissionOutcome.Created.class, outcome);
        assertSame(outcome.order(), store.find("OTX-2"));
        assertEquals(1, count("SELECT COUNT(*) FROM orders"));
    }

    private long count(String sql) throws SQLException {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static OrderSubmission submission(String thirdId) {
        return new OrderSubmission("PYEN1", thirdId, "MM1", "design.png", "D1", "MS1");
    }
}
