package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.JdbcManufacturerReports;
import com.pimpmycase.testing.MutableClock;
import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.order.OrderEvent;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderStore;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.order.SubmissionOutcome;
import com.pimpmycase.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The order and delivery tables on a real database (H2 file or PostgreSQL), migrated, with a settable clock. */
public final class DeliveryTables implements AutoCloseable {

    public static final Duration LEASE = Duration.ofSeconds(30);
    public static final Duration GIVE_UP = Duration.ofHours(1);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    public final Database database;
    public final DataSource postgres;
    public final OrderEvents events;
    public final OrderStore orders;
    public final JdbcDeliveryRecords records;

    private DeliveryTables(Database database, DataSource postgres, ManufacturerConfig.DeliverOn mode)
            throws SQLException {
        this.database = database;
        this.postgres = postgres;
        this.events = new OrderEvents(database.jdbi(), clock);
        this.orders = new OrderStore(database.jdbi(), clock, events,
                List.of(new DeliveryOutbox(mode == null ? null : config(mode), clock)), List.of());
        this.records = new JdbcDeliveryRecords(database.jdbi());
        // Jdbi's first named-parameter statement loads its SQL lexer, which takes seconds on a busy
        // machine: paid here, not inside a test that times a lease against the real clock.
        records.of("WARM-UP");
    }

    public static DeliveryTables h2(Path directory, ManufacturerConfig.DeliverOn mode) throws SQLException {
        return new DeliveryTables(Database.open(new DatabaseConfig.EmbeddedH2(directory)), null, mode);
    }

    public static DeliveryTables postgres(ManufacturerConfig.DeliverOn mode) throws SQLException {
        DataSource dataSource = TestDatabases.freshPostgres("deliveries");
        return new DeliveryTables(Database.open(new DatabaseConfig.ContainerDataSource(dataSource)), dataSource, mode);
    }

    public static DeliveryTables open(String kind, Path directory, ManufacturerConfig.DeliverOn mode) throws SQLException {
        return "postgres".equals(kind) ? postgres(mode) : h2(directory, mode);
    }

    public static ManufacturerConfig config(ManufacturerConfig.DeliverOn mode) {
        return new ManufacturerConfig(URI.create("http://127.0.0.1:9/en"), "acct", "pw", "fixed", "mobileShell", "en",
                mode, true, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMinutes(15), GIVE_UP);
    }

    /** A dispatcher's view of the table ("a node"), with a fixed backoff of one minute. */
    public DeliveryClaims node() {
        return new DeliveryClaims(database.jdbi(), clock, events,
                new DeliveryTransition(LEASE, GIVE_UP, retry -> Duration.ofMinutes(1)));
    }

    public JdbcManufacturerReports reports(Runnable wake) {
        return new JdbcManufacturerReports(database.jdbi(), clock, events, wake);
    }

    public void store(String thirdId, String thirdPayId, String pic) throws SQLException {
        SubmissionOutcome outcome = orders.submit(new OrderSubmission(thirdPayId, thirdId, "MM1", pic, "DEV1", "MS1"));
        if (!(outcome instanceof SubmissionOutcome.Created)) {
            throw new IllegalStateException(thirdId + ": " + outcome);
        }
    }

    public void store(String thirdId) throws SQLException {
        store(thirdId, "PAY-" + thirdId, thirdId.toLowerCase() + ".png");
    }

    public DeliveryRecord record(String thirdId) throws SQLException {
        return records.of(thirdId);
    }

    public List<String> eventKinds(String thirdId) throws SQLException {
        return events.latest(thirdId).stream().map(OrderEvent::kind).map(k -> k.wireName()).toList();
    }

    @Override
    public void close() throws SQLException {
        database.close();
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }
}
