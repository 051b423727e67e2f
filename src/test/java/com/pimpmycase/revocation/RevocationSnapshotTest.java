package com.pimpmycase.revocation;

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
        RevocationStore store = new RevocationStore(dataSource, clock, LEEWAY, events);
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
        events = new OrderEvents(dataSource, clock);
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
        RevocationStore store = new RevocationStore(dataSource, clock, LEEWAY, events);

        assertEquals(0, store.dropExpired());
        clock.set(Instant.ofEpochSecond(shortLink.expiresAt() + LEEWAY.toSeconds() + 1));
        assertEquals(1, store.dropExpired());
        assertEquals(List.of("link", "image"),
                store.active(null).stream().map(r -> r.scope().wireName()).toList());
    }

    @Test
    void eachChangeIsOnTheTimelineOfEveryOrderUsingTheImage() throws SQLException {
        OrderStore orders = new OrderStore(dataSource, clock, events, List.of());
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
