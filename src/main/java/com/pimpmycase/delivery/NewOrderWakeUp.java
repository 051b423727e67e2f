package com.pimpmycase.delivery;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Wakes this node's dispatcher when it stored an order (a 201 to {@code POST
 * /api/chinese/order/orderData}), so the delivery starts at once rather than at the next poll. A
 * response filter runs after the resource returned, that is after the order's transaction
 * committed: a wake from inside the transaction would find nothing to claim yet.
 */
public final class NewOrderWakeUp implements ContainerResponseFilter {

    private final Runnable wake;

    public NewOrderWakeUp(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 201 && "POST".equals(request.getMethod())
                && request.getUriInfo().getPath().endsWith("chinese/order/orderData")) {
            wake.run();
        }
    }
}
