package com.pimpmycase.console;

import com.pimpmycase.manufacturer.ManufacturerStatus;
import com.pimpmycase.order.PayAmount;

import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.image.StoredImage;
import com.pimpmycase.order.Order;
import com.pimpmycase.order.OrderEvent;
import com.pimpmycase.order.TimelineSelection;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.UnknownPartnerTypeException;
import com.pimpmycase.web.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One order (SPEC §12): the design through a short-lived {@code admin} link, the fields, the
 * delivery record, downloads, the §11 timeline, and the operator's actions as forms.
 */
final class OrderPage {

    /** How long the design's {@code admin} link on the page lives (cut to the policy's maximum). */
    static final Duration DESIGN_LINK = Duration.ofMinutes(15);

    /** What the last action left to show: a message and, for a new link, the link itself. */
    record Outcome(String kind, String message, String linkLabel, String link, Instant linkExpires) {

        static Outcome message(String kind, String message) {
            return new Outcome(kind, message, null, null, null);
        }
    }

    private final ConsoleParts parts;

    OrderPage(ConsoleParts parts) {
        this.parts = parts;
    }

    String render(HttpServletRequest request, Order order, Outcome outcome) throws SQLException, IOException {
        String context = request.getContextPath();
        HttpSession session = request.getSession();
        String pic = order.pic();
        StoredImage image = parts.images().find(pic);
        boolean blocked = parts.blocks().isBlocked(pic);
        DeliveryRecord delivery = parts.deliveries().of(order.thirdId());
        String action = context + "/console/orders/" + Html.segment(order.thirdId()) + "/";

        StringBuilder sb = new StringBuilder(16384);
        sb.append("<p class=\"crumbs\"><a href=\"").append(context).append("/console/\">Orders</a> ›</p>\n")
                .append("<h1>Order <span class=\"id\">").append(Html.esc(order.thirdId())).append("</span></h1>\n");
        if (outcome != null) {
            sb.append(PageShell.notice(outcome.kind(), outcome.message()));
            if (outcome.link() != null) {
                sb.append("<div class=\"minted\"><label for=\"minted\">").append(Html.esc(outcome.linkLabel()))
                        .append(", valid until ").append(Html.time(outcome.linkExpires())).append("</label>\n")
                        .append("<div class=\"copyrow\"><input id=\"minted\" type=\"text\" readonly value=\"")
                        .append(Html.esc(outcome.link())).append("\">")
                        .append("<button type=\"button\" class=\"copy\" data-copy=\"minted\" hidden>Copy</button></div></div>\n");
            }
        }
        sb.append("<div class=\"order\">\n<section class=\"design\" aria-labelledby=\"design-h\"><h2 id=\"design-h\">Design</h2>\n");
        sb.append(design(request, order, image, blocked));
        sb.append("</section>\n<section aria-labelledby=\"fields-h\"><h2 id=\"fields-h\">Order data</h2>\n<dl class=\"fields\">");
        field(sb, "third_id", order.thirdId());
        field(sb, "third_pay_id", order.submission().thirdPayId());
        field(sb, "mobile_model_id", order.submission().mobileModelId());
        field(sb, "device_id", order.submission().deviceId());
        field(sb, "mobile_shell_id", order.submission().mobileShellId());
        if (order.submission().payAmount() != null) {
            field(sb, "pay_amount", PayAmount.wireText(order.submission().payAmount()));
        }
        if (order.submission().payType() != null) {
            field(sb, "pay_type", order.submission().payType());
        }
        field(sb, "pic", pic);
        field(sb, "Stored", Html.time(order.createdAt()));
        field(sb, "Image", image == null ? "missing" : image.type().mediaType() + ", " + image.length() + " bytes"
                + (blocked ? ", blocked" : ""));
        field(sb, "Payment status", parts.deliveries().paymentStatus(order.submission().thirdPayId()));
        sb.append("</dl></section>\n");

        sb.append("<section aria-labelledby=\"delivery-h\"><h2 id=\"delivery-h\">Delivery</h2>\n<dl class=\"fields\">");
        field(sb, "State", delivery.state());
        field(sb, "Attempts", delivery.attempts());
        field(sb, "Last attempt", delivery.lastAttemptAt());
        field(sb, "Next attempt", delivery.nextAttemptAt());
        field(sb, "Last error", delivery.lastError());
        field(sb, "Delivered", delivery.deliveredAt());
        field(sb, "Manufacturer order id", delivery.manufacturerOrderId());
        field(sb, "Queue no", delivery.queueNo());
        if (delivery.manufacturerPaymentId() != null) {
            field(sb, "Manufacturer payment id", delivery.manufacturerPaymentId());
        }
        field(sb, "Manufacturer status", ManufacturerStatus.describe(delivery.manufacturerStatus()));
        field(sb, "Status reported", delivery.manufacturerStatusAt());
        field(sb, "Link handed over expires", delivery.picExpiresAt() == null ? null
                : Html.time(Instant.ofEpochSecond(delivery.picExpiresAt())));
        sb.append("</dl></section>\n");

        sb.append("<section aria-labelledby=\"downloads-h\"><h2 id=\"downloads-h\">Downloads</h2>\n");
        try {
            Map<String, ConsoleServices.Downloads> downloads = parts.services().downloads(pic);
            if (downloads.isEmpty()) {
                sb.append("<p>Nobody has downloaded this design yet.</p>\n");
            } else {
                sb.append("<table><thead><tr><th scope=\"col\">Partner type</th><th scope=\"col\">Count</th>"
                        + "<th scope=\"col\">First</th><th scope=\"col\">Last</th></tr></thead><tbody>");
                downloads.forEach((type, d) -> sb.append("<tr><td>").append(Html.esc(type)).append("</td><td>")
                        .append(d.count()).append("</td><td>").append(Html.time(d.firstAt())).append("</td><td>")
                        .append(Html.time(d.lastAt())).append("</td></tr>"));
                sb.append("</tbody></table>\n");
            }
        } catch (ConsoleServices.NotAvailable e) {
            sb.append(PageShell.notice("note", e.getMessage()));
        }
        sb.append("</section>\n</div>\n");

        sb.append("<section aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">Actions</h2>\n<div class=\"actions\">\n");
        button(sb, session, action + "manufacturer-link", "New manufacturer link",
                "A fresh chinese_manufacturing link to this design, to copy.");
        button(sb, session, action + "preview-link", "New customer preview link",
                "A fresh end_user preview page link, to copy.");
        button(sb, session, action + "retry", "Retry the delivery", "Sends the order to the manufacturer again now.");
        sb.append("<form method=\"post\" action=\"").append(Html.esc(action)).append("revoke\" class=\"action wide\">")
                .append(Csrf.field(session))
                .append("<label for=\"revoke-link\">Link to revoke</label>")
                .append("<input id=\"revoke-link\" name=\"link\" type=\"text\" required autocomplete=\"off\" "
                        + "placeholder=\"https://…/image/…?token=…\">")
                .append("<label for=\"revoke-reason\">Reason (optional)</label>")
                .append("<input id=\"revoke-reason\" name=\"reason\" type=\"text\" maxlength=\"200\">")
                .append("<button type=\"submit\">Revoke this link</button></form>\n");
        if (blocked) {
            button(sb, session, action + "unblock", "Unblock the image", "Links to this design work again.");
        } else {
            sb.append("<form method=\"post\" action=\"").append(Html.esc(action)).append("block\" class=\"action wide\">")
                    .append(Csrf.field(session))
                    .append("<label for=\"block-reason\">Reason for blocking (optional)</label>")
                    .append("<input id=\"block-reason\" name=\"reason\" type=\"text\" maxlength=\"200\">")
                    .append("<button type=\"submit\" class=\"danger\">Block the image</button>")
                    .append("<p class=\"hint\">Every link to this design stops working until it is unblocked.</p></form>\n");
        }
        sb.append("</div></section>\n");

        // The same events as the API lists (a page cannot hold a flood of hundreds of thousands), with
        // what they omit counted; staff read who made an administrator's revocation, and why.
        TimelineSelection.Result timeline = parts.events().timeline(order.thirdId());
        sb.append("<section aria-labelledby=\"events-h\"><h2 id=\"events-h\">Timeline</h2>\n");
        if (timeline.omitted() > 0) {
            sb.append("<p class=\"hint omitted\">").append(timeline.omitted()).append(timeline.omitted() == 1
                    ? " older repeated event is" : " older repeated events are").append(" not listed: the order "
                    + "keeps its stored event, the latest of each kind, the last ").append(TimelineSelection.PER_KIND)
                    .append(" delivery attempts, payment and manufacturer statuses each, and the last ")
                    .append(TimelineSelection.REVOCATIONS).append(" revocations, blocks and unblocks.</p>\n");
        }
        sb.append("<ol class=\"events\">\n");
        for (OrderEvent event : timeline.shown()) {
            sb.append("<li><time>").append(Html.time(event.at())).append("</time> <span class=\"kind\">")
                    .append(event.kind() == null ? "?" : Html.esc(event.kind().wireName())).append("</span> ")
                    .append(Html.esc(event.detailForStaff())).append("</li>\n");
        }
        sb.append("</ol></section>\n");
        return sb.toString();
    }

    private String design(HttpServletRequest request, Order order, StoredImage image, boolean blocked) {
        String thumbnail = "<img class=\"thumb\" src=\"" + request.getContextPath() + "/console/thumbnails/"
                + Html.esc(Html.segment(order.pic())) + "\" alt=\"Thumbnail of the design of " + Html.esc(order.thirdId())
                + "\">\n";
        if (image == null) {
            return PageShell.notice("problem", "The image file " + order.pic() + " is missing.");
        }
        if (blocked) {
            return PageShell.notice("problem", "This image is blocked: every link to it is refused. "
                    + "The thumbnail is shown instead.") + thumbnail;
        }
        Token token;
        try {
            token = parts.minter().mint(order.pic(), PartnerPolicies.ADMIN, DESIGN_LINK);
        } catch (UnknownPartnerTypeException e) {
            return PageShell.notice("note", "No admin partner type is configured, so the design is shown as a "
                    + "thumbnail.") + thumbnail;
        }
        return "<a href=\"" + Html.esc(PublicUrls.imageOnThisHost(request, order.pic(), token))
                + "\"><img class=\"design\" src=\"" + Html.esc(PublicUrls.imageOnThisHost(request, order.pic(), token))
                + "\" alt=\"Design of order " + Html.esc(order.thirdId()) + "\"></a>\n<p class=\"hint\">Shown through an "
                + "admin link valid until " + Html.time(Instant.ofEpochSecond(token.expiresAt())) + ".</p>\n";
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(Html.orDash(value)).append("</dd>");
    }

    private static void button(StringBuilder sb, HttpSession session, String action, String label, String hint) {
        sb.append("<form method=\"post\" action=\"").append(Html.esc(action)).append("\" class=\"action\">")
                .append(Csrf.field(session)).append("<button type=\"submit\">").append(Html.esc(label))
                .append("</button><p class=\"hint\">").append(Html.esc(hint)).append("</p></form>\n");
    }
}
