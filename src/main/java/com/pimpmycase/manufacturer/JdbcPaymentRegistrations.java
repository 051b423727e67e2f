package com.pimpmycase.manufacturer;

import com.pimpmycase.db.Sql;
import com.pimpmycase.db.Transactions;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** {@link PaymentRegistrations} in the table {@code payment_registrations}, shared by every node. */
public final class JdbcPaymentRegistrations implements PaymentRegistrations {

    private final Jdbi jdbi;

    public JdbcPaymentRegistrations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Registration find(String thirdPayId) throws SQLException {
        return Transactions.withHandle(jdbi, h -> h.createQuery("SELECT manufacturer_payment_id, pay_data_at, pay_status_at"
                + " FROM payment_registrations WHERE third_pay_id = :thirdPayId").bind("thirdPayId", thirdPayId)
                .map((rs, ctx) -> new Registration(rs.getString("manufacturer_payment_id"), Sql.time(rs, "pay_data_at"),
                        Sql.time(rs, "pay_status_at")))
                .findFirst().orElse(Registration.NONE));
    }

    @Override
    public boolean lease(String thirdPayId, String leaseId, Instant now, Instant until) throws SQLException {
        try {
            Transactions.withHandle(jdbi, h -> h.createUpdate("INSERT INTO payment_registrations"
                    + " (third_pay_id, lease_id, lease_until) VALUES (:thirdPayId, :leaseId, :until)")
                    .bind("thirdPayId", thirdPayId).bind("leaseId", leaseId).bind("until", until).execute());
            return true;
        } catch (SQLException e) {
            if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        return Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE payment_registrations SET lease_id = :leaseId,"
                + " lease_until = :until WHERE third_pay_id = :thirdPayId AND (lease_until IS NULL OR lease_until < :now)")
                .bind("leaseId", leaseId).bind("until", until).bind("thirdPayId", thirdPayId).bind("now", now)
                .execute() == 1);
    }

    @Override
    public void payDataDone(String thirdPayId, String manufacturerPaymentId, Instant at) throws SQLException {
        Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE payment_registrations SET manufacturer_payment_id = :id,"
                + " pay_data_at = :at WHERE third_pay_id = :thirdPayId")
                .bind("id", manufacturerPaymentId).bind("at", at).bind("thirdPayId", thirdPayId).execute());
    }

    @Override
    public void payStatusDone(String thirdPayId, Instant at) throws SQLException {
        Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE payment_registrations SET pay_status_at = :at"
                + " WHERE third_pay_id = :thirdPayId").bind("at", at).bind("thirdPayId", thirdPayId).execute());
    }

    @Override
    public void release(String thirdPayId, String leaseId) throws SQLException {
        Transactions.withHandle(jdbi, h -> h.createUpdate("UPDATE payment_registrations SET lease_id = NULL,"
                + " lease_until = NULL WHERE third_pay_id = :thirdPayId AND lease_id = :leaseId")
                .bind("thirdPayId", thirdPayId).bind("leaseId", leaseId).execute());
    }
}
