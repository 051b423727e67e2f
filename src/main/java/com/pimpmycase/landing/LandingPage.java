package com.pimpmycase.landing;

import com.pimpmycase.delivery.DeliveryRecord;
import java.util.List;

/**
 * The view model of the landing page (src/main/jte/landing/landing.jte; public for the
 * precompiled template): what the service is and, on the development server only, its samples.
 *
 * @param context the context path, for the console's link
 * @param development the development server's samples, {@code null} in production
 */
public record LandingPage(String context, Development development) {

    /** One sample link and what it shows. */
    public record Link(String label, String url) {}

    /**
     * The development server's part: the sample links, the sample order's delivery (or
     * {@code null} when the database did not answer) and how to sign in to the console.
     */
    public record Development(String sampleImage, List<Link> links, String thirdId, DeliveryRecord delivery,
            String base) {

        public String operator() {
            return DevelopmentOperator.NAME;
        }

        public String password() {
            return DevelopmentOperator.PASSWORD;
        }
    }
}
