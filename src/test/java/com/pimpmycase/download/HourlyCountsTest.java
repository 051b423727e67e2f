package com.pimpmycase.download;

import com.pimpmycase.db.SqlMapping;
import com.pimpmycase.download.DownloadCounter;
import com.pimpmycase.order.OrderEvents;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

import com.pimpmycase.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.metrics.ServiceMetrics.DeliveryResult;
import com.pimpmycase.metrics.ServiceMetrics.ImageOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hourly counts against the real schema (H2, the V6 migration): two counters stand for two nodes. */
class HourlyCountsTest {

    static final Instant START = Instant.parse("2026-12-01T10:15:00Z");

    final MutableClock clock = new MutableClock(START);
    JdbcDataSource db;

    @BeforeEach
    void migrate() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:counts-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }

    /** Downloads are counted by the download counter; its flush writes their hours here, HourlyCounts.flush runs it. */
    final Map<HourlyCounts, DownloadCounter> downloads = new HashMap<>();

    HourlyCounts node() {
        Jdbi jdbi = SqlMapping.jdbi(db);
        DownloadCounter counter = new DownloadCounter(jdbi, new OrderEvents(jdbi, clock), clock,
                HourlyCounts::addDownloads);
        HourlyCounts counts = new HourlyCounts(jdbi, clock, counter::flush);
        downloads.put(counts, counter);
        return counts;
    }

    void served(HourlyCounts node, String filename, String partnerType) {
        downloads.get(node).served(filename, partnerType);
    }

    @Test
    void nodesAddUpAndAFlushWritesEachCountOnce() throws SQLException {
        HourlyCounts one = node();
        HourlyCounts two = node();
        served(one, "a.png", "chinese_manufacturing");
        served(one, "a.png", "end_user");
        one.imageRequest(ImageOutcome.SERVED); // the metrics' outcome (HEAD too): downloads come from served()
        served(two, "b.png", "chinese_manufacturing");
        one.tokenRefused("token_expired");
        two.tokenRefused("token_expired");
        two.tokenRefused("missing");
        one.deliveryAttempt(DeliveryResult.TRANSIENT);
        one.flush();
        two.flush();
        one.flush(); // nothing new: nothing added
        assertEquals(3, row("download", ""));
        assertEquals(2, row("refusal", "token_expired"));
        assertEquals(1, row("refusal", "missing"));
        assertEquals(1, row("delivery", "transient"));

        served(one, "a.png", "admin");
        one.flush();
        assertEquals(4, row("download", ""));
    }

    @Test
    void eachHourHasItsRowAndTheChartPutsItInItsPlace() throws SQLException {
        HourlyCounts counts = node();
        served(counts, "a.png", "end_user");
        clock.advance(Duration.ofHours(2));
        served(counts, "a.png", "end_user");
        served(counts, "a.png", "end_user");
        counts.tokenRefused("token_revoked");
        counts.flush();

        HourlyCounts.Chart chart = counts.lastHours(48);
        assertEquals(48, chart.hours().size());
        assertEquals(Instant.parse("2026-12-01T12:00:00Z"), chart.hours().get(47));
        long[] downloads = chart.of(HourlyCounts.Series.DOWNLOAD).get("");
        assertEquals(2, downloads[47]);
        assertEquals(0, downloads[46]);
        assertEquals(1, downloads[45]);
        long[] revoked = new long[48];
        revoked[47] = 1;
        assertArrayEquals(revoked, chart.of(HourlyCounts.Series.REFUSAL).get("token_revoked"));
        assertTrue(chart.of(HourlyCounts.Series.DELIVERY).isEmpty());
    }

    @Test
    void aFailedFlushKeepsTheCountsForTheNextOne() throws SQLException {
        HourlyCounts counts = node();
        counts.tokenRefused("missing");
        execute("ALTER TABLE hourly_counts RENAME TO hourly_counts_away");
        try {
            counts.flush();
        } catch (SQLException expected) {
            // the database is "down"
        }
        execute("ALTER TABLE hourly_counts_away RENAME TO hourly_counts");
        counts.flush();
        assertEquals(1, row("refusal", "missing"));
    }

    @Test
    void rowsOlderThanThirtyDaysAreDeleted() throws SQLException {
        HourlyCounts counts = node();
        served(counts, "a.png", "end_user");
        counts.flush();
        clock.advance(Duration.ofDays(30)); // the row's hour starts exactly 30 days before this hour: kept
        counts.flush();
        assertEquals(1, row("download", ""));
        clock.advance(Duration.ofHours(1)); // now older than 30 days
        counts.tokenRefused("missing");
        counts.flush();
        assertEquals(0, row("download", ""));
        assertEquals(1, row("refusal", "missing"));
    }

    long row(String series, String label) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(amount), 0) FROM hourly_counts WHERE series = '"
                        + series + "' AND label = '" + label + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
