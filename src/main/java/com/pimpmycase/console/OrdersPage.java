package com.pimpmycase.console;

import com.pimpmycase.manufacturer.ManufacturerStatus;
import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.order.Order;
import com.pimpmycase.token.PartnerPolicies;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.Map;

/** The orders list (SPEC §12): newest first, 50 a page, searchable by either id, one row per order. */
final class OrdersPage {

    private final ConsoleParts parts;
    private final ConsoleOrders orders;

    OrdersPage(ConsoleParts parts, ConsoleOrders orders) {
        this.parts = parts;
        this.orders = orders;
    }

    String render(HttpServletRequest request) throws SQLException {
        String context = request.getContextPath();
        String search = blankToNull(request.getParameter("q"));
        Long before = number(request.getParameter("before"));
        ConsoleOrders.Page page = orders.newest(before, search);
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<h1>Orders</h1>\n<form class=\"search\" method=\"get\" action=\"").append(context)
                .append("/console/\" role=\"search\">\n<label for=\"q\">Order id or payment id</label>\n")
                .append("<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"64\" value=\"").append(Html.esc(search))
                .append("\" placeholder=\"third_id or third_pay_id\" autocomplete=\"off\">\n")
                .append("<button type=\"submit\">Search</button>\n");
        if (search != null || before != null) {
            sb.append("<a href=\"").append(context).append("/console/\">Newest orders</a>\n");
        }
        sb.append("</form>\n");
        if (page.orders().isEmpty()) {
            sb.append(PageShell.notice("note", search == null ? "No orders yet." : "No order has the id " + search + "."));
            return sb.toString();
        }
        String downloadsMissing = null;
        sb.append("<table class=\"orders\">\n<caption>").append(search == null ? "Newest first" : "Orders with id "
                + Html.esc(search)).append("</caption>\n<thead><tr><th scope=\"col\">Design</th><th scope=\"col\">Order</th>"
                + "<th scope=\"col\">Stored</th><th scope=\"col\">Delivery</th><th scope=\"col\">Manufacturer status</th>"
                + "<th scope=\"col\">Manufacturer downloads</th></tr></thead>\n<tbody>\n");
        for (Order order : page.orders()) {
            DeliveryRecord delivery = parts.deliveries().of(order.thirdId());
            String downloads;
            try {
                Map<String, ConsoleServices.Downloads> all = parts.services().downloads(order.pic());
                ConsoleServices.Downloads factory = all.get(PartnerPolicies.CHINESE_MANUFACTURING);
                downloads = factory == null ? "0" : factory.count() + ", last " + Html.time(factory.lastAt());
            } catch (ConsoleServices.NotAvailable e) {
                downloads = "—";
                downloadsMissing = e.getMessage();
            }
            String link = context + "/console/orders/" + Html.segment(order.thirdId());
            sb.append("<tr><td data-label=\"Design\"><a href=\"").append(Html.esc(link)).append("\" tabindex=\"-1\">")
                    .append("<img class=\"thumb\" src=\"").append(context).append("/console/thumbnails/")
                    .append(Html.esc(Html.segment(order.pic()))).append("\" alt=\"Design of ")
                    .append(Html.esc(order.thirdId())).append("\" loading=\"lazy\" width=\"80\" height=\"80\"></a></td>")
                    .append("<td data-label=\"Order\"><a href=\"").append(Html.esc(link)).append("\" class=\"id\">")
                    .append(Html.esc(order.thirdId())).append("</a><br><span class=\"id small\">")
                    .append(Html.esc(order.submission().thirdPayId())).append("</span></td>")
                    .append("<td data-label=\"Stored\">").append(Html.time(order.createdAt())).append("</td>")
                    .append("<td data-label=\"Delivery\"><span class=\"state ").append(Html.esc(delivery.state()))
                    .append("\">").append(Html.esc(delivery.state())).append("</span></td>")
                    .append("<td data-label=\"Manufacturer status\">").append(Html.orDash(ManufacturerStatus.describe(delivery.manufacturerStatus())))
                    .append("</td><td data-label=\"Manufacturer downloads\">").append(downloads).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        if (downloadsMissing != null) {
            sb.append(PageShell.notice("note", downloadsMissing));
        }
        if (page.olderThan() != null) {
            sb.append("<p class=\"pager\"><a rel=\"next\" href=\"").append(context).append("/console/?before=")
                    .append(page.olderThan()).append(search == null ? "" : "&amp;q=" + Html.esc(Html.segment(search)))
                    .append("\">Older orders</a></p>\n");
        }
        return sb.toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
