package com.pimpmycase.console;

import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.image.StoredImage;
import com.pimpmycase.manufacturer.ManufacturerStatus;
import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderEvent;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.order.PayAmount;
import com.pimpmycase.order.TimelineSelection;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.UnknownPartnerTypeException;
import com.pimpmycase.web.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One order (SPEC §12): the design through a short-lived {@code admin} link, the fields, the
 * delivery record, downloads, the §11 timeline, and the operator's actions as forms. Gathers the
 * {@link View} from the services; src/main/jte/console/order.jte writes it.
 */
public final class OrderPage {

    /** How long the design's {@code admin} link on the page lives (cut to the policy's maximum). */
    static final Duration DESIGN_LINK = Duration.ofMinutes(15);

    /** What the last action left to show: a message and, for a new link, the link itself. */
    public record Outcome(String kind, String message, String linkLabel, String link, Instant linkExpires) {

        static Outcome message(String kind, String message) {
            return new Outcome(kind, message, null, null, null);
        }

        public String linkValidUntil() {
            return ConsoleText.time(linkExpires);
        }
    }

    /** One name and its value ({@code —} for none). */
    public record Field(String name, String value) {}

    /**
     * How the design is shown: a notice (or none), then the image through an admin link valid
     * until {@code linkUntil}, else the thumbnail, else nothing (the image is missing).
     */
    public record Design(String noticeKind, String notice, String imageUrl, String linkUntil, String thumbnail) {}

    /** Downloads by one partner type. */
    public record DownloadRow(String partnerType, long count, String first, String last) {}

    /** One event of the timeline as staff read it. */
    public record Event(String at, String kind, String detail) {}

    /** Everything the order page shows; {@code downloadsMissing} says why downloads cannot be listed. */
    public record View(PageShell.Frame frame, String csrf, String thirdId, Outcome outcome, Design design,
            List<Field> fields, List<Field> delivery, List<DownloadRow> downloads, String downloadsMissing,
            String actionBase, boolean blocked, long omitted, List<Event> events) {

        /** Where one of the order's actions posts. */
        public String action(String name) {
            return actionBase + name;
        }

        public int perKind() {
            return TimelineSelection.PER_KIND;
        }

        public int revocations() {
            return TimelineSelection.REVOCATIONS;
        }
    }

    private final ConsoleParts parts;

    OrderPage(ConsoleParts parts) {
        this.parts = parts;
    }

    View gather(HttpServletRequest request, Order order, Outcome outcome) throws SQLException, IOException {
        String pic = order.pic();
        StoredImage image = parts.images().find(pic);
        boolean blocked = parts.blocks().isBlocked(pic);
        DeliveryRecord delivery = parts.deliveries().of(order.thirdId());
        List<DownloadRow> downloads = new ArrayList<>();
        String downloadsMissing = null;
        try {
            Map<String, ConsoleServices.Downloads> byType = parts.services().downloads(pic);
            byType.forEach((type, d) -> downloads.add(new DownloadRow(type, d.count(), ConsoleText.time(d.firstAt()),
                    ConsoleText.time(d.lastAt()))));
        } catch (ConsoleServices.NotAvailable e) {
            downloadsMissing = e.getMessage();
        }
        // The same events as the API lists (a page cannot hold a flood of hundreds of thousands), with
        // what they omit counted; staff read who made an administrator's revocation, and why.
        TimelineSelection.Result timeline = parts.events().timeline(order.thirdId());
        List<Event> events = timeline.shown().stream().map(OrderPage::event).toList();
        return new View(PageShell.frame(request, "Order " + order.thirdId(), PageShell.Section.ORDERS),
                Csrf.token(request.getSession()), order.thirdId(), outcome, design(request, order, image, blocked),
                fields(order, image, blocked), delivery(delivery), downloads, downloadsMissing,
                request.getContextPath() + "/console/orders/" + ConsoleText.segment(order.thirdId()) + "/", blocked,
                timeline.omitted(), events);
    }

    private Design design(HttpServletRequest request, Order order, StoredImage image, boolean blocked) {
        String thumbnail = request.getContextPath() + "/console/thumbnails/" + ConsoleText.segment(order.pic());
        if (image == null) {
            return new Design("problem", "The image file " + order.pic() + " is missing.", null, null, null);
        }
        if (blocked) {
            return new Design("problem", "This image is blocked: every link to it is refused. "
                    + "The thumbnail is shown instead.", null, null, thumbnail);
        }
        Token token;
        try {
            token = parts.minter().mint(order.pic(), PartnerPolicies.ADMIN, DESIGN_LINK);
        } catch (UnknownPartnerTypeException e) {
            return new Design("note", "No admin partner type is configured, so the design is shown as a thumbnail.",
                    null, null, thumbnail);
        }
        return new Design(null, null, PublicUrls.imageOnThisHost(request, order.pic(), token),
                ConsoleText.time(Instant.ofEpochSecond(token.expiresAt())), null);
    }

    private List<Field> fields(Order order, StoredImage image, boolean blocked) throws SQLException {
        OrderSubmission submission = order.submission();
        List<Field> fields = new ArrayList<>();
        field(fields, "third_id", order.thirdId());
        field(fields, "third_pay_id", submission.thirdPayId());
        field(fields, "mobile_model_id", submission.mobileModelId());
        field(fields, "device_id", submission.deviceId());
        field(fields, "mobile_shell_id", submission.mobileShellId());
        if (submission.payAmount() != null) {
            field(fields, "pay_amount", PayAmount.wireText(submission.payAmount()));
        }
        if (submission.payType() != null) {
            field(fields, "pay_type", submission.payType());
        }
        field(fields, "pic", order.pic());
        field(fields, "Stored", ConsoleText.time(order.createdAt()));
        field(fields, "Image", image == null ? "missing" : image.type().mediaType() + ", " + image.length() + " bytes"
                + (blocked ? ", blocked" : ""));
        field(fields, "Payment status", parts.deliveries().paymentStatus(submission.thirdPayId()));
        return fields;
    }

    private static List<Field> delivery(DeliveryRecord delivery) {
        List<Field> fields = new ArrayList<>();
        field(fields, "State", delivery.state());
        field(fields, "Attempts", delivery.attempts());
        field(fields, "Last attempt", delivery.lastAttemptAt());
        field(fields, "Next attempt", delivery.nextAttemptAt());
        field(fields, "Last error", delivery.lastError());
        field(fields, "Delivered", delivery.deliveredAt());
        field(fields, "Manufacturer order id", delivery.manufacturerOrderId());
        field(fields, "Queue no", delivery.queueNo());
        if (delivery.manufacturerPaymentId() != null) {
            field(fields, "Manufacturer payment id", delivery.manufacturerPaymentId());
        }
        field(fields, "Manufacturer status", ManufacturerStatus.describe(delivery.manufacturerStatus()));
        field(fields, "Status reported", delivery.manufacturerStatusAt());
        field(fields, "Link handed over expires", delivery.picExpiresAt() == null ? null
                : ConsoleText.time(Instant.ofEpochSecond(delivery.picExpiresAt())));
        return fields;
    }

    private static Event event(OrderEvent event) {
        return new Event(ConsoleText.time(event.at()), event.kind() == null ? "?" : event.kind().wireName(),
                event.detailForStaff());
    }

    private static void field(List<Field> fields, String name, Object value) {
        fields.add(new Field(name, ConsoleText.orDash(value)));
    }
}
