package com.pimpmycase.console;

import com.pimpmycase.db.Transactions;
import com.pimpmycase.image.EntityTags;
import com.pimpmycase.image.StoredImage;
import com.pimpmycase.order.Order;
import com.pimpmycase.support.LinkUrl;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.web.LogText;
import com.pimpmycase.web.RequestIds;
import com.pimpmycase.web.Views;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code /console/*} (SPEC §12), behind the container's FORM login for role
 * {@value #ROLE} (web.xml): the pages on GET, the operator's actions on POST. Every POST must
 * carry the session's CSRF token (else 403, nothing done). Actions run through the same code as
 * the API ({@link ConsoleServices}, the token minter) with the operator's login name; a feature
 * that is not there yet, or a refusal, is a message on the page, never a 500.
 */
public final class ConsoleServlet extends HttpServlet {

    public static final String ROLE = "pimpmycase-operator";
    private static final Logger LOG = Logger.getLogger(ConsoleServlet.class.getName());
    private static final String ORDERS = "/orders/";
    private static final String THUMBNAILS = "/thumbnails/";

    private final ConsoleParts parts;
    private final Thumbnails thumbnails;
    private final ConsoleOrders orders;
    private final OrdersPage ordersPage;
    private final OrderPage orderPage;

    ConsoleServlet(ConsoleParts parts, Thumbnails thumbnails) {
        this.parts = parts;
        this.thumbnails = thumbnails;
        this.orders = new ConsoleOrders(parts.jdbi());
        this.ordersPage = new OrdersPage(parts, orders);
        this.orderPage = new OrderPage(parts);
    }

    /**
     * The container has signed the user in (web.xml admits any user of its realm); only an
     * operator gets further. A 403 from the container itself would be a 500 on Jetty 12.0.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        if (!request.isUserInRole(ROLE)) {
            RequestIds.assign(request, response);
            SignInServlet.containerError(request, response, 403);
            return;
        }
        ConsoleSessions.signedIn(request); // the short pre-sign-in lifetime ends here (SPEC §12)
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestIds.assign(request, response);
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getContextPath() + "/console/");
            return;
        }
        try {
            if (path.equals("/")) {
                PageShell.send(response, 200, Views.render("console/orders.jte", ordersPage.gather(request)));
            } else if (path.startsWith(ORDERS) && path.indexOf('/', ORDERS.length()) < 0) {
                showOrder(request, response, path.substring(ORDERS.length()), 200, null);
            } else if (path.equals("/link-check")) {
                PageShell.send(response, 200, linkCheck(request, "", null, null));
            } else if (path.equals("/dashboard")) {
                flushQuietly();
                PageShell.send(response, 200, Views.render("console/dashboard.jte", DashboardPage.gather(request, parts)));
            } else if (path.startsWith(THUMBNAILS)) {
                thumbnail(request, response, path.substring(THUMBNAILS.length()));
            } else {
                notFound(request, response, "There is no console page here.");
            }
        } catch (SQLException | JdbiException e) {
            unavailable(request, response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestIds.assign(request, response);
        request.setCharacterEncoding("UTF-8");
        if (!Csrf.isValid(request)) {
            LOG.warning(() -> "console refused a form without a valid CSRF token: " + LogText.escape(request.getPathInfo())
                    + " operator=" + LogText.escape(request.getRemoteUser()) + " request_id=" + RequestIds.of(request));
            PageShell.send(response, 403, PageShell.message(request, "Refused", null, "problem",
                    "This form has expired or did not come from the console. Nothing was changed. "
                            + "Go back, reload the page and try again."));
            return;
        }
        String path = String.valueOf(request.getPathInfo());
        try {
            if (path.equals("/link-check")) {
                checkLink(request, response);
            } else if (path.startsWith(ORDERS) && path.indexOf('/', ORDERS.length()) > 0) {
                int slash = path.indexOf('/', ORDERS.length());
                act(request, response, path.substring(ORDERS.length(), slash), path.substring(slash + 1));
            } else {
                notFound(request, response, "There is no console action here.");
            }
        } catch (SQLException | JdbiException e) {
            unavailable(request, response, e);
        }
    }

    private void showOrder(HttpServletRequest request, HttpServletResponse response, String thirdId, int status,
            OrderPage.Outcome outcome) throws SQLException, IOException {
        Order order = orders.find(thirdId);
        if (order == null) {
            notFound(request, response, "There is no order " + thirdId + ".");
            return;
        }
        PageShell.send(response, status, Views.render("console/order.jte", orderPage.gather(request, order, outcome)));
    }

    /** One action on one order, then the order page with what happened. */
    private void act(HttpServletRequest request, HttpServletResponse response, String thirdId, String action)
            throws SQLException, IOException {
        Order order = orders.find(thirdId);
        if (order == null) {
            notFound(request, response, "There is no order " + thirdId + ".");
            return;
        }
        String operator = request.getRemoteUser();
        OrderPage.Outcome outcome;
        int status = 200;
        try {
            outcome = switch (action) {
                case "manufacturer-link" -> freshLink(request, order, PartnerPolicies.CHINESE_MANUFACTURING);
                case "preview-link" -> freshLink(request, order, PartnerPolicies.END_USER);
                case "retry" -> OrderPage.Outcome.message("ok", parts.services().retryDelivery(thirdId, operator));
                case "revoke" -> revoke(request, order, operator);
                case "block" -> OrderPage.Outcome.message("ok",
                        parts.services().block(order.pic(), reason(request), operator));
                case "unblock" -> OrderPage.Outcome.message("ok", parts.services().unblock(order.pic(), operator));
                default -> null;
            };
        } catch (ConsoleServices.NotAvailable e) {
            outcome = OrderPage.Outcome.message("note", e.getMessage());
        } catch (ConsoleServices.Refused e) {
            outcome = OrderPage.Outcome.message("problem", e.getMessage());
            status = e.status();
        }
        if (outcome == null) {
            notFound(request, response, "There is no console action " + action + ".");
            return;
        }
        String result = outcome.kind();
        LOG.info(() -> "console action=" + LogText.escape(action) + " order=" + LogText.escape(thirdId) + " operator="
                + LogText.escape(operator) + " result=" + result + " request_id=" + RequestIds.of(request));
        showOrder(request, response, thirdId, status, outcome);
    }

    /** A fresh link, as the API would mint it: not for a missing or blocked image. */
    private OrderPage.Outcome freshLink(HttpServletRequest request, Order order, String partnerType) throws IOException {
        StoredImage image = parts.images().find(order.pic());
        if (image == null) {
            throw new ConsoleServices.Refused(404, "Image " + order.pic() + " not found");
        }
        if (parts.blocks().isBlocked(order.pic())) {
            throw new ConsoleServices.Refused(409, "Image " + order.pic() + " is blocked");
        }
        Token token = parts.minter().mint(order.pic(), partnerType);
        boolean preview = PartnerPolicies.END_USER.equals(partnerType);
        String link = preview ? parts.urls().preview(request, order.pic(), token)
                : parts.urls().image(request, order.pic(), token);
        return new OrderPage.Outcome("ok", preview ? "A new customer preview link is ready to copy."
                : "A new manufacturer link is ready to copy.", preview ? "Customer preview link (end_user)"
                : "Manufacturer link (chinese_manufacturing)", link, Instant.ofEpochSecond(token.expiresAt()));
    }

    private OrderPage.Outcome revoke(HttpServletRequest request, Order order, String operator) throws SQLException {
        LinkUrl link = pasted(request.getParameter("link"));
        if (link == null) {
            throw new ConsoleServices.Refused(422,
                    "Paste the whole link, as …/image/<file>?token=… or …/preview/<file>?token=…");
        }
        if (!link.filename().equals(order.pic())) {
            throw new ConsoleServices.Refused(422, "That link opens " + link.filename()
                    + ", not this order's design " + order.pic() + ".");
        }
        return OrderPage.Outcome.message("ok",
                parts.services().revokeLink(order.pic(), link.onlyToken(), reason(request), operator));
    }

    /** A pasted link with one file name and exactly one token (two: which one was meant?), else {@code null}. */
    static LinkUrl pasted(String text) {
        try {
            LinkUrl link = LinkUrl.find(text);
            return link.filename().isEmpty() || link.filename().contains("/") || link.onlyToken() == null ? null : link;
        } catch (LinkUrl.NotALinkException e) {
            return null;
        }
    }

    /** The optional reason; how long it may be is the revocation rules' to say, as for the API. */
    private static String reason(HttpServletRequest request) {
        return OrdersPage.blankToNull(request.getParameter("reason"));
    }

    private void checkLink(HttpServletRequest request, HttpServletResponse response)
            throws IOException, SQLException {
        String url = request.getParameter("url");
        url = url == null ? "" : url.strip();
        ConsoleServices.Explanation explanation = null;
        String problem = null;
        int status = 200;
        if (url.isEmpty()) {
            problem = "Paste a link to check.";
            status = 422;
        } else {
            try {
                explanation = parts.services().explain(url, parts.urls().base(request));
            } catch (ConsoleServices.NotAvailable e) {
                problem = e.getMessage();
            } catch (ConsoleServices.Refused e) {
                problem = e.getMessage();
                status = e.status();
            }
        }
        PageShell.send(response, status, linkCheck(request, url, explanation, problem));
    }

    private void thumbnail(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Thumbnails.Thumbnail thumbnail;
        try {
            thumbnail = thumbnails.of(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(503);
            return;
        }
        PageShell.headers(response);
        if (thumbnail == null) {
            response.setStatus(404);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("image/svg+xml");
            response.getWriter().write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 80 80\" width=\"80\" "
                    + "height=\"80\"><rect width=\"80\" height=\"80\" fill=\"#e4e4e7\"/><text x=\"40\" y=\"44\" "
                    + "font-size=\"10\" text-anchor=\"middle\" fill=\"#3f3f46\">no image</text></svg>");
            return;
        }
        if (!thumbnail.remembered()) {
            // The store failed (or this node is too busy): the placeholder for now, asked for again at the next view.
            response.setStatus(503);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Retry-After", "10");
            response.setContentType("image/png");
            response.setContentLength(thumbnail.png().length);
            response.getOutputStream().write(thumbnail.png());
            return;
        }
        // The URL names the file, not its version: the browser asks again and gets a 304 while it is the same.
        response.setHeader("Cache-Control", "private, no-cache");
        response.setHeader("ETag", thumbnail.etag());
        String match = request.getHeader("If-None-Match");
        if (match != null && EntityTags.anyMatches(match, thumbnail.etag(), false)) { // weak comparison, RFC 9110 §13.1.2
            response.setStatus(304);
            return;
        }
        response.setContentType("image/png");
        response.setContentLength(thumbnail.png().length);
        response.getOutputStream().write(thumbnail.png());
    }

    private void flushQuietly() {
        try {
            parts.counts().flush(); // this node's latest counts too
        } catch (SQLException e) {
            // the page shows what the database has; the background flush logs its own failures
        }
    }

    private static String linkCheck(HttpServletRequest request, String url, ConsoleServices.Explanation explanation,
            String problem) {
        return Views.render("console/linkCheck.jte", new LinkCheckPage(PageShell.frame(request, "Link check",
                PageShell.Section.LINK_CHECK), Csrf.token(request.getSession()), url, explanation, problem));
    }

    private static void notFound(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        PageShell.send(response, 404, PageShell.message(request, "Not found", "Not found", "problem", message));
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        // A Jdbi exception's own text holds the statement and its bound values: the database's error instead.
        Exception logged = e instanceof JdbiException jdbi ? Transactions.sqlException(jdbi) : e;
        LOG.log(Level.WARNING, "console: order database unavailable: " + logged + " request_id=" + RequestIds.of(request));
        PageShell.send(response, 503, PageShell.message(request, "Unavailable", "Try again in a moment", "problem",
                "Order store unavailable, try again."));
    }
}
