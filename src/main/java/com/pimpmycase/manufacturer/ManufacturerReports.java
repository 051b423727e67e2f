package com.pimpmycase.manufacturer;

import java.sql.SQLException;

/**
 * What the manufacturer's webhooks (SPEC §9 "Calls from the manufacturer") change, once the call
 * is authenticated and its fields are valid. Repeating a call changes nothing.
 */
public interface ManufacturerReports {

    /** What a {@code payStatus} came to. */
    enum PaymentReport {
        /** Recorded (or an identical repeat). */
        RECORDED,
        /** A paid payment reported pending or processing: recorded as an event, state unchanged. */
        IGNORED
    }

    /** What a {@code status-update} came to. */
    enum StatusReport {
        NOT_FOUND,
        /** Recorded and applied (or an identical repeat of the latest report, which changes nothing). */
        APPLIED,
        /** Equal to an earlier report that is not the latest: recorded as an event, not applied. */
        REPLAY,
        /** Carries a queue_no or id that differs from the recorded one: recorded as an event, refused. */
        CONFLICT
    }

    /**
     * Records the payment status (1..5) of a payment named by its {@code third_pay_id} or by the
     * manufacturer's payment id, whether or not an order with it exists yet; status 3 starts the
     * delivery of every such order that is awaiting payment. A paid payment never goes back to 1
     * or 2.
     *
     * @param payAmount the amount the call carried, as sent, or {@code null}
     */
    PaymentReport reportPayment(String paymentId, int status, String payAmount) throws SQLException;

    /**
     * Records the manufacturer's status (1..16) of the order {@code thirdId}; a status for an
     * order not yet delivered makes it delivered, filling the id and queue number when given.
     */
    StatusReport reportStatus(String thirdId, int status, String queueNo, String manufacturerOrderId)
            throws SQLException;

    /** {@link #reportPayment} without an amount. */
    default void paymentStatus(String paymentId, int status) throws SQLException {
        reportPayment(paymentId, status, null);
    }

    /** {@link #reportStatus}; {@code false} when there is no such order. */
    default boolean orderStatus(String thirdId, int status, String queueNo, String manufacturerOrderId)
            throws SQLException {
        return reportStatus(thirdId, status, queueNo, manufacturerOrderId) != StatusReport.NOT_FOUND;
    }
}
