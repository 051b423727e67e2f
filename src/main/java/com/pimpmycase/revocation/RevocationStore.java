package com.pimpmycase.revocation;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.token.Expiry;
import com.pimpmycase.token.Token;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

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

    private final Jdbi jdbi;
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

    public RevocationStore(Jdbi jdbi, Clock clock, Duration leeway, OrderEvents events) {
        this.jdbi = jdbi;
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
        return Transactions.inTransaction(jdbi, handle -> {
            long version = bumpVersion(handle);
            Revocation existing = findActive(handle, wanted.filename(), wanted.scope(), wanted.tokenDigest());
            if (existing != null) {
                handle.rollback(); // nothing changed: give the version back
                return new Outcome(existing, false);
            }
            // An expired one not yet dropped would break the unique constraint (only at the expiry second).
            handle.createUpdate("DELETE FROM revocations WHERE filename = ? AND scope = ? AND token_digest = ?")
                    .bind(0, wanted.filename()).bind(1, wanted.scope().wireName()).bind(2, wanted.tokenDigest())
                    .execute();
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
            long id = handle.createUpdate("INSERT INTO revocations (scope, filename, partner_type, expires_at, "
                            + "token_digest, reason, created_at, created_by, created_by_staff) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, wanted.scope().wireName())
                    .bind(1, wanted.filename())
                    .bind(2, wanted.partnerType())
                    .bind(3, wanted.expiresAt())
                    .bind(4, wanted.tokenDigest())
                    .bind(5, wanted.reason())
                    .bind(6, now)
                    .bind(7, wanted.createdBy())
                    .bind(8, wanted.createdByStaff())
                    .executeAndReturnGeneratedKeys("id")
                    .map((rs, context) -> rs.getLong(1)).one();
            log(handle, version, wanted.filename());
            events.appendForImage(handle, wanted.filename(), kind, detail, staffDetail);
            return new Outcome(new Revocation(id, wanted.scope(), wanted.filename(), wanted.partnerType(),
                    wanted.expiresAt(), wanted.reason(), now, wanted.createdBy(), wanted.tokenDigest(),
                    wanted.createdByStaff()), true);
        });
    }

    /** The active revocations of {@code filename} (every file's when {@code null}), oldest first. */
    public List<Revocation> active(String filename) throws SQLException {
        return Transactions.withHandle(jdbi, handle -> {
            var select = handle.createQuery("SELECT " + COLUMNS + " FROM revocations WHERE "
                    + ACTIVE + (filename == null ? "" : " AND filename = ?") + " ORDER BY id");
            select.bind(0, activeSince());
            if (filename != null) {
                select.bind(1, filename);
            }
            return select.map(RevocationStore::read).list();
        });
    }

    /**
     * Lifts the active revocation {@code id}; lifting a block tells every order using the image.
     *
     * @return what was lifted, or {@code null} when no active revocation has that id
     */
    public Revocation lift(long id, String liftedBy) throws SQLException {
        return Transactions.inTransaction(jdbi, handle -> {
            long version = bumpVersion(handle);
            Revocation found = handle.createQuery("SELECT " + COLUMNS + " FROM revocations WHERE id = ? AND " + ACTIVE)
                    .bind(0, id).bind(1, activeSince())
                    .map(RevocationStore::read).findFirst().orElse(null);
            if (found == null) {
                handle.rollback();
                return null;
            }
            handle.createUpdate("DELETE FROM revocations WHERE id = ?").bind(0, id).execute();
            log(handle, version, found.filename());
            if (found.scope() == RevocationScope.IMAGE) {
                events.appendForImage(handle, found.filename(), OrderEventKind.IMAGE_UNBLOCKED,
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
        return Transactions.inTransaction(jdbi, handle -> {
            long version = bumpVersion(handle);
            long cutoff = activeSince(); // one cutoff for both: every row deleted has its file logged
            handle.createUpdate("INSERT INTO revocation_log (version, filename, changed_at) "
                            + "SELECT DISTINCT CAST(? AS BIGINT), filename, CAST(? AS BIGINT) "
                            + "FROM revocations WHERE scope = 'link' AND expires_at < ?")
                    .bind(0, version).bind(1, nowSeconds()).bind(2, cutoff).execute();
            int dropped = handle.createUpdate("DELETE FROM revocations WHERE scope = 'link' AND expires_at < ?")
                    .bind(0, cutoff).execute();
            if (dropped == 0) {
                handle.rollback(); // nothing dropped: give the version back
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
        return Transactions.withHandle(jdbi, handle -> handle
                .createUpdate("DELETE FROM revocation_log WHERE changed_at < ?")
                .bind(0, nowSeconds() - LOG_RETENTION.toSeconds()).execute());
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
        return Transactions.withHandle(jdbi, handle -> {
            long version = version(handle);
            if (version == since) {
                return new Changes(version, Map.of());
            }
            if (version < since) {
                return null; // the database went back (restored from a backup): start again
            }
            Set<Long> versions = new HashSet<>();
            Set<String> files = new LinkedHashSet<>();
            handle.createQuery("SELECT version, filename FROM revocation_log WHERE version > ? AND version <= ?")
                    .bind(0, since).bind(1, version)
                    .map((rs, context) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(logged -> {
                        versions.add(logged.getKey());
                        files.add(logged.getValue());
                    });
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
                var select = handle.createQuery("SELECT " + COLUMNS + " FROM revocations WHERE " + ACTIVE
                        + " AND filename IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")");
                select.bind(0, activeSince());
                for (int i = 0; i < chunk.size(); i++) {
                    select.bind(1 + i, chunk.get(i));
                }
                select.map(RevocationStore::read).forEach(revocation -> byFile.get(revocation.filename()).add(revocation));
            }
            return new Changes(version, byFile);
        });
    }

    /** The change version: it moves with every change to the table. */
    long version() throws SQLException {
        return Transactions.withHandle(jdbi, RevocationStore::version);
    }

    /** Every active revocation, with the version read before them (so a change in between is seen again later). */
    Loaded load() throws SQLException {
        return Transactions.withHandle(jdbi, handle -> {
            long version = version(handle);
            return new Loaded(version, handle.createQuery("SELECT " + COLUMNS + " FROM revocations WHERE " + ACTIVE)
                    .bind(0, activeSince()).map(RevocationStore::read).list());
        });
    }

    private static long version(Handle handle) throws SQLException {
        return handle.createQuery("SELECT version FROM revocation_changes WHERE id = 1")
                .map((rs, context) -> rs.getLong(1)).findFirst()
                .orElseThrow(() -> new SQLException("revocation_changes has no row: the V4 migration did not run"));
    }

    /** Locks the version row (writers queue here until this transaction ends) and moves it: the new version. */
    private static long bumpVersion(Handle handle) throws SQLException {
        handle.execute("UPDATE revocation_changes SET version = version + 1 WHERE id = 1");
        return version(handle);
    }

    /** Logs that the change of {@code version} touched {@code filename}, in the change's transaction. */
    private void log(Handle handle, long version, String filename) {
        handle.createUpdate("INSERT INTO revocation_log (version, filename, changed_at) VALUES (?, ?, ?)")
                .bind(0, version).bind(1, filename).bind(2, nowSeconds()).execute();
    }

    private long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private Revocation findActive(Handle handle, String filename, RevocationScope scope, String digest) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM revocations "
                        + "WHERE filename = ? AND scope = ? AND token_digest = ? AND " + ACTIVE)
                .bind(0, filename).bind(1, scope.wireName()).bind(2, digest).bind(3, activeSince())
                .map(RevocationStore::read).findFirst().orElse(null);
    }

    /** A link revocation is active while its token is not expired: exp ≥ this. */
    private long activeSince() {
        return expiry.earliestValidAt(nowSeconds());
    }

    /** One row, mapped by hand: a full reload maps every active revocation. */
    private static Revocation read(ResultSet rs, StatementContext context) throws SQLException {
        return new Revocation(rs.getLong("id"), RevocationScope.of(rs.getString("scope")),
                rs.getString("filename"), rs.getString("partner_type"), rs.getObject("expires_at", Long.class),
                rs.getString("reason"), Sql.time(rs, "created_at"),
                rs.getString("created_by"), rs.getString("token_digest"), rs.getBoolean("created_by_staff"));
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
