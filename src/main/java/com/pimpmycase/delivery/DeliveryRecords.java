package com.pimpmycase.delivery;

import java.sql.SQLException;

/** Looks up an order's delivery record (SPEC §9) for the order view and the console. */
@FunctionalInterface
public interface DeliveryRecords {

    /** Delivery is off: every order's record is {@link DeliveryRecord#OFF}. */
    DeliveryRecords OFF = thirdId -> DeliveryRecord.OFF;

    /** The record of a stored order. */
    DeliveryRecord of(String thirdId) throws SQLException;
}
