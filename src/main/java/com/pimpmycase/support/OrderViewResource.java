package com.pimpmycase.support;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.delivery.DeliveryRecords;
import com.pimpmycase.download.DownloadCounter;
import com.pimpmycase.download.DownloadTally;
import com.pimpmycase.download.DownloadTimes;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.image.StoredImage;
import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderEvent;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderStore;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.order.PayAmount;
import com.pimpmycase.order.TimelineSelection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/orders/{third_id}} (SPEC §11): everything support needs about one order, the
 * order as stored, its image, its delivery and payment, its downloads and its timeline.
 *
 * <p>Mapped as the root resource {@code orders/{third_id}} with no sub-path: it then coexists with
 * any mapping of the delivery retry ({@code orders}, {@code orders/{third_id}} or the full path),
 * as tried on Jersey 3.1.12; {@code orders} + {@code {third_id}} would be hidden by a retry
 * resource at {@code orders/{third_id}}.
 */
@Path("orders/{third_id}")
public final class OrderViewResource {

    private final OrderStore orders;
    private final OrderEvents events;
    private final ImageStore images;
    private final ImageBlocks blocks;
    private final DeliveryRecords deliveries;
    private final DownloadCounter downloads;

    public OrderViewResource(OrderStore orders, OrderEvents events, ImageStore images, ImageBlocks blocks,
            DeliveryRecords deliveries, DownloadCounter downloads) {
        this.orders = orders;
        this.events = events;
        this.images = images;
        this.blocks = blocks;
        this.deliveries = deliveries;
        this.downloads = downloads;
    }

    @GET
    @RolesAllowed({ApiRole.SHOP_NAME, ApiRole.ADMIN_NAME})
    public Response view(@PathParam("third_id") String given) throws SQLException, IOException {
        Validator v = Validator.path();
        String thirdId = v.id("third_id", given);
        v.throwIfInvalid();
        Order order = orders.find(thirdId);
        if (order == null) {
            throw ApiException.detail(404, "Order not found");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order", order(order));
        body.put("image", image(order.pic()));
        body.put("delivery", deliveries.of(thirdId));
        body.put("payment_status", deliveries.paymentStatus(order.submission().thirdPayId()));
        body.put("downloads", downloads(order.pic()));
        TimelineSelection.Result timeline = events.timeline(thirdId);
        body.put("events", events(timeline));
        body.put("events_omitted", timeline.omitted());
        return ApiResponses.json(200, body);
    }

    /** The six fields as submitted, {@code pic} the filename, and when it was stored. */
    private static Map<String, Object> order(Order order) {
        OrderSubmission s = order.submission();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("third_pay_id", s.thirdPayId());
        fields.put("third_id", s.thirdId());
        fields.put("mobile_model_id", s.mobileModelId());
        fields.put("pic", s.pic());
        fields.put("device_id", s.deviceId());
        fields.put("mobile_shell_id", s.mobileShellId());
        // §4's optional payment fields, only when the shop gave them: other orders read as before.
        if (s.payAmount() != null) {
            fields.put("pay_amount", PayAmount.forWire(s.payAmount()));
        }
        if (s.payType() != null) {
            fields.put("pay_type", s.payType());
        }
        fields.put("created_at", order.createdAt().toString());
        return fields;
    }

    private Map<String, Object> image(String filename) throws IOException {
        StoredImage stored = images.find(filename);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("filename", filename);
        image.put("exists", stored != null);
        image.put("bytes", stored == null ? null : stored.length());
        image.put("content_type", stored == null ? null : stored.type().mediaType());
        image.put("blocked", blocks.isBlocked(filename));
        return image;
    }

    private Map<String, Object> downloads(String filename) throws SQLException {
        Map<String, Object> byPartner = new LinkedHashMap<>();
        for (Map.Entry<String, DownloadTally> e : downloads.totals(filename).entrySet()) {
            Map<String, Object> tally = new LinkedHashMap<>();
            tally.put("count", e.getValue().count());
            tally.put("first_at", DownloadTimes.text(e.getValue().firstAt()));
            tally.put("last_at", DownloadTimes.text(e.getValue().lastAt()));
            byPartner.put(e.getKey(), tally);
        }
        return byPartner;
    }

    /**
     * The listed events ({@link TimelineSelection}), each with the {@code detail} everyone reads:
     * never an administrator's name or reason, which only the console shows (staff).
     */
    private static List<Map<String, Object>> events(TimelineSelection.Result selected) {
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (OrderEvent event : selected.shown()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", DownloadTimes.text(event.at()));
            entry.put("kind", event.kind() == null ? null : event.kind().wireName());
            entry.put("detail", event.detail());
            timeline.add(entry);
        }
        return timeline;
    }
}
