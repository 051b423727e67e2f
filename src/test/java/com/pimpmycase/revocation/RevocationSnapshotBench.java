package com.pimpmycase.revocation;

import com.pimpmycase.db.SqlMapping;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.testing.MutableClock;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.PooledConnection;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Not a test (no {@code *Test} name, so the suites skip it): what the revocation snapshot costs with
 * N active link revocations (issue 22, item 9), printed for docs/BENCHMARKS.md. Run with
 *
 * <pre>
 * mvn -B -q test -Dtest=RevocationSnapshotBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.sizes=0,10000,100000] [-Dbench.db=h2|pg]
 * </pre>
 *
 * For each N, a database (H2 file database with the WAR's settings, or a fresh PostgreSQL database
 * from {@code PIMPMYCASE_TEST_PG_URL} behind a small pool) gets N link revocations inserted
 * directly (one per file, like bench/load/LoadRevocations), then:
 * <ul>
 * <li>cold load: a new node's first {@code refresh()};</li>
 * <li>remote change: node A revokes (or lifts) one link through the store, node B's next
 * {@code refresh()} — what every node pays after any change anywhere;</li>
 * <li>local change: {@code added()} / {@code removed()} on the node that made it;</li>
 * <li>lookup: {@code covers()} for a file with a revoked link (hash lookup + SHA-256 of the
 * presented signature) and for a file without, interleaved across the N at the end.</li>
 * </ul>
 * Medians of repeated runs, milliseconds unless marked.
 */
class RevocationSnapshotBench {

    static final Duration LEEWAY = Duration.ofSeconds(30);
    static final String HOT = "order-HOT-final-1756378358-e5f1af36.png";
    static final String COLD = "order-COLD-final-1756378358-e5f1af36.png";

    final MutableClock clock = new MutableClock(Instant.now());
    final TokenMinter minter = new TokenMinter(SigningKeys.of("bench-signing-key-0123456789abcdef0123"),
            PartnerPolicies.defaults(), clock);

    @Test
    void measure() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "0,10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        boolean pg = "pg".equals(System.getProperty("bench.db", "h2"));
        Map<Integer, RevocationSnapshot> nodes = new LinkedHashMap<>();
        // Not the revoked one (another exp): served, but its file has a revoked link, so it is digested.
        Token presented = minter.mint(HOT, "chinese_manufacturing", Duration.ofMinutes(30));
        for (int n : sizes) {
            DataSource dataSource = pg ? pooledPostgres() : h2(n);
            Database.open(new DatabaseConfig.ContainerDataSource(dataSource));
            OrderEvents events = new OrderEvents(SqlMapping.jdbi(dataSource), clock);
            RevocationStore store = new RevocationStore(SqlMapping.jdbi(dataSource), clock, LEEWAY, events);
            long t0 = System.nanoTime();
            insert(dataSource, n);
            long insertMs = (System.nanoTime() - t0) / 1_000_000;
            store.revokeLink(HOT, minter.mint(HOT, "chinese_manufacturing"), null, "bench", true);

            double[] cold = new double[5];
            RevocationSnapshot b = null;
            for (int i = 0; i < cold.length; i++) {
                b = new RevocationSnapshot(store, clock, LEEWAY);
                long s = System.nanoTime();
                b.refresh();
                cold[i] = ms(s);
            }
            RevocationSnapshot a = new RevocationSnapshot(store, clock, LEEWAY);
            a.refresh();

            double[] remoteAdd = new double[20];
            double[] remoteLift = new double[20];
            double[] idle = new double[20];
            for (int i = 0; i < remoteAdd.length; i++) {
                String file = "bench-remote-" + i + ".png";
                Token link = minter.mint(file, "end_user");
                RevocationStore.Outcome made = store.revokeLink(file, link, null, "bench", true);
                a.added(made.revocation());
                long s = System.nanoTime();
                b.refresh();
                remoteAdd[i] = ms(s);
                check(b.isRevoked(file, link));
                store.lift(made.revocation().id(), "bench");
                a.removed(made.revocation());
                s = System.nanoTime();
                b.refresh();
                remoteLift[i] = ms(s);
                check(!b.isRevoked(file, link));
                s = System.nanoTime();
                b.refresh();
                idle[i] = ms(s);
            }

            double[] localAdd = new double[200];
            double[] localRemove = new double[200];
            for (int i = 0; i < localAdd.length; i++) {
                Revocation r = new Revocation(1_000_000 + i, RevocationScope.LINK, "bench-local-" + i + ".png",
                        "end_user", clock.instant().getEpochSecond() + 3600, null, clock.instant(), "bench",
                        randomDigest(), true);
                long s = System.nanoTime();
                a.added(r);
                localAdd[i] = ms(s);
                s = System.nanoTime();
                a.removed(r);
                localRemove[i] = ms(s);
            }
            check(b.covers(HOT, minter.mint(HOT, "chinese_manufacturing")) && !b.covers(HOT, presented));
            check(b.size() == n + 1);
            System.out.printf("BENCH %s n=%d insert=%d ms size=%d | cold load %.1f | remote revoke→refresh %.2f"
                    + " | remote lift→refresh %.2f | refresh, nothing changed %.3f | local added %.3f"
                    + " | local removed %.3f%n", pg ? "pg" : "h2", n, insertMs, b.size(), median(cold),
                    median(remoteAdd), median(remoteLift), median(idle), median(localAdd), median(localRemove));
            nodes.put(n, b);
            if (pg) {
                TestDatabases.dropPostgres(pgAdmin);
            }
        }

        // Lookups, interleaved across N in 5 rounds: ns per covers().
        Map<Integer, List<Double>> hot = new LinkedHashMap<>();
        Map<Integer, List<Double>> cold = new LinkedHashMap<>();
        Token coldToken = minter.mint(COLD, "chinese_manufacturing");
        for (int round = 0; round < 7; round++) {
            for (Map.Entry<Integer, RevocationSnapshot> node : nodes.entrySet()) {
                hot.computeIfAbsent(node.getKey(), k -> new ArrayList<>()).add(lookupNs(node.getValue(), HOT, presented));
                cold.computeIfAbsent(node.getKey(), k -> new ArrayList<>()).add(lookupNs(node.getValue(), COLD, coldToken));
            }
        }
        for (int n : nodes.keySet()) {
            System.out.printf("BENCH lookup n=%d: file with a revoked link %.0f ns, file without %.1f ns%n", n,
                    median(hot.get(n).subList(2, 7)), median(cold.get(n).subList(2, 7))); // first 2 rounds: warm-up
        }
    }

    static volatile boolean sink;

    double lookupNs(RevocationSnapshot snapshot, String file, Token token) {
        int iterations = 1_000_000;
        boolean any = false;
        long s = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            any ^= snapshot.covers(file, token);
        }
        double ns = (System.nanoTime() - s) / (double) iterations;
        sink = any;
        return ns;
    }

    /** N link revocations, one per file, exp in 2 h, straight into the table; then the change version moves. */
    void insert(DataSource dataSource, int n) throws SQLException {
        long exp = clock.instant().getEpochSecond() + 7200;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO revocations (scope, filename, partner_type, "
                    + "expires_at, token_digest, reason, created_at, created_by, created_by_staff) "
                    + "VALUES ('link', ?, 'end_user', ?, ?, NULL, ?, 'bench', FALSE)")) {
                for (int i = 0; i < n; i++) {
                    insert.setString(1, "bench-revoked-" + i + ".png");
                    insert.setLong(2, exp);
                    insert.setString(3, randomDigest());
                    insert.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE revocation_changes SET version = version + 1 WHERE id = 1");
            }
            c.commit();
        }
    }

    DataSource h2(int n) throws Exception {
        Path dir = Files.createTempDirectory("revoc-bench-" + n);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("pimpmycase")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        pool.setMaxConnections(16);
        return pool;
    }

    /** The fresh PostgreSQL database behind the pool {@link #pooledPostgres} gave last. */
    DataSource pgAdmin;

    /** A fresh PostgreSQL database behind a minimal pool (the app has its container's pool). */
    DataSource pooledPostgres() throws SQLException {
        pgAdmin = TestDatabases.freshPostgres("revocbench");
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        org.postgresql.ds.PGSimpleDataSource fresh = (org.postgresql.ds.PGSimpleDataSource) pgAdmin;
        source.setUrl(fresh.getUrl());
        source.setUser(fresh.getUser());
        source.setPassword(fresh.getPassword());
        Deque<PooledConnection> idle = new ArrayDeque<>();
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(source, args);
                    }
                    PooledConnection pooled;
                    synchronized (idle) {
                        pooled = idle.poll();
                    }
                    if (pooled == null) {
                        pooled = source.getPooledConnection();
                        pooled.addConnectionEventListener(new ConnectionEventListener() {
                            @Override
                            public void connectionClosed(ConnectionEvent event) {
                                synchronized (idle) {
                                    idle.push((PooledConnection) event.getSource());
                                }
                            }

                            @Override
                            public void connectionErrorOccurred(ConnectionEvent event) {
                            }
                        });
                    }
                    return pooled.getConnection();
                });
    }

    static String randomDigest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static void check(boolean condition) {
        if (!condition) {
            throw new AssertionError("the bench's snapshot is not what it should be");
        }
    }
}
