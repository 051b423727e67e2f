package com.pimpmycase.landing;

import com.pimpmycase.order.OrderStore;
import com.pimpmycase.order.OrderSubmission;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The development server's sample order on the sample design, stored at start: the console, the
 * order view and the delivery to the manufacturer simulator then have something to show.
 */
public final class SampleOrder {

    public static final OrderSubmission SUBMISSION = new OrderSubmission("PYDEVSAMPLE00001", "ORDEVSAMPLE00001",
            "MM102503290004", SampleLinks.SAMPLE_IMAGE, "CXYLOGD8OQUK", "MS102503290010");

    private static final Logger LOG = Logger.getLogger(SampleOrder.class.getName());

    private SampleOrder() {
    }

    /** Stores it unless it is there already (a restart keeps the embedded database). */
    public static void store(OrderStore orders) {
        try {
            orders.submit(SUBMISSION);
        } catch (SQLException e) {
            LOG.warning(() -> "cannot store the development sample order: " + e);
        }
    }
}
