package com.pimpmycase.manufacturer;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * What every node shares about its session with the manufacturer (table
 * {@code manufacturer_sessions}, one row per API and account): the login token with its login
 * lease (SPEC §9: one node logs in at a time, and nodes never invalidate each other's token), and
 * the last {@code config} problem, which {@code /health} and the console report from any node.
 */
public final class JdbcManufacturerSession implements LoginTokens {

    private final Jdbi jdbi;
    private final String accountKey;
    private volatile boolean rowExists;

    public JdbcManufacturerSession(Jdbi jdbi, String baseUrl, String account) {
        this.jdbi = jdbi;
        this.accountKey = accountKey(baseUrl, account);
    }

    /** A token is for one account at one API: switching either must not reuse it. */
    static String accountKey(String baseUrl, String account) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((baseUrl + " " + account).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public Stored current() throws SQLException {
        return Transactions.withHandle(jdbi, h -> h.createQuery("SELECT token, obtained_at FROM manufacturer_sessions"
                + " WHERE account_key = :key").bind("key", accountKey)
                .map((rs, ctx) -> new Stored(rs.getString("token"), Sql.time(rs, "obtained_at")))
                .findFirst().filter(stored -> stored.token() != null).orElse(null));
    }

    @Override
    public boolean lease(String leaseId, Instant now, Instant until, String seen) throws SQLException {
        ensureRow();
        // Also only while the token is still the one the caller saw: another node's login that
        // ended in between must be used, not followed by a second login.
        return Transactions.withHandle(jdbi, h -> {
            Update update = h.createUpdate("UPDATE manufacturer_sessions SET"
                    + " login_lease_id = :leaseId, login_lease_until = :until WHERE account_key = :key"
                    + " AND (login_lease_until IS NULL OR login_lease_until < :now)"
                    + " AND " + (seen == null ? "token IS NULL" : "token = :seen"))
                    .bind("leaseId", leaseId).bind("until", until).bind("key", accountKey).bind("now", now);
            if (seen != null) {
                update.bind("seen", seen);
            }
            return update.execute() == 1;
        });
    }

    /** Stored only while the lease is still this login's: a later login's token is never overwritten. */
    @Override
    public void store(String leaseId, Stored token) throws SQLException {
        Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE manufacturer_sessions SET token = :token,"
                + " obtained_at = :obtainedAt, login_lease_id = NULL, login_lease_until = NULL"
                + " WHERE account_key = :key AND login_lease_id = :leaseId")
                .bind("token", token.token()).bind("obtainedAt", token.obtainedAt()).bind("key", accountKey)
                .bind("leaseId", leaseId).execute());
    }

    @Override
    public void release(String leaseId) throws SQLException {
        Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE manufacturer_sessions SET login_lease_id = NULL,"
                + " login_lease_until = NULL WHERE account_key = :key AND login_lease_id = :leaseId")
                .bind("key", accountKey).bind("leaseId", leaseId).execute());
    }

    /** Records a {@code config} answer's (safe) message as the delivery's current problem. */
    public void reportProblem(String message, Instant at) throws SQLException {
        ensureRow();
        Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE manufacturer_sessions SET problem = :problem,"
                + " problem_at = :at WHERE account_key = :key")
                .bind("problem", Sql.clip(message, 500)).bind("at", at).bind("key", accountKey).execute());
    }

    /** The last problem reported at or after {@code since}, or {@code null}. */
    public String problemSince(Instant since) throws SQLException {
        return Transactions.withHandle(jdbi, h -> h.createQuery("SELECT problem FROM manufacturer_sessions"
                + " WHERE account_key = :key AND problem_at >= :since").bind("key", accountKey).bind("since", since)
                .mapTo(String.class).findFirst().orElse(null));
    }

    private void ensureRow() throws SQLException {
        if (rowExists) {
            return;
        }
        boolean found = Transactions.withHandle(jdbi, h -> h.createQuery("SELECT 1 FROM manufacturer_sessions"
                + " WHERE account_key = :key").bind("key", accountKey).mapTo(Integer.class).findFirst().isPresent());
        if (!found) {
            try {
                Transactions.withHandle(jdbi, h -> h.createUpdate("INSERT INTO manufacturer_sessions (account_key)"
                        + " VALUES (:key)").bind("key", accountKey).execute());
            } catch (SQLException e) {
                if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // another node inserted it first
            }
        }
        rowExists = true;
    }
}
