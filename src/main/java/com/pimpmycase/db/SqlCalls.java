package com.pimpmycase.db;

import java.sql.SQLException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Jdbi calls that keep the service's contract for a database failure: a {@link SQLException}
 * (the API and the webhooks answer 503, the dispatcher retries its round), not Jdbi's unchecked
 * exception. A transaction is Jdbi's: anything thrown inside rolls all of it back, a
 * RuntimeException too. The SQLException is the driver's own, without Jdbi's statement context,
 * whose bound values (a login token, say) must never reach a log line.
 */
public final class SqlCalls {

    private SqlCalls() {
    }

    /** {@code work} in one transaction (or in the caller's, when this thread is already in one of {@code jdbi}'s). */
    public static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, SQLException> work) throws SQLException {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException e) {
            throw failure(e);
        }
    }

    /** {@code work} on one connection, each statement committed by itself. */
    public static <T> T withHandle(Jdbi jdbi, HandleCallback<T, SQLException> work) throws SQLException {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw failure(e);
        }
    }

    /** The driver's exception inside {@code e}, or one that names only the kind of failure. */
    public static SQLException failure(JdbiException e) {
        if (e.getCause() instanceof SQLException sql) {
            return sql;
        }
        return new SQLException("database call failed: " + e.getClass().getSimpleName());
    }
}
