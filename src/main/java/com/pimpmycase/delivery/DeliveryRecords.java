package com.pimpmycase.delivery;

import java.sql.SQLException;

/** Looks up an order's delivery record and payment status (SPEC §9) for the order view and the console. */
public interface DeliveryRecords {

    /** Delivery is off: every order's record is {@link DeliveryRecord#OFF}, no payment is known. */
    DeliveryRecords OFF = new DeliveryRecords() {
        @Override
        public DeliveryRecord of(String thirdId) {
            return DeliveryRecord.OFF;
        }

        @Override
        public Integer paymentStatus(String thirdPayId) {
            return null;
        }
    };

    /** The record of a stored order. */
    DeliveryRecord of(String thirdId) throws SQLException;

    /** The last payment status (1..5) the manufacturer reported for {@code thirdPayId}, or {@code null}. */
    Integer paymentStatus(String thirdPayId) throws SQLException;
}
