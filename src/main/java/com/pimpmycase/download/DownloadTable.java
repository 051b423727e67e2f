package com.pimpmycase.download;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import com.pimpmycase.db.Upsert;
import com.pimpmycase.order.OrderEventKind;
import com.pimpmycase.order.OrderEvents;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The download totals of every node (table {@code image_downloads}, V5): each node adds what it
 * counted since its last flush, so the rows are sums over all nodes ({@link Upsert}: nothing is
 * overwritten when two nodes insert the same new row at once).
 */
final class DownloadTable {

    private final Jdbi jdbi;
    private final OrderEvents events;

    DownloadTable(Jdbi jdbi, OrderEvents events) {
        this.jdbi = jdbi;
        this.events = events;
    }

    /**
     * Adds every tally in the caller's transaction, in the map's order (give it
     * {@link DownloadKey#WRITE_ORDER}). The first download of an image by a partner type (its row
     * is new) writes a {@code first_download} event to every order using the image, in the same
     * transaction.
     */
    void add(Handle handle, Map<DownloadKey, DownloadTally> tallies) throws SQLException {
        for (Map.Entry<DownloadKey, DownloadTally> e : tallies.entrySet()) {
            DownloadKey key = e.getKey();
            DownloadTally tally = e.getValue();
            boolean first = Upsert.addOrInsert(handle,
                    () -> handle.createUpdate("UPDATE image_downloads SET download_count = download_count + ?, "
                                    + "first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?) "
                                    + "WHERE filename = ? AND partner_type = ?")
                            .bind(0, tally.count()).bind(1, tally.firstAt()).bind(2, tally.lastAt())
                            .bind(3, key.filename()).bind(4, key.partnerType()).execute(),
                    () -> handle.createUpdate("INSERT INTO image_downloads "
                                    + "(filename, partner_type, download_count, first_at, last_at) VALUES (?, ?, ?, ?, ?)")
                            .bind(0, key.filename()).bind(1, key.partnerType()).bind(2, tally.count())
                            .bind(3, tally.firstAt()).bind(4, tally.lastAt()).execute());
            if (first) {
                events.appendForImage(handle, key.filename(), OrderEventKind.FIRST_DOWNLOAD,
                        "first download by " + key.partnerType() + " at " + DownloadTimes.text(tally.firstAt()));
            }
        }
    }

    /** The written totals of one image, by partner type. */
    Map<String, DownloadTally> totals(String filename) throws SQLException {
        Map<String, DownloadTally> totals = new LinkedHashMap<>();
        Transactions.withHandle(jdbi, handle -> {
            handle.createQuery("SELECT partner_type, download_count, first_at, last_at FROM image_downloads "
                            + "WHERE filename = ? ORDER BY partner_type")
                    .bind(0, filename)
                    .map((rs, context) -> Map.entry(rs.getString("partner_type"), new DownloadTally(
                            rs.getLong("download_count"), Sql.time(rs, "first_at"),
                            Sql.time(rs, "last_at"))))
                    .forEach(row -> totals.put(row.getKey(), row.getValue()));
            return null;
        });
        return totals;
    }
}
