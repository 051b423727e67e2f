package com.pimpmycase.landing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.web.Views;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The landing page rendered from its view model, without a server. */
class LandingPageTest {

    @Test
    void productionShowsNoSamples() {
        String html = Views.render("landing/landing.jte", new LandingPage("/cases", null));
        assertTrue(html.contains("<h1>PimpMyCase image service</h1>"), html);
        assertFalse(html.contains("sample"), html);
    }

    @Test
    void developmentShowsTheSamplesAndEscapesTheRecord() {
        DeliveryRecord record = new DeliveryRecord("failed", 2, null, null, "<script>x</script>", null, "m&1", null,
                null, null, null, null);
        String html = Views.render("landing/landing.jte", new LandingPage("/cases", new LandingPage.Development(
                "sample.png", List.of(new LandingPage.Link("Working", "http://h/image/sample.png?token=1:a:b")),
                "sample-order-1", record, "http://h/cases")));
        assertTrue(html.contains("<li>Working:<br><a href=\"http://h/image/sample.png?token=1:a:b\"><code>"), html);
        assertTrue(html.contains("<strong>failed</strong>, 2 attempt(s), manufacturer order <code>m&amp;1</code>, "
                + "last error: &lt;script&gt;x&lt;/script&gt;."), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<a href=\"/cases/console/\">Open the console</a>"), html);
        assertTrue(html.contains("http://h/cases/api/orders/sample-order-1</code>"), html);
    }

    @Test
    void anUnknownDeliverySaysSo() {
        String html = Views.render("landing/landing.jte", new LandingPage("", new LandingPage.Development(
                "sample.png", List.of(), "o", null, "http://h")));
        assertTrue(html.contains("Its delivery now: unknown (the database did not answer). Reload"), html);
    }
}
