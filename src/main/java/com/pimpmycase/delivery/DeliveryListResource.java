package com.pimpmycase.delivery;

import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code GET /api/deliveries?state=&limit=} (SPEC §9, admin): delivery records, oldest order first. */
@Path("/deliveries")
public final class DeliveryListResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final String STATES = Arrays.stream(DeliveryState.values())
            .map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", "));

    private final JdbcDeliveryRecords records;

    public DeliveryListResource(JdbcDeliveryRecords records) {
        this.records = records;
    }

    @GET
    @RolesAllowed(ApiRole.ADMIN_NAME)
    public Response list(@QueryParam("state") List<String> stateValues, @QueryParam("limit") List<String> limitValues)
            throws SQLException {
        Validator v = Validator.query();
        String stateText = v.optional(stateValues, "state");
        DeliveryState state = stateText == null ? null : DeliveryState.of(stateText);
        if (stateText != null && state == null) {
            v.add("enum", "state", "Input should be one of " + STATES, stateText, Map.of("expected", STATES));
        }
        String limitText = v.optional(limitValues, "limit");
        Long limit = limitText == null ? Long.valueOf(DEFAULT_LIMIT) : v.wholeNumber(limitText, "limit", 1, MAX_LIMIT, false);
        v.throwIfInvalid();

        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (JdbcDeliveryRecords.Listed listed : records.list(state, limit.intValue())) {
            deliveries.add(view(listed.thirdId(), listed.record()));
        }
        return ApiResponses.json(200, Map.of("deliveries", deliveries));
    }

    /** {@code {"third_id", …the record's fields}}. */
    static Map<String, Object> view(String thirdId, DeliveryRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("third_id", thirdId);
        view.put("state", record.state());
        view.put("attempts", record.attempts());
        view.put("last_attempt_at", record.lastAttemptAt());
        view.put("next_attempt_at", record.nextAttemptAt());
        view.put("last_error", record.lastError());
        view.put("delivered_at", record.deliveredAt());
        view.put("manufacturer_order_id", record.manufacturerOrderId());
        view.put("queue_no", record.queueNo());
        view.put("manufacturer_status", record.manufacturerStatus());
        view.put("manufacturer_status_at", record.manufacturerStatusAt());
        view.put("pic_expires_at", record.picExpiresAt());
        view.put("manufacturer_payment_id", record.manufacturerPaymentId());
        return view;
    }
}
