package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.web.Views;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every console page rendered from its view model without a server, a hostile value escaped on each. */
class ConsolePagesTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"&";
    private static final PageShell.Frame SIGNED_IN = new PageShell.Frame("Orders", "/cases",
            PageShell.Section.ORDERS, new PageShell.Operator(HOSTILE, "tok3n", 30));

    private static void assertEscaped(String html) {
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("&lt;script"), html);
    }

    @Test
    void theFrameHasTheNavigationAndTheSignOutForm() {
        String html = Views.render("console/message.jte",
                new PageShell.Message(SIGNED_IN, "Not found", "problem", "There is no console page here.", null, true));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<title>Orders · PimpMyCase console</title>"), html);
        assertTrue(html.contains("<script src=\"/cases/console-assets/console.js\" defer></script>"), html);
        assertTrue(html.contains("<li><a href=\"/cases/console/\" aria-current=\"page\">Orders</a></li>"
                + "<li><a href=\"/cases/console/link-check\">Link check</a></li>"), html);
        assertTrue(html.contains("<form class=\"signout\" method=\"post\" action=\"/cases/console-signout\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"tok3n\"><span class=\"who\" title=\"Signed in; "
                + "signed out after 30 idle minutes\">"), html);
        assertTrue(html.contains("<h1>Not found</h1>\n<p class=\"notice problem\" role=\"alert\">There is no console "
                + "page here.</p>\n<p><a href=\"/cases/console/\">Console home</a></p>"), html);
        assertEscaped(html);
    }

    @Test
    void aPageForAnyoneHasNoNavigation() {
        String html = Views.render("console/message.jte", new PageShell.Message(new PageShell.Frame(HOSTILE, "",
                PageShell.Section.NONE, null), null, "ok", HOSTILE, null, false));
        assertFalse(html.contains("<nav") || html.contains("signout"), html);
        assertTrue(html.contains("<p class=\"notice ok\" role=\"status\">&lt;script&gt;"), html);
        assertEscaped(html);
    }

    @Test
    void signInForm() {
        String html = Views.render("console/signIn.jte", new SignInServlet.Form(new PageShell.Frame("Sign in", "/c",
                PageShell.Section.NONE, null), "problem", HOSTILE, false, "/console-signin", 5));
        assertTrue(html.contains("<form method=\"post\" action=\"/c/console-signin\">"), html);
        assertTrue(html.contains("<p class=\"expiry\">This form expires after 5 idle minutes.</p>"), html);
        assertEscaped(html);
        String out = Views.render("console/signIn.jte", new SignInServlet.Form(new PageShell.Frame("Sign in", "/c",
                PageShell.Section.NONE, null), "ok", "You are signed out.", true, "/console-signin", 5));
        assertTrue(out.contains("<p><a href=\"/c/console/\">Sign in again</a></p>") && !out.contains("<form method"), out);
    }

    @Test
    void ordersList() {
        OrdersPage.View view = new OrdersPage.View(SIGNED_IN, HOSTILE, true, List.of(new OrdersPage.Row(
                "/cases/console/orders/o%3C1", "/cases/console/thumbnails/a.png", HOSTILE, "pay-1",
                "2026-01-01 00:00:00 UTC", "delivered", "12 (printed)", "3, last 2026-01-01 00:00:00 UTC")),
                "Downloads unavailable", "/cases/console/?before=7&q=x");
        String html = Views.render("console/orders.jte", view);
        assertTrue(html.contains("<td data-label=\"Manufacturer status\">12 (printed)</td>"), html);
        assertTrue(html.contains("<span class=\"state delivered\">delivered</span>"), html);
        assertTrue(html.contains("<a rel=\"next\" href=\"/cases/console/?before=7&amp;q=x\">Older orders</a>"), html);
        assertTrue(html.contains("<a href=\"/cases/console/\">Newest orders</a>"), html);
        assertEscaped(html);
        String empty = Views.render("console/orders.jte", new OrdersPage.View(SIGNED_IN, null, false, List.of(), null,
                null));
        assertTrue(empty.contains("<p class=\"notice note\" role=\"status\">No orders yet.</p>"), empty);
    }

    @Test
    void orderPage() {
        OrderPage.View view = new OrderPage.View(SIGNED_IN, "tok3n", HOSTILE,
                new OrderPage.Outcome("ok", "A new manufacturer link is ready to copy.", "Manufacturer link",
                        "https://h/image/a.png?token=" + HOSTILE, Instant.ofEpochSecond(0)),
                new OrderPage.Design(null, null, "/cases/image/a.png?token=1:admin:ff", "1970-01-01 00:15:00 UTC", null),
                List.of(new OrderPage.Field("third_id", HOSTILE)),
                List.of(new OrderPage.Field("Manufacturer status", "12 (printed)")),
                List.of(new OrderPage.DownloadRow("chinese_manufacturing", 2, "a", "b")), null,
                "/cases/console/orders/o1/", false, 3, List.of(new OrderPage.Event("t", "revoked", HOSTILE)));
        String html = Views.render("console/order.jte", view);
        assertTrue(html.contains("valid until 1970-01-01 00:00:00 UTC</label>"), html);
        assertTrue(html.contains("<form method=\"post\" action=\"/cases/console/orders/o1/retry\" class=\"action\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"tok3n\"><button type=\"submit\">Retry the delivery"),
                html);
        assertTrue(html.contains("action=\"/cases/console/orders/o1/block\""), html);
        assertTrue(html.contains("<dt>Manufacturer status</dt><dd>12 (printed)</dd>"), html);
        assertTrue(html.contains("<p class=\"hint omitted\">3 older repeated events are not listed"), html);
        assertTrue(html.contains("<td>chinese_manufacturing</td><td>2</td>"), html);
        assertTrue(html.contains("<img class=\"design\" src=\"/cases/image/a.png?token=1:admin:ff\""), html);
        assertEscaped(html);
    }

    @Test
    void orderPageOfABlockedImageShowsTheThumbnailAndUnblock() {
        OrderPage.View view = new OrderPage.View(SIGNED_IN, "t", "o1", null,
                new OrderPage.Design("problem", "This image is blocked", null, null, "/console/thumbnails/a.png"),
                List.of(), List.of(), List.of(), "Downloads are not counted here.", "/console/orders/o1/", true, 0,
                List.of());
        String html = Views.render("console/order.jte", view);
        assertTrue(html.contains("<img class=\"thumb\" src=\"/console/thumbnails/a.png\""), html);
        assertTrue(html.contains("action=\"/console/orders/o1/unblock\"") && !html.contains("o1/block\""), html);
        assertTrue(html.contains("<p class=\"notice note\" role=\"status\">Downloads are not counted here.</p>"), html);
    }

    @Test
    void linkCheck() {
        ConsoleServices.Explanation explanation = new ConsoleServices.Explanation(422, "token_expired", HOSTILE,
                List.of(new ConsoleServices.Check("Signature", true, "ok"), new ConsoleServices.Check("Expiry", false,
                        HOSTILE)), List.of("o 1"), "Mint a new link.");
        String html = Views.render("console/linkCheck.jte", new LinkCheckPage(SIGNED_IN, "t", HOSTILE, explanation,
                null));
        assertTrue(html.contains("<h2 id=\"verdict-h\">The link does not work: HTTP 422 <code>token_expired</code></h2>"),
                html);
        assertTrue(html.contains("<li class=\"fail\"><span class=\"mark\" aria-hidden=\"true\">✗</span> <strong>Expiry"),
                html);
        assertTrue(html.contains("<a href=\"/cases/console/orders/o%201\">o 1</a>"), html);
        assertTrue(html.contains("spellcheck=\"false\">&lt;script&gt;"), html);
        assertEscaped(html);
    }

    @Test
    void dashboard() {
        List<Instant> hours = List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"));
        DashboardPage.View view = new DashboardPage.View(SIGNED_IN, new ConsoleServices.Backlog(2, 1, 30, HOSTILE),
                null, List.of(new DashboardPage.Section("refusals", "Refusals by type",
                        List.of(Charts.bars("refusals-x", HOSTILE, "refusal", hours, new long[] {0, 4})), "none")));
        String html = Views.render("console/dashboard.jte", view);
        assertTrue(html.contains("<dd data-figure=\"pending\">2</dd><dt>Oldest waiting</dt><dd>30 s</dd>"), html);
        assertTrue(html.contains("<rect x=\"241.0\" y=\"4.0\" width=\"238.0\" height=\"116.0\"><title>01-01 01:00: 4"),
                html);
        assertTrue(html.contains("<dd data-figure=\"total\">4</dd>") && html.contains("4 (01-01 01:00 UTC)"), html);
        assertEscaped(html);
        String none = Views.render("console/dashboard.jte", new DashboardPage.View(SIGNED_IN, null, "Not here.",
                List.of(new DashboardPage.Section("deliveries", "Delivery attempts", List.of(), "No attempt."))));
        assertTrue(none.contains("<p class=\"notice note\" role=\"status\">Not here.</p>"), none);
        assertTrue(none.contains("<p>No attempt.</p>"), none);
    }

    @Test
    void valuesAsOperatorsReadThem() {
        assertTrue(ConsoleText.orDash(null).equals("—") && ConsoleText.segment("a b+c").equals("a%20b%2Bc"));
    }
}
