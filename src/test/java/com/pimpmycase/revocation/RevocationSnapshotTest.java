package com.pimpmycase.revocation;

import com.pimpmycase.db.SqlMapping;

import com.pimpmycase.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.order.OrderEvent;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderStore;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.testing.CapturedLog;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot and the store against an in-memory H2 database (migrated by the WAR's Flyway
 * scripts), with two "nodes" (a store and a snapshot each) sharing it, a clock the test moves and
 * a database the test can take away.
 */
class RevocationSnapshotTest {

    static final String FILE = "order-OREN1-final-1756378358-e5f1af36.png";
    static final String OTHER = "order-OREN2-final-1756378358-aaaaaaaa.png";
    static final Duration LEEWAY = Duration.ofSeconds(30);
    static final AtomicInteger DATABASES = new AtomicInteger();

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_756_378_400L));
    final AtomicBoolean databaseDown = new AtomicBoolean();
    final TokenMinter minter = new TokenMinter(SigningKeys.of("unit-test-signing-key-0123456789abcdef"),
            PartnerPolicies.defaults(), clock);
    Connection keepAlive;
    DataSource dataSource;
    OrderEvents events;
    Node a;
    Node b;

    /** One service node: its own store and snapshot on the shared database. */
    record Node(RevocationService service, RevocationSnapshot snapshot) {}

    Node node() {
        RevocationStore store = new RevocationStore(SqlMapping.jdbi(dataSource), clock, LEEWAY, events);
        RevocationSnapshot snapshot = new RevocationSnapshot(store, clock, LEEWAY);
        snapshot.refresh();
        // The store-level calls below apply no rules: no verifier needed.
        return new Node(new RevocationService(store, snapshot, null, filename -> true), snapshot);
    }

    @BeforeEach
    void database() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:revocations" + DATABASES.incrementAndGet());
        keepAlive = h2.getConnection(); // an in-memory database lives while a connection is open
        dataSource = switchable(h2);
        Database.open(new DatabaseConfig.ContainerDataSource(dataSource));
        events = new OrderEvents(SqlMapping.jdbi(dataSource), clock);
        a = node();
        b = node();
    }

    @AfterEach
    void close() throws SQLException {
        keepAlive.close();
    }

    @Test
    void aLinkRevocationAppliesUntilExpiryPlusLeewayThenTheLinkIsJustExpired() throws SQLException {
        Token link = minter.mint(FILE, "end_user"); // 1 h
        Token sibling = minter.mint(FILE, "end_user", Duration.ofMinutes(30));
        a.service().revokeLink(FILE, link, "leaked", "ops");

        assertTrue(a.snapshot().covers(FILE, link), "the writing node enforces before it answers");
        assertTrue(a.snapshot().isRevoked(FILE, link));
        assertFalse(a.snapshot().isBlocked(FILE));
        assertFalse(a.snapshot().covers(FILE, sibling), "another link to the same image");
        assertFalse(a.snapshot().covers(OTHER, link));

        clock.set(Instant.ofEpochSecond(link.expiresAt() + LEEWAY.toSeconds())); // the last second it applies
        assertTrue(a.snapshot().covers(FILE, link));
        assertEquals(1, a.service().active(FILE).size());
        clock.set(Instant.ofEpochSecond(link.expiresAt() + LEEWAY.toSeconds() + 1));
        assertFalse(a.snapshot().covers(FILE, link));
        assertEquals(List.of(), a.service().active(FILE), "dropped from the list once expired");
    }

    @Test
    void aBlockCoversEveryLinkExpiredOrNotUntilLifted() throws SQLException {
        Token live = minter.mint(FILE, "chinese_manufacturing");
        RevocationStore.Outcome block = a.service().blockImage(FILE, null, "ops");
        assertTrue(block.created());
        assertNull(block.revocation().partnerType());
        assertNull(block.revocation().expiresAt());

        assertTrue(a.snapshot().isBlocked(FILE));
        assertTrue(a.snapshot().covers(FILE, live));
        clock.set(Instant.ofEpochSecond(live.expiresAt() + 86_400));
        assertTrue(a.snapshot().covers(FILE, live), "expired links too");
        assertFalse(a.snapshot().isRevoked(FILE, live), "blocked, but this link itself is not revoked");

        assertNotNull(a.service().lift(block.revocation().id(), "ops"));
        assertFalse(a.snapshot().isBlocked(FILE));
        assertNull(a.service().lift(block.revocation().id(), "ops"), "lifted already");
    }

    @Test
    void revokingAgainFindsTheExistingRevocation() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        RevocationStore.Outcome first = a.service().revokeLink(FILE, link, "leaked", "ops");
        RevocationStore.Outcome again = b.service().revokeLink(FILE, link, "again", "webshop");
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.revocation().id(), again.revocation().id());
        assertEquals("leaked", again.revocation().reason());

        RevocationStore.Outcome block = a.service().blockImage(FILE, null, "ops");
        assertEquals(block.revocation().id(), a.service().blockImage(FILE, "twice", "ops").revocation().id());
        assertEquals(2, a.service().active(FILE).size());
    }

    @Test
    void anotherNodeEnforcesAChangeAtItsNextRefresh() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        RevocationStore.Outcome revoked = a.service().revokeLink(FILE, link, null, "ops");
        RevocationStore.Outcome blocked = a.service().blockImage(OTHER, null, "ops");
        assertFalse(b.snapshot().covers(FILE, link));
        assertFalse(b.snapshot().isBlocked(OTHER));

        b.snapshot().refresh();
        assertTrue(b.snapshot().covers(FILE, link));
        assertTrue(b.snapshot().isBlocked(OTHER));

        a.service().lift(revoked.revocation().id(), "ops");
        a.service().lift(blocked.revocation().id(), "ops");
        assertTrue(b.snapshot().isBlocked(OTHER), "until it refreshes");
        b.snapshot().refresh();
        assertFalse(b.snapshot().covers(FILE, link));
        assertFalse(b.snapshot().isBlocked(OTHER));
    }

    @Test
    void withoutTheDatabaseANodeKeepsItsLastSnapshotAndSaysSoOnce() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        a.service().revokeLink(FILE, link, null, "ops");
        a.service().blockImage(OTHER, null, "ops");
        b.snapshot().refresh();

        try (CapturedLog log = CapturedLog.start(Level.INFO)) {
            databaseDown.set(true);
            for (int i = 0; i < 5; i++) {
                b.snapshot().refresh();
            }
            assertTrue(b.snapshot().covers(FILE, link));
            assertTrue(b.snapshot().isBlocked(OTHER));
            assertEquals(1, log.lines().stream().filter(l -> l.contains("cannot read them")).count(), log.lines()::toString);
            assertTrue(log.lines().get(0).contains("2 last read"), log.lines()::toString);

            databaseDown.set(false);
            b.snapshot().refresh();
            b.snapshot().refresh();
            assertEquals(1, log.lines().stream().filter(l -> l.contains("the database answers again")).count(), log.lines()::toString);
        }
    }

    @Test
    void expiredLinkRevocationsAreDroppedAndBlocksKept() throws SQLException {
        Token shortLink = minter.mint(FILE, "end_user", Duration.ofMinutes(10));
        Token longLink = minter.mint(FILE, "chinese_manufacturing");
        a.service().revokeLink(FILE, shortLink, null, "ops");
        a.service().revokeLink(FILE, longLink, null, "ops");
        a.service().blockImage(FILE, null, "ops");
        RevocationStore store = new RevocationStore(SqlMapping.jdbi(dataSource), clock, LEEWAY, events);

        assertEquals(0, store.dropExpired());
        clock.set(Instant.ofEpochSecond(shortLink.expiresAt() + LEEWAY.toSeconds() + 1));
        assertEquals(1, store.dropExpired());
        assertEquals(List.of("link", "image"),
                store.active(null).stream().map(r -> r.scope().wireName()).toList());
    }

    @Test
    void eachChangeIsOnTheTimelineOfEveryOrderUsingTheImage() throws SQLException {
        OrderStore orders = new OrderStore(SqlMapping.jdbi(dataSource), clock, events, List.of(), List.of());
        orders.submit(new OrderSubmission("PAY1", "ORDER1", "MM1", FILE, "DEV1", "MS1"));
        orders.submit(new OrderSubmission("PAY2", "ORDER2", "MM1", FILE, "DEV1", "MS1"));
        orders.submit(new OrderSubmission("PAY3", "ORDER3", "MM1", OTHER, "DEV1", "MS1"));

        Token link = minter.mint(FILE, "chinese_manufacturing");
        a.service().revokeLink(FILE, link, "leaked in a forum", "ops");
        a.service().revokeLink(FILE, link, "again", "ops"); // nothing new happened
        RevocationStore.Outcome block = a.service().blockImage(FILE, null, "ops");
        a.service().lift(block.revocation().id(), "ops");

        for (String order : List.of("ORDER1", "ORDER2")) {
            List<OrderEvent> timeline = events.latest(order);
            assertEquals(List.of("stored", "link_revoked", "image_blocked", "image_unblocked"),
                    timeline.stream().map(e -> e.kind().wireName()).toList());
            // An administrator's: the API's detail names neither them nor the reason; staff's does.
            String detail = timeline.get(1).detail();
            assertTrue(detail.startsWith("chinese_manufacturing link expiring ")
                    && detail.endsWith(" revoked by an administrator"), detail);
            String staff = timeline.get(1).detailForStaff();
            assertTrue(staff.contains("chinese_manufacturing") && staff.contains("leaked in a forum")
                    && staff.contains("ops"), staff);
            assertFalse(staff.contains(link.signature().substring(0, 16)), "no signature on the timeline");
            assertEquals("image blocked: every link revoked by an administrator", timeline.get(2).detail());
            assertEquals("image blocked by ops", timeline.get(2).detailForStaff());
            assertEquals("block lifted by an administrator", timeline.get(3).detail());
            assertEquals("block lifted by ops", timeline.get(3).detailForStaff());
        }
        assertEquals(List.of("stored"), events.latest("ORDER3").stream().map(e -> e.kind().wireName()).toList());
    }

    @Test
    void theDatabaseHoldsADigestNeverTheSignature() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        a.service().revokeLink(FILE, link, null, "ops");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT * FROM revocations")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String value = rs.getString(i);
                assertFalse(value != null && value.contains(link.signature()), rs.getMetaData().getColumnName(i));
            }
            assertEquals(64, rs.getString("token_digest").length());
        }
    }

    @Test
    void aRefreshReReadsOnlyTheFilesChangedSinceTheLastOne() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        b.snapshot().refresh();
        // Put there behind the store's back (no version, no log): only a full reload would see it.
        sql("INSERT INTO revocations (scope, filename, token_digest, created_at, created_by) "
                + "VALUES ('image', '" + OTHER + "', '', CURRENT_TIMESTAMP, 'sneaky')");
        a.service().revokeLink(FILE, link, null, "ops");

        b.snapshot().refresh();
        assertTrue(b.snapshot().covers(FILE, link), "the changed file is re-read");
        assertFalse(b.snapshot().isBlocked(OTHER), "the others are not: no full reload");
        assertEquals(1, b.snapshot().size());
    }

    @Test
    void liftingALinkThenTheBlockLeavesNoStaleEntryOnAnotherNode() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        Token other = minter.mint(FILE, "end_user", Duration.ofMinutes(30));
        RevocationStore.Outcome revoked = a.service().revokeLink(FILE, link, null, "ops");
        RevocationStore.Outcome block = a.service().blockImage(FILE, null, "ops");
        b.snapshot().refresh();
        assertTrue(b.snapshot().covers(FILE, other));
        assertEquals(2, b.snapshot().size());

        a.service().lift(revoked.revocation().id(), "ops");
        b.snapshot().refresh();
        assertFalse(b.snapshot().isRevoked(FILE, link), "the lifted link");
        assertTrue(b.snapshot().isBlocked(FILE), "the block stays");
        a.service().lift(block.revocation().id(), "ops");
        b.snapshot().refresh();
        assertFalse(b.snapshot().covers(FILE, link));
        assertFalse(b.snapshot().covers(FILE, other));
        assertEquals(0, b.snapshot().size());
        assertEquals(0, a.snapshot().size(), "and on the node that lifted them, at once");
    }

    @Test
    void aChangeThatCommitsLateIsNotSkipped() throws Exception {
        Token link = minter.mint(FILE, "end_user");
        b.snapshot().refresh();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Connection slow = dataSource.getConnection()) {
            // A slow writer does what the store does: lock and move the version, change, log; not committed yet.
            slow.setAutoCommit(false);
            long version = slowChange(slow, OTHER);
            Future<RevocationStore.Outcome> fast = writer.submit(() -> a.service().revokeLink(FILE, link, null, "ops"));
            Thread.sleep(300);
            assertFalse(fast.isDone(), "the next writer waits for the version row: it cannot take version "
                    + (version + 1) + " before " + version + " commits");
            b.snapshot().refresh();
            assertFalse(b.snapshot().isBlocked(OTHER), "not committed");
            slow.commit();
            fast.get(10, TimeUnit.SECONDS);
            b.snapshot().refresh();
            assertTrue(b.snapshot().isBlocked(OTHER), "the slow change, committed first");
            assertTrue(b.snapshot().covers(FILE, link), "the fast one");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aRolledBackChangeGivesItsVersionToTheNextWhichIsSeen() throws Exception {
        Token link = minter.mint(FILE, "end_user");
        b.snapshot().refresh();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long version = slowChange(slow, OTHER);
            Future<RevocationStore.Outcome> fast = writer.submit(() -> a.service().revokeLink(FILE, link, null, "ops"));
            Thread.sleep(300);
            slow.rollback();
            fast.get(10, TimeUnit.SECONDS);
            assertEquals(version, currentVersion(), "the same version, reused");
            b.snapshot().refresh();
            assertTrue(b.snapshot().covers(FILE, link));
            assertFalse(b.snapshot().isBlocked(OTHER), "rolled back");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aVersionWithoutLogRowsMeansAFullReload() throws SQLException {
        b.snapshot().refresh();
        // A node still on the old code during a rolling upgrade: it moves the version, logs nothing.
        sql("INSERT INTO revocations (scope, filename, token_digest, created_at, created_by) "
                + "VALUES ('image', '" + OTHER + "', '', CURRENT_TIMESTAMP, 'old node')");
        sql("UPDATE revocation_changes SET version = version + 1 WHERE id = 1");
        a.service().blockImage(FILE, null, "ops"); // logged, but the version before it was not

        b.snapshot().refresh();
        assertTrue(b.snapshot().isBlocked(OTHER));
        assertTrue(b.snapshot().isBlocked(FILE));
    }

    @Test
    void aNodeThatMissedMoreThanTheLogKeepsConvergesByAFullReload() throws SQLException {
        Token link = minter.mint(FILE, "end_user");
        b.snapshot().refresh();
        RevocationStore store = new RevocationStore(SqlMapping.jdbi(dataSource), clock, LEEWAY, events);
        RevocationStore.Outcome block = a.service().blockImage(OTHER, null, "ops");
        a.service().revokeLink(FILE, link, null, "ops");
        assertEquals(0, store.pruneLog(), "kept for " + RevocationStore.LOG_RETENTION);
        clock.set(clock.instant().plus(RevocationStore.LOG_RETENTION).plusSeconds(1));
        a.service().lift(block.revocation().id(), "ops"); // still in the log
        assertEquals(2, store.pruneLog());

        b.snapshot().refresh();
        assertTrue(b.snapshot().covers(FILE, link));
        assertFalse(b.snapshot().isBlocked(OTHER));
        assertEquals(1, b.snapshot().size());
    }

    @Test
    void expiredLinkRevocationsLeaveEveryNodesMemoryOnceDropped() throws SQLException {
        Token shortLink = minter.mint(FILE, "end_user", Duration.ofMinutes(10));
        Token longLink = minter.mint(OTHER, "end_user");
        a.service().revokeLink(FILE, shortLink, null, "ops");
        a.service().revokeLink(OTHER, longLink, null, "ops");
        b.snapshot().refresh();
        assertEquals(2, b.snapshot().size());

        clock.set(Instant.ofEpochSecond(shortLink.expiresAt() + LEEWAY.toSeconds() + 1));
        assertEquals(1, new RevocationStore(SqlMapping.jdbi(dataSource), clock, LEEWAY, events).dropExpired());
        a.snapshot().refresh();
        b.snapshot().refresh();
        assertEquals(1, a.snapshot().size());
        assertEquals(1, b.snapshot().size());
        assertTrue(b.snapshot().covers(OTHER, longLink));
    }

    /** Moves the version, blocks {@code filename} and logs it, as the store does, in {@code connection}'s transaction. */
    long slowChange(Connection connection, String filename) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("UPDATE revocation_changes SET version = version + 1 WHERE id = 1");
            long version;
            try (var rs = st.executeQuery("SELECT version FROM revocation_changes WHERE id = 1")) {
                rs.next();
                version = rs.getLong(1);
            }
            st.executeUpdate("INSERT INTO revocations (scope, filename, token_digest, created_at, created_by) "
                    + "VALUES ('image', '" + filename + "', '', CURRENT_TIMESTAMP, 'slow')");
            st.executeUpdate("INSERT INTO revocation_log (version, filename, changed_at) VALUES (" + version + ", '"
                    + filename + "', " + clock.instant().getEpochSecond() + ")");
            return version;
        }
    }

    long currentVersion() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT version FROM revocation_changes WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    /** The H2 DataSource, refusing connections while {@link #databaseDown} is set. */
    DataSource switchable(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && databaseDown.get()) {
                        throw new SQLException("Connection refused (test)", "08001");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

}
