package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pay_amount} and {@code pay_type} (SPEC §4) survive the database (H2, migration V7): a
 * second store on the same database, whose cache is empty, reads back exactly what was stored, and
 * "the identical order" compares them by value.
 */
class OrderStorePayFieldsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;
    Database database;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseConfig.EmbeddedH2(directory));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private OrderStore store() {
        return new OrderStore(database.jdbi(), CLOCK, new OrderEvents(database.jdbi(), CLOCK), List.of(), List.of());
    }

    private static OrderSubmission order(String thirdId, String amount, Integer payType) {
        return new OrderSubmission("PYEN1", thirdId, "MM1", "design.png", "D1", "MS1",
                amount == null ? null : new BigDecimal(amount), payType);
    }

    @Test
    void payFieldsRoundTripThroughTheDatabase() throws SQLException {
        List<OrderSubmission> submitted = List.of(order("OR-PAY-1", "35", 12), order("OR-PAY-2", "19.99", null),
                order("OR-PAY-3", null, 5), order("OR-PAY-4", null, null), order("OR-PAY-5", "100000.00", 99),
                order("OR-PAY-6", "0.01", 1));
        OrderStore writer = store();
        for (OrderSubmission s : submitted) {
            assertInstanceOf(SubmissionOutcome.Created.class, writer.submit(s));
        }
        OrderStore reader = store(); // another node: nothing cached, every order read from the database
        for (OrderSubmission s : submitted) {
            OrderSubmission read = reader.find(s.thirdId()).submission();
            assertEquals(s, read);
            assertEquals(s.payAmount(), read.payAmount()); // scale 2 included: BigDecimal.equals
            assertEquals(s.payType(), read.payType());
        }
        List<Order> polled = store().after(0, 10);
        assertEquals(submitted, polled.stream().map(Order::submission).toList());
        assertEquals(new BigDecimal("35.00"), polled.get(0).submission().payAmount());
        assertNull(polled.get(3).submission().payAmount());
        assertNull(polled.get(3).submission().payType());
    }

    @Test
    void theIdenticalOrderComparesPayFieldsByValueAgainstTheStoredRow() throws SQLException {
        store().submit(order("OR-SAME", "35", 12));
        OrderStore other = store(); // compares with the row as the database answers it
        assertInstanceOf(SubmissionOutcome.AlreadyStored.class, other.submit(order("OR-SAME", "35.0", 12)));
        assertInstanceOf(SubmissionOutcome.AlreadyStored.class, store().submit(order("OR-SAME", "35.00", 12)));
        assertInstanceOf(SubmissionOutcome.Conflict.class, store().submit(order("OR-SAME", null, 12)));
        assertInstanceOf(SubmissionOutcome.Conflict.class, store().submit(order("OR-SAME", "35", null)));
        assertInstanceOf(SubmissionOutcome.Conflict.class, store().submit(order("OR-SAME", "35.01", 12)));
        assertInstanceOf(SubmissionOutcome.Conflict.class, store().submit(order("OR-SAME", "35", 5)));

        store().submit(order("OR-NONE", null, null));
        assertInstanceOf(SubmissionOutcome.Conflict.class, store().submit(order("OR-NONE", "35", null)));
        assertInstanceOf(SubmissionOutcome.AlreadyStored.class, store().submit(order("OR-NONE", null, null)));
    }
}
