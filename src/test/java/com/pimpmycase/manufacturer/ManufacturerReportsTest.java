package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pimpmycase.delivery.DeliveryTables;
import com.pimpmycase.config.ManufacturerConfig.DeliverOn;
import com.pimpmycase.manufacturer.ManufacturerReports.PaymentReport;
import com.pimpmycase.manufacturer.ManufacturerReports.StatusReport;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.testing.BrokenClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the webhooks change (SPEC §9 "Replays and late calls"), on H2 and PostgreSQL. */
class ManufacturerReportsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aReplayIsNotAppliedAndADifferentQueueNoIsAConflict(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.PAYMENT)) {
            tables.store("REP-1");
            JdbcManufacturerReports reports = tables.reports(() -> { });
            assertEquals(StatusReport.APPLIED, reports.reportStatus("REP-1", 11, "Q-1", "M-1"));
            tables.clock.advance(Duration.ofMinutes(1));
            assertEquals(StatusReport.APPLIED, reports.reportStatus("REP-1", 12, null, null));
            String at = tables.record("REP-1").manufacturerStatusAt();
            tables.clock.advance(Duration.ofMinutes(1));
            assertEquals(StatusReport.REPLAY, reports.reportStatus("REP-1", 11, "Q-1", "M-1"));
            assertEquals(12, tables.record("REP-1").manufacturerStatus());
            assertEquals(StatusReport.APPLIED, reports.reportStatus("REP-1", 12, null, null)); // the latest again
            assertEquals(at, tables.record("REP-1").manufacturerStatusAt());
            assertEquals(StatusReport.CONFLICT, reports.reportStatus("REP-1", 13, "Q-2", null));
            assertEquals(StatusReport.CONFLICT, reports.reportStatus("REP-1", 13, "Q-1", "M-2"));
            assertEquals(12, tables.record("REP-1").manufacturerStatus());
            assertEquals(StatusReport.APPLIED, reports.reportStatus("REP-1", 13, "Q-1", null));
            assertEquals(13, tables.record("REP-1").manufacturerStatus());
            assertEquals(StatusReport.NOT_FOUND, reports.reportStatus("REP-NONE", 13, null, null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aPaidPaymentStaysPaidAndIsFoundByTheManufacturersId(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.PAYMENT)) {
            tables.store("PAYR-1", "PYEN-R1", "r.png");
            try (Connection c = tables.database.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO payment_registrations (third_pay_id, manufacturer_payment_id) VALUES (?, ?)")) {
                insert.setString(1, "PYEN-R1");
                insert.setString(2, "MSPY-R1");
                insert.executeUpdate();
            }
            JdbcManufacturerReports reports = tables.reports(() -> { });
            assertEquals(PaymentReport.RECORDED, reports.reportPayment("MSPY-R1", 3, "35.00"));
            assertEquals(3, tables.records.paymentStatus("PYEN-R1"));
            assertNull(tables.records.paymentStatus("MSPY-R1"));
            assertEquals("pending", tables.record("PAYR-1").state());
            assertEquals(PaymentReport.IGNORED, reports.reportPayment("PYEN-R1", 1, null));
            assertEquals(PaymentReport.IGNORED, reports.reportPayment("MSPY-R1", 2, null));
            assertEquals(3, tables.records.paymentStatus("PYEN-R1"));
            assertEquals(PaymentReport.RECORDED, reports.reportPayment("PYEN-R1", 5, null));
            assertEquals(5, tables.records.paymentStatus("PYEN-R1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRuntimeExceptionRollsThePaymentBack(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.PAYMENT)) {
            tables.store("ROLL-1", "PYEN-ROLL", "roll.png");
            // The event is written after the payment row: a failure there must take the row with it.
            JdbcManufacturerReports reports = new JdbcManufacturerReports(tables.database.jdbi(), tables.clock,
                    new OrderEvents(tables.database.jdbi(), BrokenClock.INSTANCE), () -> { });
            assertThrows(IllegalStateException.class, () -> reports.reportPayment("PYEN-ROLL", 3, null));
            assertNull(tables.records.paymentStatus("PYEN-ROLL"));
            assertEquals("awaiting_payment", tables.record("ROLL-1").state());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRuntimeExceptionRollsTheStatusReportBack(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("ROLL-2");
            // The report row and the delivery are written before the event: a failure there takes both back.
            JdbcManufacturerReports reports = new JdbcManufacturerReports(tables.database.jdbi(), tables.clock,
                    new OrderEvents(tables.database.jdbi(), BrokenClock.INSTANCE), () -> { });
            assertThrows(IllegalStateException.class, () -> reports.reportStatus("ROLL-2", 5, "Q-1", "M-1"));
            assertEquals("pending", tables.record("ROLL-2").state());
            assertNull(tables.record("ROLL-2").manufacturerStatus());
            int reportRows = tables.database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM manufacturer_reports WHERE third_id = 'ROLL-2'").mapTo(Integer.class).one());
            assertEquals(0, reportRows);
            assertEquals(StatusReport.APPLIED, tables.reports(() -> { }).reportStatus("ROLL-2", 5, "Q-1", "M-1"),
                    "not a replay: the failed report left nothing behind");
        }
    }
}
