package com.pimpmycase.landing;

import com.pimpmycase.testing.Eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development landing page shows the sample's preview, and a working, an expired, a tampered
 * and a token-less image link, each behaving as labelled.
 */
class LandingPageIT {

    @TempDir
    Path data;

    private static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    @Test
    void developmentModeShowsThePreviewAndEveryOutcome() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/developmentMode", true);
        try (DeployedWar war = DeployedWar.start(entries)) {
            war.storeImage(SampleLinks.SAMPLE_IMAGE, TestImages.png(10, 20));
            HttpResponse<byte[]> page = war.get("/");
            assertEquals(200, page.statusCode());
            List<String> links = links(new String(page.body(), StandardCharsets.UTF_8));
            assertTrue(links.remove("/console/"), "the console's link: " + links); // the rest: the sample's links
            assertEquals(5, links.size(), links.toString());

            HttpResponse<byte[]> preview = war.get(links.get(0).replace(war.base(), ""));
            assertEquals(200, preview.statusCode());
            assertTrue(preview.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(200, war.get(links.get(1).replace(war.base(), "")).statusCode());
            String expired = new String(war.get(links.get(2).replace(war.base(), "")).body(), StandardCharsets.UTF_8);
            assertTrue(expired.contains("token_expired"), expired);
            String tampered = new String(war.get(links.get(3).replace(war.base(), "")).body(), StandardCharsets.UTF_8);
            assertTrue(tampered.contains("token_signature_invalid"), tampered);
            assertEquals(422, war.get(links.get(4).replace(war.base(), "")).statusCode());
        }
    }

    /** Issue 10: a newcomer sees the sample order delivered to the simulator, on the landing page. */
    @Test
    void developmentModeShowsTheSampleOrdersDelivery() throws Exception {
        try (ManufacturerSimulator simulator = ManufacturerSimulator.started("dev-factory", "dev-password",
                "dev-fixed-key", "mobileShell")) {
            Map<String, Object> entries = DeployedWar.defaultEntries(data);
            entries.put("pimpmycase/developmentMode", true);
            entries.put("pimpmycase/publicBaseUrl", "http://cases.example.net");
            entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
            entries.put("pimpmycase/manufacturer/account", "dev-factory");
            entries.put("pimpmycase/manufacturer/password", "dev-password");
            entries.put("pimpmycase/manufacturer/fixedKey", "dev-fixed-key");
            Files.createDirectories(data.resolve("images"));
            Files.write(data.resolve("images").resolve(SampleLinks.SAMPLE_IMAGE), TestImages.png(10, 20));
            try (DeployedWar war = DeployedWar.start(entries)) {
                String html = Eventually.await(java.time.Duration.ofSeconds(10),
                        () -> new String(war.get("/").body(), StandardCharsets.UTF_8),
                        page -> page.contains("<strong>delivered</strong>"), "the sample order delivered");
                assertTrue(html.contains("Order <code>ORDEVSAMPLE00001</code>"), html);
                assertTrue(html.contains("<strong>delivered</strong>, 1 attempt(s)"), html);
                assertTrue(html.contains("/api/orders/ORDEVSAMPLE00001"), html);
                assertEquals(1, simulator.received("ORDEVSAMPLE00001").accepted());
            }
        }
    }

    @Test
    void productionShowsNoLinks() throws Exception {
        try (DeployedWar war = DeployedWar.start(data)) {
            String html = new String(war.get("/").body(), StandardCharsets.UTF_8);
            assertTrue(html.contains("PimpMyCase image service"));
            assertFalse(html.contains("token="), html);
        }
    }
}
