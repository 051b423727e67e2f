package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.db.SqlMapping;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OrderStore#find} answers orders it has seen without the database, and never a miss: two
 * stores on one database stand for two nodes. Database reads are counted as connections taken.
 */
class OrderStoreCacheTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;
    Database database;
    AtomicInteger connections = new AtomicInteger();
    DataSource counted;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseConfig.EmbeddedH2(directory));
        DataSource real = database.dataSource();
        counted = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void close() {
        database.close();
    }

    private OrderStore store(List<OrderStore.InSameTransaction> alsoOnStore) {
        Jdbi jdbi = SqlMapping.jdbi(counted);
        return new OrderStore(jdbi, CLOCK, new OrderEvents(jdbi, CLOCK), alsoOnStore, List.of());
    }

    private static OrderSubmission submission(String thirdId) {
        return new OrderSubmission("PYEN1", thirdId, "MM1", "design.png", "D1", "MS1");
    }

    @Test
    void anOrderStoredHereIsFetchedWithoutTheDatabase() throws SQLException {
        OrderStore node = store(List.of());
        Order stored = node.submit(submission("OR-1")).order();
        int before = connections.get();

        assertEquals(stored, node.find("OR-1"));
        assertEquals(stored, node.find("OR-1"));
        assertEquals(before, connections.get(), "no database read for an order this node stored");
    }

    @Test
    void anOrderStoredElsewhereIsReadOnceThenKept() throws SQLException {
        OrderStore node = store(List.of());
        OrderStore otherNode = store(List.of());
        assertNull(node.find("OR-2"));

        Order stored = otherNode.submit(submission("OR-2")).order();
        int before = connections.get();
        assertEquals(stored, node.find("OR-2"), "visible at once: the miss before was not kept");
        assertEquals(before + 1, connections.get());
        assertEquals(stored, node.find("OR-2"));
        assertEquals(before + 1, connections.get(), "the second fetch is answered from memory");
    }

    @Test
    void aMissIsAskedOfTheDatabaseEveryTime() throws SQLException {
        OrderStore node = store(List.of());
        int before = connections.get();
        assertNull(node.find("NOT-THERE"));
        assertNull(node.find("NOT-THERE"));
        assertEquals(before + 2, connections.get());
    }

    @Test
    void anIdenticalRepostAndAConflictKeepTheStoredOrder() throws SQLException {
        OrderStore node = store(List.of());
        OrderStore otherNode = store(List.of());
        Order stored = otherNode.submit(submission("OR-3")).order();

        assertInstanceOf(SubmissionOutcome.AlreadyStored.class, node.submit(submission("OR-3")));
        int before = connections.get();
        assertEquals(stored, node.find("OR-3"));
        assertEquals(before, connections.get());

        OrderSubmission different = new OrderSubmission("PYEN2", "OR-3", "MM1", "design.png", "D1", "MS1");
        SubmissionOutcome conflict = node.submit(different);
        assertInstanceOf(SubmissionOutcome.Conflict.class, conflict);
        assertEquals(stored, conflict.order());
        assertEquals(stored, node.find("OR-3"), "the stored order, never the refused submission");
    }

    @Test
    void anOrderWhoseTransactionFailedIsNotKept() throws SQLException {
        OrderStore failing = store(List.of((connection, order) -> {
            throw new SQLException("the delivery record could not be written");
        }));
        assertThrows(SQLException.class, () -> failing.submit(submission("OR-4")));

        int before = connections.get();
        assertNull(failing.find("OR-4"));
        assertEquals(before + 1, connections.get());
    }

    @Test
    void theCacheIsBoundedAndKeepsWhatIsInUse() {
        OrderCache cache = new OrderCache(2);
        Order a = order("A");
        cache.put(a);
        cache.put(order("B")); // the young generation is full: it becomes the old one
        assertSame(a, cache.get("A")); // found in the old generation: back into the young one
        cache.put(order("C")); // full again: {A, C} become old, {A, B} are dropped
        assertNull(cache.get("B"));
        assertSame(a, cache.get("A"));

        for (int i = 0; i < 1_000; i++) {
            cache.put(order("X" + i));
            assertTrue(cache.size() <= 4, "at most two generations of two: " + cache.size());
        }
        assertNull(cache.get(null));
    }

    private static Order order(String thirdId) {
        return new Order(1, submission(thirdId), CLOCK.instant());
    }
}
