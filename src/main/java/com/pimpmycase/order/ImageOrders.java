package com.pimpmycase.order;

import com.pimpmycase.db.Transactions;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Which orders use an image (SPEC §2: usually one; downloads and revocations are per image). */
public final class ImageOrders {

    private final Jdbi jdbi;

    public ImageOrders(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The {@code third_id}s of up to {@code limit} orders whose image is {@code filename}, oldest first. */
    public List<String> using(String filename, int limit) throws SQLException {
        return Transactions.withHandle(jdbi, handle -> handle
                .createQuery("SELECT third_id FROM orders WHERE pic = ? ORDER BY seq LIMIT ?")
                .bind(0, filename).bind(1, limit)
                .map((rs, context) -> rs.getString(1)).list());
    }
}
