package com.pimpmycase.console;

import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.manufacturer.ManufacturerStatus;
import com.pimpmycase.order.Order;
import com.pimpmycase.token.PartnerPolicies;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The orders list (SPEC §12): newest first, 50 a page, searchable by either id, one row per order.
 * Gathers the {@link View} that src/main/jte/console/orders.jte renders.
 */
public final class OrdersPage {

    /**
     * The list: the search kept, whether it is narrowed (search or an older page), the rows, why
     * downloads are missing (or {@code null}) and the next page's link (or {@code null}).
     */
    public record View(PageShell.Frame frame, String search, boolean narrowed, List<Row> rows,
            String downloadsMissing, String olderHref) {}

    /** One order as the list shows it. */
    public record Row(String href, String thumbnail, String thirdId, String thirdPayId, String stored, String state,
            String manufacturerStatus, String downloads) {}

    private final ConsoleParts parts;
    private final ConsoleOrders orders;

    OrdersPage(ConsoleParts parts, ConsoleOrders orders) {
        this.parts = parts;
        this.orders = orders;
    }

    View gather(HttpServletRequest request) throws SQLException {
        String context = request.getContextPath();
        String search = blankToNull(request.getParameter("q"));
        Long before = number(request.getParameter("before"));
        ConsoleOrders.Page page = orders.newest(before, search);
        String downloadsMissing = null;
        List<Row> rows = new ArrayList<>(page.orders().size());
        for (Order order : page.orders()) {
            DeliveryRecord delivery = parts.deliveries().of(order.thirdId());
            String downloads;
            try {
                Map<String, ConsoleServices.Downloads> all = parts.services().downloads(order.pic());
                ConsoleServices.Downloads factory = all.get(PartnerPolicies.CHINESE_MANUFACTURING);
                downloads = factory == null ? "0" : factory.count() + ", last " + ConsoleText.time(factory.lastAt());
            } catch (ConsoleServices.NotAvailable e) {
                downloads = "—";
                downloadsMissing = e.getMessage();
            }
            rows.add(new Row(context + "/console/orders/" + ConsoleText.segment(order.thirdId()),
                    context + "/console/thumbnails/" + ConsoleText.segment(order.pic()), order.thirdId(),
                    order.submission().thirdPayId(), ConsoleText.time(order.createdAt()), delivery.state(),
                    ConsoleText.orDash(ManufacturerStatus.describe(delivery.manufacturerStatus())), downloads));
        }
        String older = page.olderThan() == null ? null : context + "/console/?before=" + page.olderThan()
                + (search == null ? "" : "&q=" + ConsoleText.segment(search));
        return new View(PageShell.frame(request, "Orders", PageShell.Section.ORDERS), search,
                search != null || before != null, rows, downloadsMissing, older);
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
