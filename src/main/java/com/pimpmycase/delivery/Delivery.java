package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.JdbcManufacturerReports;
import com.pimpmycase.manufacturer.ManufacturerModule;
import java.util.List;

/**
 * What the delivery outbox (SPEC §9) gives the rest of the service: the work that records a new
 * order's delivery in the order's transaction, its API components, the counts for /health and the
 * metrics, the records for the order view and the console, what the manufacturer's webhooks change
 * and their servlets, and the retries an operator asks for.
 */
public record Delivery(DeliveryOutbox outbox, List<Object> apiComponents, DeliveryCounts counts,
        JdbcDeliveryRecords records, JdbcManufacturerReports reports, DeliveryRetries retries,
        ManufacturerModule.Webhooks webhooks) {
}
