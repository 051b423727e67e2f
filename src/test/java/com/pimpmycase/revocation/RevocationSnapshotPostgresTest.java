package com.pimpmycase.revocation;

import com.pimpmycase.db.SqlMapping;

import com.pimpmycase.config.DatabaseConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.testing.TestDatabases;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link RevocationSnapshotTest} on PostgreSQL (the change log's SQL and its row locking there):
 * needs {@code PIMPMYCASE_TEST_PG_URL}, skipped without it (outside CI).
 */
class RevocationSnapshotPostgresTest extends RevocationSnapshotTest {

    DataSource postgres;

    @Override
    @BeforeEach
    void database() throws SQLException {
        postgres = TestDatabases.freshPostgres("revocsnap");
        dataSource = switchable(postgres);
        Database.open(new DatabaseConfig.ContainerDataSource(dataSource));
        events = new OrderEvents(SqlMapping.jdbi(dataSource), clock);
        a = node();
        b = node();
    }

    @Override
    @AfterEach
    void close() throws SQLException {
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }
}
