package com.pimpmycase.download;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The download totals of every node (table {@code image_downloads}, V5): each node adds what it
 * counted since its last flush, so the rows are sums over all nodes. The upsert is an UPDATE that
 * adds, then an INSERT when there was no row; the same SQL on H2 and PostgreSQL. When two nodes
 * insert the same new row at once, the loser's INSERT fails on the primary key and it adds with
 * an UPDATE instead, so nothing is overwritten.
 */
final class DownloadTable {

    /** SQLSTATE of a unique constraint violation, on both H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final OrderEvents events;

    DownloadTable(DataSource dataSource, OrderEvents events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /**
     * Adds every tally in one transaction, in {@link DownloadKey#WRITE_ORDER}. The first download
     * of an image by a partner type (its row is new) writes a {@code first_download} event to
     * every order using the image, in the same transaction.
     */
    void add(Map<DownloadKey, DownloadTally> tallies) throws SQLException {
        Transactions.inTransaction(dataSource, connection -> {
            for (Map.Entry<DownloadKey, DownloadTally> e : tallies.entrySet()) {
                if (add(connection, e.getKey(), e.getValue())) {
                    events.appendForImage(connection, e.getKey().filename(), OrderEventKind.FIRST_DOWNLOAD,
                            "first download by " + e.getKey().partnerType() + " at "
                                    + DownloadTimes.text(e.getValue().firstAt()));
                }
            }
            return null;
        });
    }

    /** @return whether the row is new (the first download of that image by that partner type) */
    private static boolean add(Connection connection, DownloadKey key, DownloadTally tally) throws SQLException {
        if (update(connection, key, tally)) {
            return false;
        }
        Savepoint beforeInsert = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO image_downloads "
                + "(filename, partner_type, download_count, first_at, last_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, key.filename());
            insert.setString(2, key.partnerType());
            insert.setLong(3, tally.count());
            insert.setObject(4, utc(tally.firstAt()));
            insert.setObject(5, utc(tally.lastAt()));
            insert.executeUpdate();
            connection.releaseSavepoint(beforeInsert);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeInsert); // another node inserted it first: add to its row
        }
        if (!update(connection, key, tally)) {
            throw new SQLException("download row of " + key + " vanished after a duplicate insert");
        }
        return false;
    }

    private static boolean update(Connection connection, DownloadKey key, DownloadTally tally) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE image_downloads SET "
                + "download_count = download_count + ?, first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?) "
                + "WHERE filename = ? AND partner_type = ?")) {
            update.setLong(1, tally.count());
            update.setObject(2, utc(tally.firstAt()));
            update.setObject(3, utc(tally.lastAt()));
            update.setString(4, key.filename());
            update.setString(5, key.partnerType());
            return update.executeUpdate() > 0;
        }
    }

    /** The written totals of one image, by partner type. */
    Map<String, DownloadTally> totals(String filename) throws SQLException {
        Map<String, DownloadTally> totals = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT partner_type, download_count, "
                        + "first_at, last_at FROM image_downloads WHERE filename = ? ORDER BY partner_type")) {
            select.setString(1, filename);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getString(1), new DownloadTally(rs.getLong(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return totals;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
