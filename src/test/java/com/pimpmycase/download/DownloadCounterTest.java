package com.pimpmycase.download;

import com.pimpmycase.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.db.SqlMapping;
import com.pimpmycase.order.OrderEvent;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderStore;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.testing.TestDatabases;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Download counting against a real database: H2 as embedded, and PostgreSQL for what several
 * nodes do at once (two counters on one database stand for two nodes).
 */
class DownloadCounterTest {

    static final String FILE = "order-OREN1-final-1756378358-e5f1af36.png";
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    final List<AutoCloseable> opened = new ArrayList<>();
    final MutableClock clock = new MutableClock(T0);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    Database h2() throws Exception {
        Database db = Database.open(new DatabaseConfig.EmbeddedH2(Files.createTempDirectory("pimpmycase-downloads")));
        opened.add(db);
        return db;
    }

    Database postgres() throws Exception {
        DataSource ds = TestDatabases.freshPostgres("downloads");
        Database db = Database.open(new DatabaseConfig.ContainerDataSource(ds));
        opened.add(() -> TestDatabases.dropPostgres(ds));
        return db;
    }

    static void storeOrder(Jdbi ds, OrderEvents events, String thirdId, String pic) throws SQLException {
        new OrderStore(ds, Clock.systemUTC(), events, List.of(), List.of()).submit(
                new OrderSubmission("PAY1", thirdId, "MM1", pic, "DEV1", "MS1"));
    }

    @Test
    void countsInMemoryShowsThemAtOnceAndAddsThemUpOnFlush() throws Exception {
        Jdbi ds = h2().jdbi();
        OrderEvents events = new OrderEvents(ds, clock);
        storeOrder(ds, events, "OREN1", FILE);
        storeOrder(ds, events, "OREN2", FILE);
        storeOrder(ds, events, "OREN3", "other.png");
        DownloadCounter counter = new DownloadCounter(ds, events, clock, DownloadCounter.HourlyDownloads.NONE);

        counter.served(FILE, "chinese_manufacturing");
        clock.set(T0.plusSeconds(30));
        counter.served(FILE, "chinese_manufacturing");
        counter.served(FILE, "end_user");
        Map<String, DownloadTally> pending = counter.totals(FILE);
        assertEquals(new DownloadTally(2, T0, T0.plusSeconds(30)), pending.get("chinese_manufacturing"));
        assertEquals(1, pending.get("end_user").count());
        assertEquals(0, new DownloadTable(ds, events).totals(FILE).size(), "nothing written before a flush");

        counter.flush();
        assertEquals(pending, new DownloadTable(ds, events).totals(FILE));
        assertEquals(pending, counter.totals(FILE), "written and pending are not counted twice");

        clock.set(T0.plusSeconds(90));
        counter.served(FILE, "chinese_manufacturing");
        counter.flush();
        assertEquals(new DownloadTally(3, T0, T0.plusSeconds(90)), counter.totals(FILE).get("chinese_manufacturing"));

        // One first_download per partner type, on every order using the image, naming the type.
        for (String order : List.of("OREN1", "OREN2")) {
            List<String> firsts = events.latest(order).stream().filter(e -> e.kind() == OrderEventKind.FIRST_DOWNLOAD)
                    .map(OrderEvent::detail).toList();
            assertEquals(List.of("first download by chinese_manufacturing at 2026-12-02T08:00:00Z",
                    "first download by end_user at 2026-12-02T08:00:30Z"), firsts.stream().sorted().toList(), order);
        }
        assertTrue(events.latest("OREN3").stream().noneMatch(e -> e.kind() == OrderEventKind.FIRST_DOWNLOAD));
    }

    @Test
    void aFailedFlushKeepsItsCountsForTheNext() throws Exception {
        Database db = h2();
        AtomicBoolean down = new AtomicBoolean(true);
        Jdbi flaky = SqlMapping.jdbi(new FlakyDataSource(db.dataSource(), down));
        OrderEvents events = new OrderEvents(flaky, clock);
        DownloadCounter counter = new DownloadCounter(flaky, events, clock, DownloadCounter.HourlyDownloads.NONE);

        counter.served(FILE, "admin");
        assertThrows(SQLException.class, counter::flush);
        counter.served(FILE, "admin");
        down.set(false);
        counter.flush();
        assertEquals(2, new DownloadTable(db.jdbi(), events).totals(FILE).get("admin").count());
    }

    /** One flush, one transaction: the totals and the dashboard's hourly downloads commit together or not at all. */
    @Test
    void theTotalsAndTheHourlyDownloadsCommitTogether() throws Exception {
        Jdbi ds = h2().jdbi();
        OrderEvents events = new OrderEvents(ds, clock);
        AtomicBoolean broken = new AtomicBoolean(true);
        List<Map<Instant, Long>> hours = new ArrayList<>();
        DownloadCounter counter = new DownloadCounter(ds, events, clock, (handle, byHour) -> {
            if (broken.get()) {
                throw new IllegalStateException("the hourly write broke");
            }
            hours.add(byHour);
        });
        counter.served(FILE, "end_user");
        clock.set(T0.plusSeconds(3_600 + 59)); // the next hour
        counter.served(FILE, "end_user");
        counter.served(FILE, "admin");

        assertThrows(IllegalStateException.class, counter::flush);
        assertEquals(Map.of(), new DownloadTable(ds, events).totals(FILE), "the totals rolled back with it");
        broken.set(false);
        counter.flush();
        assertEquals(2, new DownloadTable(ds, events).totals(FILE).get("end_user").count(), "kept for the next flush");
        assertEquals(List.of(Map.of(T0, 1L, T0.plusSeconds(3_600), 2L)), hours, "downloads by the hour they were served");
    }

    @Test
    void closeWritesWhatIsLeft() throws Exception {
        Jdbi ds = h2().jdbi();
        OrderEvents events = new OrderEvents(ds, clock);
        DownloadCounter counter = new DownloadCounter(ds, events, clock, DownloadCounter.HourlyDownloads.NONE);
        counter.served(FILE, "end_user");
        counter.close();
        assertEquals(1, new DownloadTable(ds, events).totals(FILE).get("end_user").count());
    }

    @Test
    void noDownloadIsLostWhileFlushesRun() throws Exception {
        Jdbi ds = h2().jdbi();
        OrderEvents events = new OrderEvents(ds, clock);
        DownloadCounter counter = new DownloadCounter(ds, events, clock, DownloadCounter.HourlyDownloads.NONE);
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            AtomicBoolean serving = new AtomicBoolean(true);
            Future<?> flusher = pool.submit(() -> {
                while (serving.get()) {
                    counter.flush();
                }
                return null;
            });
            List<Future<?>> servers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                servers.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        counter.served(FILE, "chinese_manufacturing");
                    }
                }));
            }
            for (Future<?> f : servers) {
                f.get();
            }
            serving.set(false);
            flusher.get();
        } finally {
            pool.shutdown();
        }
        assertEquals(threads * each, counter.totals(FILE).get("chinese_manufacturing").count());
        counter.flush();
        assertEquals(threads * each, new DownloadTable(ds, events).totals(FILE).get("chinese_manufacturing").count());
    }

    /** Two nodes' first downloads of the same image at once: both counts add up, one first_download. */
    @Test
    void twoNodesOnOnePostgresAddUpEvenWhenBothInsertTheSameRow() throws Exception {
        Jdbi ds = postgres().jdbi();
        OrderEvents events = new OrderEvents(ds, clock);
        storeOrder(ds, events, "OREN1", FILE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String file = round == 0 ? FILE : "design-" + round + ".png";
                DownloadCounter a = new DownloadCounter(ds, events, clock, DownloadCounter.HourlyDownloads.NONE);
                DownloadCounter b = new DownloadCounter(ds, events, clock, DownloadCounter.HourlyDownloads.NONE);
                for (int i = 0; i < 3; i++) {
                    a.served(file, "chinese_manufacturing");
                }
                for (int i = 0; i < 4; i++) {
                    b.served(file, "chinese_manufacturing");
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> fa = pool.submit(() -> {
                    together.await();
                    a.flush();
                    return null;
                });
                Future<?> fb = pool.submit(() -> {
                    together.await();
                    b.flush();
                    return null;
                });
                fa.get();
                fb.get();
                assertEquals(7, new DownloadTable(ds, events).totals(file).get("chinese_manufacturing").count(), file);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, events.latest("OREN1").stream().filter(e -> e.kind() == OrderEventKind.FIRST_DOWNLOAD).count());
    }

    /** A DataSource that refuses connections while {@code down}. */
    record FlakyDataSource(DataSource real, AtomicBoolean down) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("database unreachable (test)");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
