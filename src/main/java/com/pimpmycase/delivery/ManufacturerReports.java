package com.pimpmycase.delivery;

import java.sql.SQLException;

/**
 * What the manufacturer's webhooks (SPEC §9 "Calls from the manufacturer") change, once the call
 * is authenticated and its fields are valid. Repeating a call changes nothing.
 */
public interface ManufacturerReports {

    /**
     * Records the payment status of {@code thirdPayId} (1..5), whether or not an order with it
     * exists yet; status 3 starts the delivery of every such order that is awaiting payment.
     */
    void paymentStatus(String thirdPayId, int status) throws SQLException;

    /**
     * Records the manufacturer's status (1..16) of the order {@code thirdId}; a status for an
     * order not yet delivered makes it delivered, filling the id and queue number when given.
     *
     * @return {@code false} when there is no such order
     */
    boolean orderStatus(String thirdId, int status, String queueNo, String manufacturerOrderId) throws SQLException;
}
