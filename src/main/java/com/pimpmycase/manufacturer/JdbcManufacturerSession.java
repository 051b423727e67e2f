package com.pimpmycase.manufacturer;

import com.pimpmycase.db.Sql;
import com.pimpmycase.manufacturer.LoginTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * What every node shares about its session with the manufacturer (table
 * {@code manufacturer_sessions}, one row per API and account): the login token with its login
 * lease (SPEC §9: one node logs in at a time, and nodes never invalidate each other's token), and
 * the last {@code config} problem, which {@code /health} and the console report from any node.
 */
public final class JdbcManufacturerSession implements LoginTokens {

    private final DataSource dataSource;
    private final String accountKey;
    private volatile boolean rowExists;

    public JdbcManufacturerSession(DataSource dataSource, String baseUrl, String account) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT token, obtained_at FROM manufacturer_sessions WHERE account_key = ?")) {
            select.setString(1, accountKey);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getString("token") == null) {
                    return null;
                }
                return new Stored(rs.getString("token"), Sql.time(rs, "obtained_at"));
            }
        }
    }

    @Override
    public boolean lease(String leaseId, Instant now, Instant until, String seen) throws SQLException {
        ensureRow();
        // Also only while the token is still the one the caller saw: another node's login that
        // ended in between must be used, not followed by a second login.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE manufacturer_sessions SET login_lease_id = ?, login_lease_until = ?"
                        + " WHERE account_key = ? AND (login_lease_until IS NULL OR login_lease_until < ?)"
                        + " AND " + (seen == null ? "token IS NULL" : "token = ?"))) {
            update.setString(1, leaseId);
            Sql.time(update, 2, until);
            update.setString(3, accountKey);
            Sql.time(update, 4, now);
            if (seen != null) {
                update.setString(5, seen);
            }
            return update.executeUpdate() == 1;
        }
    }

    /** Stored only while the lease is still this login's: a later login's token is never overwritten. */
    @Override
    public void store(String leaseId, Stored token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE manufacturer_sessions SET token = ?, obtained_at = ?, login_lease_id = NULL,"
                        + " login_lease_until = NULL WHERE account_key = ? AND login_lease_id = ?")) {
            update.setString(1, token.token());
            Sql.time(update, 2, token.obtainedAt());
            update.setString(3, accountKey);
            update.setString(4, leaseId);
            update.executeUpdate();
        }
    }

    @Override
    public void release(String leaseId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE manufacturer_sessions SET login_lease_id = NULL, login_lease_until = NULL"
                        + " WHERE account_key = ? AND login_lease_id = ?")) {
            update.setString(1, accountKey);
            update.setString(2, leaseId);
            update.executeUpdate();
        }
    }

    /** Records a {@code config} answer's (safe) message as the delivery's current problem. */
    public void reportProblem(String message, Instant at) throws SQLException {
        ensureRow();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE manufacturer_sessions SET problem = ?, problem_at = ? WHERE account_key = ?")) {
            update.setString(1, Sql.clip(message, 500));
            Sql.time(update, 2, at);
            update.setString(3, accountKey);
            update.executeUpdate();
        }
    }

    /** The last problem reported at or after {@code since}, or {@code null}. */
    public String problemSince(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT problem FROM manufacturer_sessions WHERE account_key = ? AND problem_at >= ?")) {
            select.setString(1, accountKey);
            Sql.time(select, 2, since);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void ensureRow() throws SQLException {
        if (rowExists) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM manufacturer_sessions WHERE account_key = ?")) {
                select.setString(1, accountKey);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        rowExists = true;
                        return;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO manufacturer_sessions (account_key) VALUES (?)")) {
                insert.setString(1, accountKey);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // another node inserted it first
            }
            rowExists = true;
        }
    }
}
