package com.pimpmycase.revocation;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.token.Expiry;
import com.pimpmycase.token.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Revocations in the database (SPEC §10, migrations V4 and V10). Every change bumps
 * {@code revocation_changes.version} in its own transaction, after locking that row: writers are
 * serialised (so "already revoked?" and the insert cannot race), and logs the files it touched in
 * {@code revocation_log} under that new version, so every node's {@link RevocationSnapshot}
 * re-reads just those files at its next refresh ({@link #changesSince}). The order events of the
 * change are written in the same transaction.
 *
 * <p>Commit order: the version is taken under the row lock, which is held until commit or
 * rollback, so versions become visible strictly in order (v is committed before anyone can take
 * v + 1) and a rolled-back change gives its version back. Hence every committed version has at
 * least one log row, and a reader that sees version V sees every log row up to V: a reader never
 * skips a change that commits late. If some version in a reader's range has no row (the log was
 * pruned, or something changed the table without logging, such as a node still on the old code
 * during a rolling upgrade), the reader reloads everything instead.
 *
 * <p>"Active" is what the service enforces: every image block, and link revocations until their
 * token's exp + leeway (after that the link is simply expired, and {@link #dropExpired} removes them).
 */
public final class RevocationStore {

    private static final String COLUMNS =
            "id, scope, filename, partner_type, expires_at, reason, created_at, created_by, token_digest, created_by_staff";
    /** How an administrator's revocation reads on the timeline the API shows (SPEC §11). */
    static final String BY_ADMINISTRATOR = "revoked by an administrator";
    /** Image blocks, and link revocations whose token is not yet past exp + leeway (the parameter: now − leeway). */
    private static final String ACTIVE = "(scope = 'image' OR expires_at >= ?)";

    /** How long the change log is kept: a node that has not refreshed for longer reloads everything. */
    static final Duration LOG_RETENTION = Duration.ofMinutes(10);
    /** More files changed than this since a node's last refresh: it reloads everything instead. */
    static final int MAX_INCREMENTAL_FILES = 10_000;
    /** Files re-read per query on an incremental refresh. */
    private static final int FILES_PER_QUERY = 500;

    private final DataSource dataSource;
    private final Clock clock;
    private final Expiry expiry;
    private final OrderEvents events;

    /** What a revoke or block request did: {@code created}, or found the same revocation already there. */
    public record Outcome(Revocation revocation, boolean created) {}

    /** The active revocations as the snapshot needs them, and the change version they are as of. */
    record Loaded(long version, List<Revocation> active) {}

    /**
     * What changed since a version: for each file logged since, its active revocations now (an empty
     * list: none left), and the version that makes current.
     */
    record Changes(long version, Map<String, List<Revocation>> byFile) {}

    public RevocationStore(DataSource dataSource, Clock clock, Duration leeway, OrderEvents events) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.expiry = new Expiry(leeway);
        this.events = events;
    }

    /**
     * Revokes one link; the caller has verified {@code token} for {@code filename} (revocation aside).
     * The timeline names a shop and its reason to everyone; an administrator (API client or console
     * operator, {@code byStaff}) and the reason only to staff (the console), the API reading
     * {@value #BY_ADMINISTRATOR}.
     */
    public Outcome revokeLink(String filename, Token token, String reason, String createdBy, boolean byStaff)
            throws SQLException {
        String link = token.partnerType() + " link expiring " + Instant.ofEpochSecond(token.expiresAt());
        String full = link + " revoked by " + createdBy + because(reason);
        return add(new Revocation(0, RevocationScope.LINK, filename, token.partnerType(), token.expiresAt(), reason,
                null, createdBy, LinkDigest.of(token), byStaff), OrderEventKind.LINK_REVOKED,
                byStaff ? link + " " + BY_ADMINISTRATOR : full, byStaff ? full : null);
    }

    /** Blocks every link to {@code filename} until the block is lifted (administrators only). */
    public Outcome blockImage(String filename, String reason, String createdBy) throws SQLException {
        return add(new Revocation(0, RevocationScope.IMAGE, filename, null, null, reason, null, createdBy, "", true),
                OrderEventKind.IMAGE_BLOCKED, "image blocked: every link " + BY_ADMINISTRATOR,
                "image blocked by " + createdBy + because(reason));
    }

    private Outcome add(Revocation wanted, OrderEventKind kind, String detail, String staffDetail)
            throws SQLException {
        return Transactions.inTransaction(dataSource, connection -> {
            long version = bumpVersion(connection);
            Revocation existing = findActive(connection, wanted.filename(), wanted.scope(), wanted.tokenDigest());
            if (existing != null) {
                connection.rollback(); // nothing changed: give the version back
                return new Outcome(existing, false);
            }
            // An expired one not yet dropped would break the unique constraint (only at the expiry second).
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM revocations WHERE filename = ? AND scope = ? AND token_digest = ?")) {
                delete.setString(1, wanted.filename());
                delete.setString(2, wanted.scope().wireName());
                delete.setString(3, wanted.tokenDigest());
                delete.executeUpdate();
            }
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO revocations (scope, filename, "
                    + "partner_type, expires_at, token_digest, reason, created_at, created_by, created_by_staff) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                insert.setString(1, wanted.scope().wireName());
                insert.setString(2, wanted.filename());
                insert.setString(3, wanted.partnerType());
                if (wanted.expiresAt() == null) {
                    insert.setNull(4, Types.BIGINT);
                } else {
                    insert.setLong(4, wanted.expiresAt());
                }
                insert.setString(5, wanted.tokenDigest());
                insert.setString(6, wanted.reason());
                insert.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.setString(8, wanted.createdBy());
                insert.setBoolean(9, wanted.createdByStaff());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            log(connection, version, wanted.filename());
            events.appendForImage(connection, wanted.filename(), kind, detail, staffDetail);
            return new Outcome(new Revocation(id, wanted.scope(), wanted.filename(), wanted.partnerType(),
                    wanted.expiresAt(), wanted.reason(), now, wanted.createdBy(), wanted.tokenDigest(),
                    wanted.createdByStaff()), true);
        });
    }

    /** The active revocations of {@code filename} (every file's when {@code null}), oldest first. */
    public List<Revocation> active(String filename) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM revocations WHERE "
                        + ACTIVE + (filename == null ? "" : " AND filename = ?") + " ORDER BY id")) {
            select.setLong(1, activeSince());
            if (filename != null) {
                select.setString(2, filename);
            }
            return read(select);
        }
    }

    /**
     * Lifts the active revocation {@code id}; lifting a block tells every order using the image.
     *
     * @return what was lifted, or {@code null} when no active revocation has that id
     */
    public Revocation lift(long id, String liftedBy) throws SQLException {
        return Transactions.inTransaction(dataSource, connection -> {
            long version = bumpVersion(connection);
            Revocation found;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM revocations WHERE id = ? AND " + ACTIVE)) {
                select.setLong(1, id);
                select.setLong(2, activeSince());
                List<Revocation> rows = read(select);
                found = rows.isEmpty() ? null : rows.get(0);
            }
            if (found == null) {
                connection.rollback();
                return null;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM revocations WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            log(connection, version, found.filename());
            if (found.scope() == RevocationScope.IMAGE) {
                events.appendForImage(connection, found.filename(), OrderEventKind.IMAGE_UNBLOCKED,
                        "block lifted by an administrator", "block lifted by " + liftedBy); // administrators only
            }
            return found;
        });
    }

    /**
     * Deletes link revocations whose token is past exp + leeway: they no longer change any answer.
     * Their files are logged, so every node drops them from memory at its next refresh.
     */
    public int dropExpired() throws SQLException {
        return Transactions.inTransaction(dataSource, connection -> {
            long version = bumpVersion(connection);
            long cutoff = activeSince(); // one cutoff for both: every row deleted has its file logged
            try (PreparedStatement logged = connection.prepareStatement("INSERT INTO revocation_log "
                    + "(version, filename, changed_at) SELECT DISTINCT CAST(? AS BIGINT), filename, CAST(? AS BIGINT) "
                    + "FROM revocations WHERE scope = 'link' AND expires_at < ?")) {
                logged.setLong(1, version);
                logged.setLong(2, nowSeconds());
                logged.setLong(3, cutoff);
                logged.executeUpdate();
            }
            int dropped;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM revocations WHERE scope = 'link' AND expires_at < ?")) {
                delete.setLong(1, cutoff);
                dropped = delete.executeUpdate();
            }
            if (dropped == 0) {
                connection.rollback(); // nothing dropped: give the version back
            }
            return dropped;
        });
    }

    /**
     * Forgets logged changes older than {@link #LOG_RETENTION} (whole versions: one version's rows
     * share their time). A node that has not refreshed since then reloads everything.
     *
     * @return the log rows deleted
     */
    public int pruneLog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM revocation_log WHERE changed_at < ?")) {
            delete.setLong(1, nowSeconds() - LOG_RETENTION.toSeconds());
            return delete.executeUpdate();
        }
    }

    /**
     * The active revocations of every file changed after version {@code since}, or {@code null}
     * when the caller must {@link #load} everything instead: {@code since} is negative (nothing
     * loaded yet), a version in between has no log row (pruned, or not logged), or more than
     * {@value #MAX_INCREMENTAL_FILES} files changed. The version is read first and the log up to
     * it in one statement, so the log rows read are exactly those of (since, version]; the
     * files' rows are read after, so they may already show a later change, which is logged too
     * and simply re-read at the next refresh.
     */
    Changes changesSince(long since) throws SQLException {
        if (since < 0) {
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            long version = version(connection);
            if (version == since) {
                return new Changes(version, Map.of());
            }
            if (version < since) {
                return null; // the database went back (restored from a backup): start again
            }
            Set<Long> versions = new HashSet<>();
            Set<String> files = new LinkedHashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version, filename FROM revocation_log WHERE version > ? AND version <= ?")) {
                select.setLong(1, since);
                select.setLong(2, version);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        versions.add(rs.getLong(1));
                        files.add(rs.getString(2));
                    }
                }
            }
            if (versions.size() != version - since || files.size() > MAX_INCREMENTAL_FILES) {
                return null;
            }
            Map<String, List<Revocation>> byFile = new HashMap<>();
            for (String file : files) {
                byFile.put(file, new ArrayList<>());
            }
            List<String> all = new ArrayList<>(files);
            for (int from = 0; from < all.size(); from += FILES_PER_QUERY) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + FILES_PER_QUERY));
                try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM revocations WHERE " + ACTIVE + " AND filename IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    select.setLong(1, activeSince());
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(2 + i, chunk.get(i));
                    }
                    for (Revocation revocation : read(select)) {
                        byFile.get(revocation.filename()).add(revocation);
                    }
                }
            }
            return new Changes(version, byFile);
        }
    }

    /** The change version: it moves with every change to the table. */
    long version() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return version(connection);
        }
    }

    /** Every active revocation, with the version read before them (so a change in between is seen again later). */
    Loaded load() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long version = version(connection);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM revocations WHERE " + ACTIVE)) {
                select.setLong(1, activeSince());
                return new Loaded(version, read(select));
            }
        }
    }

    private static long version(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version FROM revocation_changes WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("revocation_changes has no row: the V4 migration did not run");
            }
            return rs.getLong(1);
        }
    }

    /** Locks the version row (writers queue here until this transaction ends) and moves it: the new version. */
    private static long bumpVersion(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE revocation_changes SET version = version + 1 WHERE id = 1")) {
            update.executeUpdate();
        }
        return version(connection);
    }

    /** Logs that the change of {@code version} touched {@code filename}, in the change's transaction. */
    private void log(Connection connection, long version, String filename) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO revocation_log (version, filename, changed_at) VALUES (?, ?, ?)")) {
            insert.setLong(1, version);
            insert.setString(2, filename);
            insert.setLong(3, nowSeconds());
            insert.executeUpdate();
        }
    }

    private long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private Revocation findActive(Connection connection, String filename, RevocationScope scope, String digest)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM revocations "
                + "WHERE filename = ? AND scope = ? AND token_digest = ? AND " + ACTIVE)) {
            select.setString(1, filename);
            select.setString(2, scope.wireName());
            select.setString(3, digest);
            select.setLong(4, activeSince());
            List<Revocation> rows = read(select);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    /** A link revocation is active while its token is not expired: exp ≥ this. */
    private long activeSince() {
        return expiry.earliestValidAt(nowSeconds());
    }

    private static List<Revocation> read(PreparedStatement select) throws SQLException {
        List<Revocation> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                long expiresAt = rs.getLong("expires_at");
                Long exp = rs.wasNull() ? null : expiresAt;
                rows.add(new Revocation(rs.getLong("id"), RevocationScope.of(rs.getString("scope")),
                        rs.getString("filename"), rs.getString("partner_type"), exp,
                        rs.getString("reason"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getString("created_by"), rs.getString("token_digest"), rs.getBoolean("created_by_staff")));
            }
        }
        return rows;
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
