package com.pimpmycase.app;

import com.pimpmycase.metrics.ServiceMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * {@code pimpmycase_orders_stored_total}: a 201 to {@code POST /api/chinese/order/orderData} is a
 * newly stored order (SPEC §4: 200 is an identical re-post). Counted from the outside while the
 * order code is being reworked elsewhere; once {@code order.OrderResource} calls
 * {@link ServiceMetrics#orderStored()} itself this filter goes.
 */
final class OrdersStoredCounter implements ContainerResponseFilter {

    private static final String PATH = "chinese/order/orderData";

    private final ServiceMetrics metrics;

    OrdersStoredCounter(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 201 && "POST".equals(request.getMethod())
                && PATH.equals(stripSlashes(request.getUriInfo().getPath()))) {
            metrics.orderStored();
        }
    }

    private static String stripSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }
}
