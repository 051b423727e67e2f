package com.pimpmycase.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The one transaction helper for every write: one unit of work on one pooled connection,
 * committed together or not at all, whatever is thrown (a RuntimeException too).
 *
 * <p>A database failure leaves here as the {@link SQLException} behind it, as it did before Jdbi:
 * the API and the console answer that with 503 "try again", and it keeps Jdbi's statement text
 * and bound values (order data) out of their logs.
 */
public final class Transactions {

    /** What runs inside a transaction on plain JDBC (code not on Jdbi yet). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs {@code work} in a transaction on a Jdbi handle and commits what it leaves; anything
     * thrown rolls all of it back. The work may roll back itself ({@code handle.rollback()}) when
     * it decides to change nothing; nothing is committed then.
     */
    public static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, SQLException> work) throws SQLException {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException e) {
            throw sqlException(e);
        }
    }

    /** Runs {@code work} on a handle in auto-commit: one statement, or reads. */
    public static <T> T withHandle(Jdbi jdbi, HandleCallback<T, SQLException> work) throws SQLException {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw sqlException(e);
        }
    }

    /**
     * The database's own exception behind a Jdbi one (a broken connection, a constraint); a Jdbi
     * exception without one (a mapping bug) is rethrown as it is.
     */
    static SQLException sqlException(JdbiException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        throw e;
    }

    /**
     * The same on plain JDBC, for code not on Jdbi yet: runs {@code work} with auto-commit off and
     * commits what it leaves. Anything thrown rolls back, a RuntimeException too: turning
     * auto-commit back on would otherwise commit half the work.
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
