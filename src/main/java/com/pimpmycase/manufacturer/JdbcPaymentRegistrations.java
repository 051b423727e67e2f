package com.pimpmycase.manufacturer;

import com.pimpmycase.db.Sql;
import com.pimpmycase.manufacturer.PaymentRegistrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** {@link PaymentRegistrations} in the table {@code payment_registrations}, shared by every node. */
public final class JdbcPaymentRegistrations implements PaymentRegistrations {

    private final DataSource dataSource;

    public JdbcPaymentRegistrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Registration find(String thirdPayId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT manufacturer_payment_id, pay_data_at, pay_status_at FROM payment_registrations"
                        + " WHERE third_pay_id = ?")) {
            select.setString(1, thirdPayId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Registration(null, null, null);
                }
                return new Registration(rs.getString(1), Sql.time(rs, "pay_data_at"), Sql.time(rs, "pay_status_at"));
            }
        }
    }

    @Override
    public boolean lease(String thirdPayId, String leaseId, Instant now, Instant until) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO payment_registrations (third_pay_id, lease_id, lease_until) VALUES (?, ?, ?)")) {
                insert.setString(1, thirdPayId);
                insert.setString(2, leaseId);
                Sql.time(insert, 3, until);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE payment_registrations SET lease_id = ?, lease_until = ?"
                    + " WHERE third_pay_id = ? AND (lease_until IS NULL OR lease_until < ?)")) {
                update.setString(1, leaseId);
                Sql.time(update, 2, until);
                update.setString(3, thirdPayId);
                Sql.time(update, 4, now);
                return update.executeUpdate() == 1;
            }
        }
    }

    @Override
    public void payDataDone(String thirdPayId, String manufacturerPaymentId, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE payment_registrations SET manufacturer_payment_id = ?, pay_data_at = ?"
                        + " WHERE third_pay_id = ?")) {
            update.setString(1, manufacturerPaymentId);
            Sql.time(update, 2, at);
            update.setString(3, thirdPayId);
            update.executeUpdate();
        }
    }

    @Override
    public void payStatusDone(String thirdPayId, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE payment_registrations SET pay_status_at = ? WHERE third_pay_id = ?")) {
            Sql.time(update, 1, at);
            update.setString(2, thirdPayId);
            update.executeUpdate();
        }
    }

    @Override
    public void release(String thirdPayId, String leaseId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE payment_registrations SET lease_id = NULL, lease_until = NULL"
                        + " WHERE third_pay_id = ? AND lease_id = ?")) {
            update.setString(1, thirdPayId);
            update.setString(2, leaseId);
            update.executeUpdate();
        }
    }
}
