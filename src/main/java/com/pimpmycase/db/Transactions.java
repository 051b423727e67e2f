package com.pimpmycase.db;

import java.sql.SQLException;
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
     * The database's own exception behind a Jdbi one (a broken connection, a constraint), or, when
     * there is none (a mapping bug), one that names only the kind of failure: never Jdbi's own
     * message, which holds the statement and its bound values (a login token, order data).
     */
    public static SQLException sqlException(JdbiException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return new SQLException("database call failed: " + e.getClass().getSimpleName());
    }
}
