package com.pimpmycase.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Which orders use an image (SPEC §2: usually one; downloads and revocations are per image). */
public final class ImageOrders {

    private final DataSource dataSource;

    public ImageOrders(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The {@code third_id}s of up to {@code limit} orders whose image is {@code filename}, oldest first. */
    public List<String> using(String filename, int limit) throws SQLException {
        List<String> thirdIds = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT third_id FROM orders WHERE pic = ? ORDER BY seq LIMIT ?")) {
            select.setString(1, filename);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    thirdIds.add(rs.getString(1));
                }
            }
        }
        return thirdIds;
    }
}
