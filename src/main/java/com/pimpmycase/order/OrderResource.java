package com.pimpmycase.order;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.CurrentRequest;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.PublicUrls;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order data API of SPEC §4: submit, fetch with a fresh token, poll. */
@Path("/chinese")
public final class OrderResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final OrderStore store;
    private final ImageStore images;
    private final TokenMinter minter;
    private final PublicUrls urls;
    private final OrderCursor cursors;
    private final ImageBlocks blocks;
    /** §4: with the payData flow on submit, an order without pay_amount is 422. */
    private final boolean payAmountRequired;

    public OrderResource(OrderStore store, ImageStore images, TokenMinter minter, PublicUrls urls,
            OrderCursor cursors, ImageBlocks blocks, boolean payAmountRequired) {
        this.payAmountRequired = payAmountRequired;
        this.store = store;
        this.images = images;
        this.minter = minter;
        this.urls = urls;
        this.cursors = cursors;
        this.blocks = blocks;
    }

    /** 201 stored now; 200 the identical order again; 409 same third_id, other data. */
    @POST
    @Path("order/orderData")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ApiRole.SHOP_NAME, ApiRole.ADMIN_NAME})
    public Response submit(InputStream body, @Context HttpServletRequest request) throws IOException, SQLException {
        OrderSubmission submission = OrderSubmissionParser.parse(body, payAmountRequired);
        if (!images.exists(submission.pic())) {
            throw ApiException.unprocessable(FieldError.of("image_not_found", List.of("body", "pic"),
                    "No stored image is called " + submission.pic() + "; upload it first", submission.pic()));
        }
        SubmissionOutcome outcome = store.submit(submission);
        if (outcome instanceof SubmissionOutcome.Conflict) {
            throw ApiException.detail(409, "Order " + submission.thirdId() + " already exists with different data");
        }
        int status = outcome instanceof SubmissionOutcome.Created ? 201 : 200;
        return ApiResponses.json(status, view(outcome.order(), request));
    }

    /** The order with a new token each time: how a partner regenerates an expired link. */
    @GET
    @Path("order/orderData")
    @RolesAllowed({ApiRole.MANUFACTURER_NAME, ApiRole.ADMIN_NAME})
    public Response fetch(@QueryParam("third_id") List<String> thirdIds) throws SQLException {
        Validator v = Validator.query();
        String given = v.single(thirdIds, "third_id");
        String thirdId = given == null ? null : v.id("third_id", given);
        v.throwIfInvalid();
        Order order = store.find(thirdId);
        if (order == null) {
            throw ApiException.detail(404, "Order not found");
        }
        return ApiResponses.json(200, view(order, CurrentRequest.get()));
    }

    /** Orders in store order after a cursor; {@code next} always resumes without a miss or a repeat. */
    @GET
    @Path("orders")
    @RolesAllowed({ApiRole.MANUFACTURER_NAME, ApiRole.ADMIN_NAME})
    public Response poll(@QueryParam("after") List<String> afterValues, @QueryParam("limit") List<String> limitValues)
            throws SQLException {
        Validator v = Validator.query();
        String after = v.optional(afterValues, "after");
        long afterSeq = 0;
        if (after != null) {
            afterSeq = cursors.positionOf(after);
            if (afterSeq < 0) {
                v.add("cursor_invalid", "after", "Cursor was not issued by this service; start without one", after);
            }
        }
        String limitText = v.optional(limitValues, "limit");
        Long limit = limitText == null ? Long.valueOf(DEFAULT_LIMIT) : v.wholeNumber(limitText, "limit", 1, MAX_LIMIT, false);
        v.throwIfInvalid();

        List<Order> orders = store.after(afterSeq, limit.intValue());
        HttpServletRequest request = CurrentRequest.get();
        List<OrderData> views = new ArrayList<>(orders.size());
        for (Order order : orders) {
            views.add(view(order, request));
        }
        String next = orders.isEmpty()
                ? (after != null ? after : cursors.issue(afterSeq))
                : cursors.issue(orders.get(orders.size() - 1).seq());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orders", views);
        body.put("next", next);
        return ApiResponses.json(200, body);
    }

    private OrderData view(Order order, HttpServletRequest request) {
        if (blocks.isBlocked(order.pic())) {
            return OrderData.withoutLink(order); // SPEC §10: no link to a blocked image, not even a refused one
        }
        Token token = minter.mint(order.pic(), PartnerPolicies.CHINESE_MANUFACTURING);
        return OrderData.of(order, urls.image(request, order.pic(), token), token);
    }
}
