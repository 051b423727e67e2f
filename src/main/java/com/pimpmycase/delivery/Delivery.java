package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.JdbcManufacturerReports;
import com.pimpmycase.manufacturer.ManufacturerModule;
import java.util.List;

/**
 * What the delivery outbox (SPEC §9) gives the rest of the service: the work that records a new
 * order's delivery in the order's transaction, its API components, the counts for /health and the
 * metrics, the records for the order view and the console, what the manufacturer's webhooks change
 * and their servlets, the retries an operator asks for, and how to wake the dispatcher once a new
 * order is committed (OrderStore's after-commit hook; a no-op when delivery is off).
 */
public record Delivery(DeliveryOutbox outbox, List<Object> apiComponents, DeliveryCounts counts,
        JdbcDeliveryRecords records, JdbcManufacturerReports reports, DeliveryRetries retries,
        ManufacturerModule.Webhooks webhooks, Runnable wake) {
}
