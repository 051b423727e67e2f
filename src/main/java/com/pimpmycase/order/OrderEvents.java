package com.pimpmycase.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The order timeline (SPEC §11): every part that changes an order appends here, inside its own
 * transaction when it has one (the {@link Connection} overloads), so an event exists exactly when
 * its change does. Events about an image are written to every order using it.
 */
public final class OrderEvents {

    /** §11 shows at most the last 200 events of an order. */
    public static final int SHOWN = 200;
    private static final int MAX_DETAIL = 500;

    private final DataSource dataSource;
    private final Clock clock;

    public OrderEvents(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Appends in the caller's transaction. */
    public void append(Connection connection, String thirdId, OrderEventKind kind, String detail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO order_events (third_id, at, kind, detail) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, thirdId);
            insert.setObject(2, now());
            insert.setString(3, kind.wireName());
            insert.setString(4, clip(detail));
            insert.executeUpdate();
        }
    }

    /** Appends on its own connection (auto-commit). */
    public void append(String thirdId, OrderEventKind kind, String detail) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, thirdId, kind, detail);
        }
    }

    /** Appends to every order whose image is {@code filename}, in the caller's transaction. */
    public void appendForImage(Connection connection, String filename, OrderEventKind kind, String detail)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO order_events (third_id, at, kind, detail) SELECT third_id, ?, ?, ? FROM orders WHERE pic = ?")) {
            insert.setObject(1, now());
            insert.setString(2, kind.wireName());
            insert.setString(3, clip(detail));
            insert.setString(4, filename);
            insert.executeUpdate();
        }
    }

    /** Appends to every order whose image is {@code filename}, on its own connection. */
    public void appendForImage(String filename, OrderEventKind kind, String detail) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            appendForImage(connection, filename, kind, detail);
        }
    }

    /** The last {@link #SHOWN} events of the order, oldest first. */
    public List<OrderEvent> latest(String thirdId) throws SQLException {
        List<OrderEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT at, kind, detail FROM order_events WHERE third_id = ? ORDER BY id DESC LIMIT ?")) {
            select.setString(1, thirdId);
            select.setInt(2, SHOWN);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new OrderEvent(rs.getObject(1, OffsetDateTime.class).toInstant(),
                            OrderEventKind.of(rs.getString(2)), rs.getString(3)));
                }
            }
        }
        Collections.reverse(events);
        return events;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private static String clip(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }
}
