package com.pimpmycase.delivery;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/deliveries/retry?state=failed} (SPEC §9, admin): re-drives every {@code failed}
 * delivery at once, after a configuration incident → {@code {"retried":<n>}}. Only {@code failed}
 * may be asked for: re-driving every pending or rejected delivery is not something to do by
 * accident.
 */
@Path("/deliveries/retry")
public final class FailedDeliveriesRetryResource {

    private final DeliveryRetries retries;

    public FailedDeliveriesRetryResource(DeliveryRetries retries) {
        this.retries = retries;
    }

    @POST
    @RolesAllowed(ApiRole.ADMIN_NAME)
    public Response retryFailed(@QueryParam("state") List<String> stateValues, @Context SecurityContext security)
            throws SQLException {
        Validator v = Validator.query();
        String state = v.single(stateValues, "state");
        if (state != null && !state.equals(DeliveryState.FAILED.wireName())) {
            v.add("enum", "state", "Input should be 'failed'", state, Map.of("expected", "'failed'"));
        }
        v.throwIfInvalid();
        Principal client = security.getUserPrincipal();
        Integer retried = retries.retryFailed(client == null ? "-" : client.getName());
        if (retried == null) {
            throw ApiException.detail(409, "Delivery to the manufacturer is not configured");
        }
        return ApiResponses.json(200, Map.of("retried", retried));
    }
}
