package com.pimpmycase.support;

import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.console.ConsoleSignIn;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 items 2 and 5 over HTTP against the packaged WAR (embedded Jetty; the database an H2
 * bound as {@code jdbc/pimpmycase}, so the test can also write what delivery and the
 * manufacturer's reports would): no caller can push an order's lifecycle out of its §11 timeline
 * (API and console), and a shop never reads an administrator's or operator's name or reason.
 */
class TimelineBoundsIT {

    static final AtomicInteger ORDERS = new AtomicInteger();
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());

    @TempDir
    static Path data;
    static JdbcDataSource database;
    static DeployedWar war;
    static ApiCaller api;

    @BeforeAll
    static void deploy() throws Exception {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:timelinebounds;DB_CLOSE_DELAY=-1");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        // Not the H2 object itself: JNDI would rebuild it from its Reference in the WAR's class
        // loader, whose H2 has in-memory databases of its own. A plain DataSource is bound as is.
        DataSource shared = (DataSource) Proxy.newProxyInstance(TimelineBoundsIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        entries.put("jdbc/pimpmycase", shared);
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
        try (Connection c = database.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    /** A new order on an image of its own (stored through the API): its third_id and filename. */
    static String[] newOrder() throws Exception {
        int n = ORDERS.incrementAndGet();
        String thirdId = "OTLB" + n;
        String image = "order-" + thirdId + "-final-1764313200-" + String.format("%08x", 0xa1000000 + n) + ".png";
        war.storeImage(image, TestImages.png(8, 8));
        HttpResponse<byte[]> stored = api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PAY-" + thirdId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                        + "\"pic\":\"" + image + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), text(stored));
        return new String[] {thirdId, image};
    }

    /** Events as the delivery and the manufacturer's reports write them (those parts are others'). */
    static void events(String thirdId, String kind, int times) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO order_events (third_id, at, kind, detail) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < times; i++) {
                insert.setString(1, thirdId);
                insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                insert.setString(3, kind);
                insert.setString(4, kind + " " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static HttpResponse<byte[]> revoke(String key, String filename, Token token, String reason) throws Exception {
        ObjectNode body = ApiCaller.JSON.createObjectNode().put("filename", filename);
        if (token != null) {
            body.put("token", token.text());
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return api.postJson(key, "/api/revocations", body.toString());
    }

    /** A distinct customer link to {@code filename} (each its own exp). */
    static Token customerLink(String filename, int n) {
        return MINTER.mint(filename, PartnerPolicies.END_USER, Duration.ofMinutes(30).plusSeconds(n));
    }

    static JsonNode view(String key, String thirdId) throws Exception {
        HttpResponse<byte[]> response = api.get(key, "/api/orders/" + thirdId);
        assertEquals(200, response.statusCode(), text(response));
        return json(response);
    }

    static Map<String, Integer> kinds(JsonNode view) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        view.get("events").forEach(e -> kinds.merge(e.get("kind").asText(), 1, Integer::sum));
        return kinds;
    }

    static List<String> details(JsonNode view, String kind) {
        List<String> details = new java.util.ArrayList<>();
        view.get("events").forEach(e -> {
            if (e.get("kind").asText().equals(kind)) {
                details.add(e.get("detail").asText());
            }
        });
        return details;
    }

    static WebClient signedIn() throws Exception {
        WebClient browser = ConsoleSignIn.browser();
        ConsoleSignIn.signIn(browser, war.base(), ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD, "embedded Jetty");
        return browser;
    }

    // ---- item 2: nothing a caller does buries the lifecycle

    @Test
    void aShopRevokingTwoHundredCustomerLinksLeavesStoredAndDeliveredInView() throws Exception {
        String[] order = newOrder();
        events(order[0], "delivery_attempt", 1);
        events(order[0], "delivered", 1);
        for (int i = 0; i < 200; i++) {
            HttpResponse<byte[]> revoked = revoke(SHOP_KEY, order[1], customerLink(order[1], i), "spam " + i);
            assertEquals(201, revoked.statusCode(), text(revoked));
        }
        for (String key : List.of(SHOP_KEY, ADMIN_KEY)) {
            JsonNode view = view(key, order[0]);
            assertEquals(Map.of("stored", 1, "delivery_attempt", 1, "delivered", 1, "link_revoked", 20), kinds(view));
            assertEquals(180, view.get("events_omitted").asLong(), view.toString());
            assertEquals("stored", view.get("events").get(0).get("kind").asText(), "oldest first");
            assertTrue(details(view, "link_revoked").get(19).endsWith("revoked by webshop: spam 199"),
                    "the last 20, a shop's own with its name and reason: " + details(view, "link_revoked"));
        }
        try (WebClient browser = signedIn()) {
            HtmlPage page = browser.getPage(war.base() + "/console/orders/" + order[0]);
            String timeline = ((DomElement) page.getFirstByXPath("//section[@aria-labelledby='events-h']"))
                    .asNormalizedText();
            assertTrue(timeline.contains("stored") && timeline.contains("delivered"), timeline);
            assertTrue(timeline.contains("180 older repeated events are not listed"), timeline);
            assertEquals(23, page.getByXPath("//ol[@class='events']/li").size(), "the API's list");
        }
    }

    @Test
    void anAdminsFloodOfBlocksAndUnblocksKeepsTheLatestOfEachAndTwentyTogether() throws Exception {
        String[] order = newOrder();
        for (int i = 0; i < 15; i++) {
            HttpResponse<byte[]> block = revoke(ADMIN_KEY, order[1], null, "takedown " + i);
            assertEquals(201, block.statusCode(), text(block));
            String id = json(block).get("id").asText();
            assertEquals(204, war.send(HttpRequest.newBuilder(war.uri("/api/revocations/" + id)).DELETE()
                    .header("Authorization", "Bearer " + ADMIN_KEY)).statusCode());
        }
        assertEquals(201, revoke(ADMIN_KEY, order[1], null, "final takedown").statusCode());
        for (int i = 0; i < 25; i++) { // then a shop's links: the block and the unblock stay listed
            assertEquals(201, revoke(SHOP_KEY, order[1], customerLink(order[1], i), null).statusCode());
        }
        JsonNode view = view(SHOP_KEY, order[0]);
        assertEquals(Map.of("stored", 1, "image_blocked", 1, "image_unblocked", 1, "link_revoked", 20), kinds(view));
        assertEquals(1 + 16 + 15 + 25 - 23, view.get("events_omitted").asLong());
        assertEquals(List.of("image blocked: every link revoked by an administrator"), details(view, "image_blocked"));
        assertEquals(List.of("block lifted by an administrator"), details(view, "image_unblocked"));
    }

    @Test
    void manufacturerAndPaymentReportsKeepFiftyEachAndAQuietOrderOmitsNothing() throws Exception {
        String[] quiet = newOrder();
        JsonNode calm = view(SHOP_KEY, quiet[0]);
        assertEquals(List.of("order", "image", "delivery", "payment_status", "downloads", "events", "events_omitted"),
                OrderViewIT.names(calm));
        assertEquals(0, calm.get("events_omitted").asLong());

        String[] order = newOrder();
        events(order[0], "delivery_attempt", 1);
        events(order[0], "delivered", 1);
        events(order[0], "manufacturer_status", 300);
        events(order[0], "payment_status", 120);
        events(order[0], "delivery_attempt", 70);
        events(order[0], "first_download", 2);
        JsonNode view = view(ADMIN_KEY, order[0]);
        assertEquals(Map.of("stored", 1, "delivery_attempt", 50, "delivered", 1, "manufacturer_status", 50,
                "payment_status", 50, "first_download", 2), kinds(view));
        assertEquals(250 + 70 + 21, view.get("events_omitted").asLong());
        assertEquals(List.of("manufacturer_status 299"), details(view, "manufacturer_status").subList(49, 50));
    }

    // ---- item 5: a shop reads who revoked and why only when a shop did

    @Test
    void aShopReadsNeitherAnAdminsNameNorReasonOnTheTimelineNorInTheAnswerToReRevoking() throws Exception {
        String[] order = newOrder();
        Token link = customerLink(order[1], 1);
        HttpResponse<byte[]> created = revoke(ADMIN_KEY, order[1], link, "fraud case 4711 by J. Doe");
        assertEquals(201, created.statusCode(), text(created));
        assertEquals("ops", json(created).get("created_by").asText(), "the admin's own answer");

        for (String key : List.of(SHOP_KEY, ADMIN_KEY)) {
            String body = text(api.get(key, "/api/orders/" + order[0]));
            assertFalse(body.contains("ops") || body.contains("4711"), body);
            List<String> details = details(json(api.get(key, "/api/orders/" + order[0])), "link_revoked");
            assertEquals(1, details.size());
            assertTrue(details.get(0).matches("end_user link expiring \\S+ revoked by an administrator"), details.get(0));
        }

        HttpResponse<byte[]> again = revoke(SHOP_KEY, order[1], link, "my own words");
        assertEquals(200, again.statusCode(), text(again));
        JsonNode existing = json(again);
        assertEquals("administrator", existing.get("created_by").asText());
        assertTrue(existing.get("reason").isNull(), text(again));
        assertEquals(json(created).get("id"), existing.get("id"));
        assertEquals(List.of("id", "scope", "filename", "partner_type", "expires_at", "reason", "created_at",
                "created_by"), OrderViewIT.names(existing));
        // An admin may read every revocation anyway (GET /api/revocations): its 200 is the record.
        JsonNode forAdmin = json(revoke(ADMIN_KEY, order[1], link, null));
        assertEquals("ops", forAdmin.get("created_by").asText());
        assertEquals("fraud case 4711 by J. Doe", forAdmin.get("reason").asText());
    }

    @Test
    void aShopSeesItsOwnRevocationsNameAndReasonAndItsReRevocation() throws Exception {
        String[] order = newOrder();
        Token link = customerLink(order[1], 2);
        assertEquals(201, revoke(SHOP_KEY, order[1], link, "customer asked").statusCode());
        HttpResponse<byte[]> again = revoke(SHOP_KEY, order[1], link, null);
        assertEquals(200, again.statusCode());
        assertEquals("webshop", json(again).get("created_by").asText());
        assertEquals("customer asked", json(again).get("reason").asText());
        assertTrue(details(view(SHOP_KEY, order[0]), "link_revoked").get(0).endsWith(" revoked by webshop: customer asked"));
    }

    @Test
    void anOperatorsRevocationAndBlockReadAsAnAdministratorsToAShopAndInFullOnTheConsole() throws Exception {
        String[] order = newOrder();
        Token link = customerLink(order[1], 3);
        try (WebClient browser = signedIn()) {
            HtmlPage page = browser.getPage(war.base() + "/console/orders/" + order[0]);
            HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/revoke')]");
            form.getInputByName("link").setValue(war.base() + "/image/" + order[1] + "?token=" + link.text());
            form.getInputByName("reason").setValue("ticket 99 from a partner");
            HtmlPage done = ((DomElement) form.getFirstByXPath(".//button")).click();
            assertTrue(done.asNormalizedText().contains("Revoked the end_user link"), done.asNormalizedText());

            HtmlPage blockPage = browser.getPage(war.base() + "/console/orders/" + order[0]);
            HtmlForm block = blockPage.getFirstByXPath("//form[contains(@action,'/block')]");
            block.getInputByName("reason").setValue("legal hold 12");
            HtmlPage blocked = ((DomElement) block.getFirstByXPath(".//button")).click();
            assertEquals(200, blocked.getWebResponse().getStatusCode(), blocked.asNormalizedText());

            // Staff read who and why on the console's timeline.
            String timeline = ((DomElement) blocked.getFirstByXPath("//section[@aria-labelledby='events-h']"))
                    .asNormalizedText();
            assertTrue(timeline.contains("revoked by " + ConsoleUsers.OPERATOR + ": ticket 99 from a partner"), timeline);
            assertTrue(timeline.contains("image blocked by " + ConsoleUsers.OPERATOR + ": legal hold 12"), timeline);
        }
        String body = text(api.get(SHOP_KEY, "/api/orders/" + order[0]));
        assertFalse(body.contains(ConsoleUsers.OPERATOR) || body.contains("ticket 99") || body.contains("legal hold"),
                body);
        JsonNode view = json(api.get(SHOP_KEY, "/api/orders/" + order[0]));
        assertTrue(details(view, "link_revoked").get(0).endsWith(" revoked by an administrator"), view.toString());

        HttpResponse<byte[]> again = revoke(SHOP_KEY, order[1], link, null);
        assertEquals(200, again.statusCode(), text(again));
        assertEquals("administrator", json(again).get("created_by").asText());
        assertTrue(json(again).get("reason").isNull());
    }
}
