package com.pimpmycase.landing;

import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.delivery.DeliveryRecords;
import com.pimpmycase.web.HtmlText;
import com.pimpmycase.web.PublicUrls;
import com.pimpmycase.web.ResponseHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The page at the context root. It says what the service is; on the development server
 * ({@code pimpmycase/developmentMode}) it also shows the sample design behind a working link,
 * an expired one and a tampered one, so a newcomer sees all three outcomes at once.
 */
public final class LandingServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(LandingServlet.class.getName());

    private final SampleLinks samples;
    private final PublicUrls urls;
    private final DeliveryRecords deliveries;

    /**
     * @param samples the development server's sample links, {@code null} in production
     * @param deliveries where the development page reads the sample order's delivery record
     */
    public LandingServlet(SampleLinks samples, PublicUrls urls, DeliveryRecords deliveries) {
        this.samples = samples;
        this.urls = urls;
        this.deliveries = deliveries;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        ResponseHeaders.privateAnswer(response);
        PrintWriter out = response.getWriter();
        out.print("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>PimpMyCase image service</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
                code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
                li{margin:.6rem 0}
                </style>
                </head>
                <body>
                <h1>PimpMyCase image service</h1>
                <p>Design images are streamed only to holders of signed, expiring links.
                Partners fetch order data from <code>/api</code>; operators watch <code>/health</code>.</p>
                """);
        if (samples != null) {
            writeSampleLinks(request, out);
        }
        out.print("</body>\n</html>\n");
    }

    private void writeSampleLinks(HttpServletRequest request, PrintWriter out) {
        String name = SampleLinks.SAMPLE_IMAGE;
        out.print("<h2>Development server: sample links</h2>\n<p>The development signing key is for "
                + "this machine only. Each link opens the sample design <code>" + name + "</code>:</p>\n<ul>\n");
        link(out, "Customer preview page (end_user, valid one hour)", urls.preview(request, name, samples.valid()));
        link(out, "Working link (end_user, valid one hour)", urls.image(request, name, samples.valid()));
        link(out, "Expired link (422 token_expired)", urls.image(request, name, samples.expired()));
        link(out, "Tampered link (422 token_signature_invalid)", urls.image(request, name, samples.tampered()));
        link(out, "No token (422 missing)", urls.imageWithoutToken(request, name));
        out.print("</ul>\n");
        writeSampleOrder(request, out);
        out.print("<h2>Operator console</h2>\n<p><a href=\"" + request.getContextPath() + "/console/\">Open the console</a>"
                + " and sign in as the development operator <code>" + DevelopmentOperator.NAME + "</code>, password <code>"
                + DevelopmentOperator.PASSWORD + "</code> (this server only).</p>\n");
    }

    /** The sample order's delivery to the manufacturer simulator (SPEC §9), as its record says now. */
    private void writeSampleOrder(HttpServletRequest request, PrintWriter out) {
        String thirdId = SampleOrder.SUBMISSION.thirdId();
        DeliveryRecord record;
        try {
            record = deliveries.of(thirdId);
        } catch (SQLException e) {
            LOG.warning(() -> "landing page: cannot read the sample order's delivery: " + e);
            record = null;
        }
        out.print("<h2>Sample order</h2>\n<p>Order <code>" + thirdId + "</code> on the sample design is stored at "
                + "start and delivered to the manufacturer simulator that runs beside this server. Its delivery now: ");
        if (record == null) {
            out.print("unknown (the database did not answer).");
        } else {
            out.print("<strong>" + HtmlText.escape(record.state()) + "</strong>, " + record.attempts() + " attempt(s)"
                    + (record.deliveredAt() == null ? "" : ", delivered at " + HtmlText.escape(record.deliveredAt()))
                    + (record.manufacturerOrderId() == null ? ""
                            : ", manufacturer order <code>" + HtmlText.escape(record.manufacturerOrderId()) + "</code>")
                    + (record.lastError() == null ? "" : ", last error: " + HtmlText.escape(record.lastError()))
                    + ".");
        }
        String base = urls.hasConfiguredBase() ? urls.base() : request.getScheme() + "://" + request.getServerName()
                + ":" + request.getServerPort() + request.getContextPath();
        out.print(" Reload to follow it. The whole order, with its delivery record and timeline:</p>\n<p><code>curl -H "
                + "'Authorization: Bearer dev-admin-key' " + HtmlText.escape(base) + "/api/orders/" + thirdId
                + "</code></p>\n");
    }

    private static void link(PrintWriter out, String label, String url) {
        // URLs are built from a checked filename and token characters: nothing to escape.
        out.print("<li>" + label + ":<br><a href=\"" + url + "\"><code>" + url + "</code></a></li>\n");
    }
}
