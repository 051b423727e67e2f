package com.pimpmycase.db;

import com.pimpmycase.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;

/**
 * The order database: the container's {@code jdbc/pimpmycase} when bound (PostgreSQL in
 * production), else an embedded H2 file database in the data directory. The schema is migrated by
 * Flyway at startup, on every node (Flyway serialises concurrent migrations with a lock).
 */
public final class Database implements AutoCloseable {

    /**
     * H2 settings: WRITE_DELAY=0 writes each commit to the file before the commit returns, so an
     * acknowledged order survives a killed JVM (the default delays it by up to half a second);
     * LOCK_TIMEOUT lets concurrent submissions queue on the sequence row instead of failing;
     * DB_CLOSE_ON_EXIT=FALSE leaves closing to the WAR's own shutdown (H2's JVM shutdown hook would
     * race the container unloading the web application).
     */
    static final String H2_SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    private static final int H2_MAX_CONNECTIONS = 32;

    private final DataSource dataSource;
    private final JdbcConnectionPool ownedPool;
    private final String description;
    private final Jdbi jdbi;

    private Database(DataSource dataSource, JdbcConnectionPool ownedPool, String description) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.description = description;
        this.jdbi = SqlMapping.jdbi(dataSource);
    }

    /** Connects and migrates; throws when the database cannot be reached or migrated. */
    public static Database open(DatabaseConfig config) {
        Database database = config instanceof DatabaseConfig.ContainerDataSource bound
                ? new Database(bound.dataSource(), null, "jdbc/pimpmycase")
                : embedded(((DatabaseConfig.EmbeddedH2) config).directory());
        try {
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static Database embedded(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
        }
        String url = "jdbc:h2:file:" + dataDirectory.resolve("pimpmycase").toAbsolutePath() + H2_SETTINGS;
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(H2_MAX_CONNECTIONS);
        return new Database(pool, pool, "embedded H2 in " + dataDirectory);
    }

    private void migrate() {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The data-access layer over the same pool: {@code jdbi.inTransaction(handle -> …)} for every
     * write that is more than one statement (anything thrown rolls the whole of it back), with the
     * column conversions of {@link SqlMapping}.
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** What the database is, for logs: never a URL with credentials. */
    public String description() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " (" + description + ")";
        } catch (SQLException e) {
            return description;
        }
    }

    /** Whether the database answers within {@code seconds}. */
    public boolean isReachable(int seconds) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the embedded pool (a container-managed DataSource belongs to the container). */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.dispose();
        }
    }
}
