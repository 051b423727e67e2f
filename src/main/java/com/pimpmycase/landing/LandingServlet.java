package com.pimpmycase.landing;

import com.pimpmycase.delivery.DeliveryRecord;
import com.pimpmycase.delivery.DeliveryRecords;
import com.pimpmycase.web.PublicUrls;
import com.pimpmycase.web.ResponseHeaders;
import com.pimpmycase.web.Views;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
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
        LandingPage page = new LandingPage(request.getContextPath(), samples == null ? null : development(request));
        response.getWriter().print(Views.render("landing/landing.jte", page));
    }

    private LandingPage.Development development(HttpServletRequest request) {
        String name = SampleLinks.SAMPLE_IMAGE;
        List<LandingPage.Link> links = List.of(
                new LandingPage.Link("Customer preview page (end_user, valid one hour)",
                        urls.preview(request, name, samples.valid())),
                new LandingPage.Link("Working link (end_user, valid one hour)", urls.image(request, name, samples.valid())),
                new LandingPage.Link("Expired link (422 token_expired)", urls.image(request, name, samples.expired())),
                new LandingPage.Link("Tampered link (422 token_signature_invalid)",
                        urls.image(request, name, samples.tampered())),
                new LandingPage.Link("No token (422 missing)", urls.imageWithoutToken(request, name)));
        String base = urls.hasConfiguredBase() ? urls.base() : request.getScheme() + "://" + request.getServerName()
                + ":" + request.getServerPort() + request.getContextPath();
        return new LandingPage.Development(name, links, SampleOrder.SUBMISSION.thirdId(), sampleDelivery(), base);
    }

    /** The sample order's delivery to the manufacturer simulator (SPEC §9) as its record says now; null if unknown. */
    private DeliveryRecord sampleDelivery() {
        try {
            return deliveries.of(SampleOrder.SUBMISSION.thirdId());
        } catch (SQLException e) {
            LOG.warning(() -> "landing page: cannot read the sample order's delivery: " + e);
            return null;
        }
    }
}
