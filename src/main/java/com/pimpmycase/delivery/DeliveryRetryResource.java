package com.pimpmycase.delivery;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/orders/{third_id}/delivery/retry[?force=true]} (SPEC §9, admin): attempt now,
 * with a fresh giveUpAfter clock; {@code force} re-sends even a delivered order. A root resource of
 * its own, so it sits beside whatever else lives under {@code /api/orders} (the order view)
 * without sharing a class.
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
    public Response retry(@PathParam("third_id") String thirdId, @QueryParam("force") List<String> forceValues,
            @Context SecurityContext security) throws SQLException {
        Validator v = Validator.query();
        String forceText = v.optional(forceValues, "force");
        if (forceText != null && !forceText.equals("true") && !forceText.equals("false")) {
            v.add("bool_parsing", "force", "Input should be true or false", forceText, Map.of());
        }
        v.throwIfInvalid();
        Principal client = security.getUserPrincipal();
        DeliveryRetries.Outcome outcome = retries.retry(thirdId, client == null ? "-" : client.getName(),
                "true".equals(forceText));
        if (outcome instanceof DeliveryRetries.Outcome.Started started) {
            return ApiResponses.json(202, started.record());
        }
        DeliveryRetries.Refusal refusal = DeliveryRetries.refusal(outcome, thirdId); // shared with the console
        throw ApiException.detail(refusal.status(), refusal.message());
    }
}
