package com.pimpmycase.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL for the tests: a fresh database per call on the cluster named by
 * {@code PIMPMYCASE_TEST_PG_URL} (started by {@code .ci/postgres-start}). Without it the
 * PostgreSQL tests are skipped on a developer machine, and fail in CI (CI=true).
 */
public final class TestDatabases {

    public static final String URL_VARIABLE = "PIMPMYCASE_TEST_PG_URL";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    /** Drops a database made by {@link #freshPostgres}, cutting off whoever is connected to it. */
    public static void dropPostgres(DataSource dataSource) throws SQLException {
        String url = ((PGSimpleDataSource) dataSource).getUrl();
        String name = url.replaceFirst(".*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection admin = DriverManager.getConnection(System.getenv(URL_VARIABLE));
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }

    /** A DataSource on a new, empty PostgreSQL database. */
    public static DataSource freshPostgres(String purpose) throws SQLException {
        String adminUrl = System.getenv(URL_VARIABLE);
        if (adminUrl == null || adminUrl.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(URL_VARIABLE + " is not set: .ci/run must start PostgreSQL for the tests");
            }
            Assumptions.abort(URL_VARIABLE + " is not set: run `export " + URL_VARIABLE
                    + "=$(.ci/postgres-start)` to include the PostgreSQL tests");
        }
        String name = ("pmc_" + purpose + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        return dataSource;
    }
}
