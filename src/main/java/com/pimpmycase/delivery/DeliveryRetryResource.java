package com.pimpmycase.delivery;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.auth.ApiRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.sql.SQLException;

/**
 * {@code POST /api/orders/{third_id}/delivery/retry} (SPEC §9, admin): attempt now, with a fresh
 * giveUpAfter clock. A root resource of its own, so it sits beside whatever else lives under
 * {@code /api/orders} (the order view) without sharing a class.
 */
@Path("/orders/{third_id}/delivery")
public final class DeliveryRetryResource {

    private final DeliveryRetries retries;

    public DeliveryRetryResource(DeliveryRetries retries) {
        this.retries = retries;
    }

    @POST
    @Path("retry")
    @RolesAllowed(ApiRole.ADMIN_NAME)
    public Response retry(@PathParam("third_id") String thirdId, @Context SecurityContext security)
            throws SQLException {
        Principal client = security.getUserPrincipal();
        DeliveryRetries.Outcome outcome = retries.retry(thirdId, client == null ? "-" : client.getName());
        if (outcome instanceof DeliveryRetries.Outcome.Started started) {
            return ApiResponses.json(202, started.record());
        }
        if (outcome instanceof DeliveryRetries.Outcome.NotFound) {
            throw ApiException.detail(404, "Order not found");
        }
        if (outcome instanceof DeliveryRetries.Outcome.NotConfigured) {
            throw ApiException.detail(409, "Delivery to the manufacturer is not configured");
        }
        if (outcome instanceof DeliveryRetries.Outcome.AlreadyDelivered) {
            throw ApiException.detail(409, "Order " + thirdId + " is already delivered");
        }
        if (outcome instanceof DeliveryRetries.Outcome.BeingDelivered) {
            throw ApiException.detail(409, "Order " + thirdId + " is being delivered");
        }
        throw ApiException.detail(409, "Image " + ((DeliveryRetries.Outcome.Blocked) outcome).filename() + " is blocked");
    }
}
