package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.console.ConsoleSignIn;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's delivery parts (SPEC §9, §12) with delivery on, against the manufacturer
 * simulator over HTTP: the order page shows the delivery record, its retry runs through the same
 * code as {@code POST /api/orders/{third_id}/delivery/retry} (same refusals, same events, the
 * operator named), and the dashboard shows the backlog and the attempts by result.
 */
class DeliveryConsoleIT {

    private static final Duration SOON = Duration.ofSeconds(15);
    private static final String IMAGE = "design-1756378358-c0501e01.png";

    private static ManufacturerSimulator simulator;
    private static DeployedWar war;
    private static ApiCaller api;

    private WebClient browser;

    @BeforeAll
    static void deploy() throws Exception {
        simulator = Deliveries.simulator();
        Path data = Files.createTempDirectory("pimpmycase-delivery-console-");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.putAll(Deliveries.manufacturerEntries(simulator));
        war = DeployedWar.start(entries);
        war.storeImage(IMAGE, TestImages.png(4, 4));
        api = new ApiCaller(war);
    }

    @AfterAll
    static void stop() throws Exception {
        if (war != null) {
            war.close();
        }
        if (simulator != null) {
            Deliveries.closeQuietly(simulator);
        }
    }

    @BeforeEach
    void signIn() throws Exception {
        browser = ConsoleSignIn.browser();
        HtmlPage orders = ConsoleSignIn.signIn(browser, war.base(), ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD,
                "embedded Jetty");
        assertEquals("Orders · PimpMyCase console", orders.getTitleText());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        simulator.clearFaults();
    }

    @Test
    void aRejectedOrderIsRetriedFromTheConsoleAsThroughTheApi() throws Exception {
        simulator.failOrder("CON-REJ-1", Fault.code(400, "mobile_model_id unknown"));
        Deliveries.submit(api, "CON-REJ-1", "PAY-CON-REJ-1", IMAGE);
        Deliveries.awaitState(api, "CON-REJ-1", "rejected", SOON);
        simulator.clearFaults();

        HtmlPage page = browser.getPage(war.base() + "/console/orders/CON-REJ-1");
        String text = page.asNormalizedText();
        assertTrue(text.contains("rejected") && text.contains("mobile_model_id unknown"), "the delivery record: " + text);

        HtmlPage retried = retry("CON-REJ-1");
        assertEquals(200, retried.getWebResponse().getStatusCode(), retried.asNormalizedText());
        assertTrue(retried.asNormalizedText().contains("will be attempted now"), retried.asNormalizedText());
        Deliveries.awaitState(api, "CON-REJ-1", "delivered", SOON);
        List<JsonNode> events = events("CON-REJ-1");
        assertEquals(List.of("stored", "delivery_attempt", "rejected", "delivery_retry", "delivery_attempt",
                "delivered"), events.stream().map(e -> e.get("kind").asText()).toList(), "the API's events");
        String retryDetail = events.get(3).get("detail").asText();
        assertTrue(retryDetail.contains(ConsoleUsers.OPERATOR), "the operator named: " + retryDetail);

        HtmlPage again = retry("CON-REJ-1");
        assertEquals(409, again.getWebResponse().getStatusCode(), "as the API's 409");
        assertTrue(again.asNormalizedText().contains("Order CON-REJ-1 is already delivered"), again.asNormalizedText());
        assertEquals(6, events("CON-REJ-1").size(), "a refused retry leaves no event");
    }

    @Test
    void theDashboardShowsTheBacklogAndTheAttemptsByResult() throws Exception {
        simulator.failOrder("CON-REJ-2", Fault.code(400, "mobile_shell_id unknown"));
        Deliveries.submit(api, "CON-REJ-2", "PAY-CON-REJ-2", IMAGE);
        Deliveries.awaitState(api, "CON-REJ-2", "rejected", SOON);

        // The dashboard and /health each show counts up to a second old: a refresh between the two
        // reads makes them differ once, so ask until both reads show the same counts.
        Eventually.await(SOON, () -> {
            HtmlPage dashboard = browser.getPage(war.base() + "/console/dashboard");
            JsonNode health = ApiCaller.json(war.get("/health")).get("checks").get("delivery");
            return List.of(List.of(figure(dashboard, "//dd[@data-figure='pending']"),
                    figure(dashboard, "//dd[@data-figure='failed']")),
                    List.of(health.get("pending").asLong(), health.get("failed").asLong()));
        }, dashboardAndHealth -> dashboardAndHealth.get(0).equals(dashboardAndHealth.get(1)),
                "the dashboard's backlog (pending, failed) as /health's");
        HtmlPage dashboard = browser.getPage(war.base() + "/console/dashboard");
        assertTrue(figure(dashboard, "//figure[@id='deliveries-rejected']//dd[@data-figure='total']") >= 1,
                dashboard.asNormalizedText());
    }

    private HtmlPage retry(String thirdId) throws Exception {
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + thirdId);
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/retry')]");
        assertNotNull(form);
        return ((DomElement) form.getFirstByXPath(".//button")).click();
    }

    private static long figure(HtmlPage page, String xpath) {
        DomElement element = page.getFirstByXPath(xpath);
        assertNotNull(element, xpath + " in " + page.asNormalizedText());
        return Long.parseLong(element.getTextContent().strip());
    }

    private static List<JsonNode> events(String thirdId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/orders/" + thirdId)).get("events").forEach(events::add);
        return events;
    }
}
