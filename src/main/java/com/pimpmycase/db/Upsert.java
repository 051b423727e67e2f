package com.pimpmycase.db;

import java.sql.SQLException;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Adds to a row that every node adds to (counts), the same SQL on H2 and PostgreSQL: an UPDATE
 * that adds; when there is no row, an INSERT; when another node inserted the same row in between
 * (unique violation), the UPDATE again, so nothing is overwritten. Runs in the caller's
 * transaction: the INSERT under a savepoint, so a PostgreSQL transaction stays usable after it fails.
 */
public final class Upsert {

    private Upsert() {
    }

    /**
     * @param update the UPDATE that adds, answering how many rows it changed
     * @param insert the INSERT of the new row
     * @return whether this inserted the row (it is new)
     */
    public static boolean addOrInsert(Handle handle, IntSupplier update, Runnable insert) throws SQLException {
        if (update.getAsInt() > 0) {
            return false;
        }
        handle.savepoint("before_insert");
        try {
            insert.run();
            handle.releaseSavepoint("before_insert");
            return true;
        } catch (JdbiException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(Transactions.sqlException(e).getSQLState())) {
                throw e;
            }
            handle.rollbackToSavepoint("before_insert"); // another node inserted it first: add to its row
        }
        if (update.getAsInt() == 0) {
            throw new SQLException("a row vanished after a duplicate insert");
        }
        return false;
    }
}
