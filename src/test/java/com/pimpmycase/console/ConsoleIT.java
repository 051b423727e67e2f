package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console (SPEC §12) on embedded Jetty, through HtmlUnit: the container's FORM
 * login, each page against what the API says, every action this build has and its CSRF refusal,
 * sign-out, the session cookie's flags, and that /api ignores the session.
 */
class ConsoleIT {

    static final String DESIGN = "order-CONSOLE1-final-1764313200-0a1b2c3d.png";
    static final String WEBP = "order-CONSOLE2-final-1764313200-0a1b2c3e.webp";
    static final String THIRD_ID = "ORCONSOLE0000001";
    static final String WEBP_ORDER = "ORCONSOLE0000002";
    /** Designs of their own for the revocation actions, so a block never reaches the other tests. */
    static final String REVOKE_DESIGN = "order-CONSOLE3-final-1764313200-0a1b2c3f.png";
    static final String REVOKE_ORDER = "ORCONSOLE0000003";
    static final String BLOCK_DESIGN = "order-CONSOLE4-final-1764313200-0a1b2c40.png";
    static final String BLOCK_ORDER = "ORCONSOLE0000004";

    @TempDir
    static Path data;
    static DeployedWar war;
    static ApiCaller api;

    WebClient browser;

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
        war.storeImage(DESIGN, TestImages.png(640, 1200));
        war.storeImage(WEBP, TestImages.webp());
        assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order(THIRD_ID, DESIGN))
                .statusCode());
        assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order(WEBP_ORDER, WEBP))
                .statusCode());
        for (String[] order : new String[][] {{REVOKE_ORDER, REVOKE_DESIGN}, {BLOCK_ORDER, BLOCK_DESIGN}}) {
            war.storeImage(order[1], TestImages.png(64, 120));
            assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order(order[0], order[1]))
                    .statusCode());
        }
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = ConsoleSignIn.browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    static String order(String thirdId, String pic) {
        return "{\"third_pay_id\":\"PY" + thirdId + "\",\"third_id\":\"" + thirdId + "\","
                + "\"mobile_model_id\":\"MM102503290004\",\"pic\":\"" + pic + "\","
                + "\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS102503290010\"}";
    }

    HtmlPage signIn(String user, String password) throws Exception {
        return ConsoleSignIn.signIn(browser, war.base(), user, password, "embedded Jetty");
    }

    HtmlPage signInAsOperator() throws Exception {
        HtmlPage orders = signIn(ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD);
        assertEquals(200, orders.getWebResponse().getStatusCode());
        assertEquals("Orders · PimpMyCase console", orders.getTitleText());
        return orders;
    }

    // ---- sign-in, sign-out, session

    @Test
    void anOperatorSignsInAndSeesTheOrders() throws Exception {
        HtmlPage orders = signInAsOperator();
        assertTrue(orders.asNormalizedText().contains(ConsoleUsers.OPERATOR), "the operator's name is shown");
        assertNotNull(orders.getWebResponse().getResponseHeaderValue("X-Request-Id"));
    }

    @Test
    void aWrongPasswordShowsTheSignInPageAgain() throws Exception {
        HtmlPage page = signIn(ConsoleUsers.OPERATOR, "not-the-password");
        assertEquals("Sign in · PimpMyCase console", page.getTitleText());
        assertTrue(page.asNormalizedText().contains("Wrong name or password"), page.asNormalizedText());
        HtmlPage again = browser.getPage(war.base() + "/console/orders/" + THIRD_ID);
        assertEquals("Sign in · PimpMyCase console", again.getTitleText());
    }

    @Test
    void aUserWithoutTheRoleIsRefusedWith403() throws Exception {
        HtmlPage page = signIn(ConsoleUsers.OUTSIDER, ConsoleUsers.OUTSIDER_PASSWORD);
        assertEquals(403, page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
        assertTrue(page.asNormalizedText().contains("may not use the operator console"), page.asNormalizedText());
        assertEquals("text/html", page.getWebResponse().getContentType());
        HtmlPage dashboard = browser.getPage(war.base() + "/console/dashboard");
        assertEquals(403, dashboard.getWebResponse().getStatusCode());
        assertFalse(dashboard.asNormalizedText().contains("Downloads"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        HtmlPage orders = signInAsOperator();
        HtmlForm signOut = orders.getFirstByXPath("//form[contains(@class,'signout')]");
        HtmlPage out = ((DomElement) signOut.getFirstByXPath(".//button")).click();
        assertTrue(out.asNormalizedText().contains("You are signed out"), out.asNormalizedText());
        HtmlPage again = browser.getPage(war.base() + "/console/");
        assertEquals("Sign in · PimpMyCase console", again.getTitleText());
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefused() throws Exception {
        signInAsOperator();
        Page refused = post("/console-signout", Map.of("csrf", "forged"));
        assertEquals(403, refused.getWebResponse().getStatusCode());
        HtmlPage still = browser.getPage(war.base() + "/console/");
        assertEquals("Orders · PimpMyCase console", still.getTitleText(), "still signed in");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<byte[]> first = war.send(HttpRequest.newBuilder(war.uri("/console/")));
        List<String> cookies = first.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow(
                () -> new AssertionError("no session cookie: " + cookies));
        assertTrue(session.contains("HttpOnly"), session);
        assertTrue(session.contains("SameSite=Lax"), session);
        assertFalse(session.contains("Secure"), "plain HTTP: " + session);
        assertFalse(ApiCaller.text(first).contains(";jsessionid"), "no session id in URLs");
    }

    @Test
    void behindAProxyEndingTlsTheSessionCookieIsSecure() throws Exception {
        war.trustForwardedHeaders(); // what docs/CONSOLE.md tells a Jetty operator (http-forwarded); no other test sends these
        HttpResponse<byte[]> first = war.send(HttpRequest.newBuilder(war.uri("/console/"))
                .header("X-Forwarded-Proto", "https"));
        String session = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertTrue(session.contains("Secure") && session.contains("HttpOnly") && session.contains("SameSite=Lax"),
                session);
    }

    @Test
    void theApiNeverAcceptsTheConsoleSession() throws Exception {
        signInAsOperator();
        WebResponse answer = browser.getPage(war.base() + "/api/chinese/order/orderData?third_id=" + THIRD_ID)
                .getWebResponse();
        assertEquals(401, answer.getStatusCode());
        assertNotNull(browser.getCookieManager().getCookie("JSESSIONID"), "the session cookie was sent");
    }

    @Test
    void pagesForbidFramingAndInlineCode() throws Exception {
        HtmlPage orders = signInAsOperator();
        String policy = orders.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
        assertEquals("no-store", orders.getWebResponse().getResponseHeaderValue("Cache-Control"));
        assertTrue(orders.getElementsByTagName("script").stream().allMatch(s -> s.hasAttribute("src")),
                "no inline script");
        HtmlPage login = new WebClient().getPage(war.base() + "/console/");
        assertTrue(login.getWebResponse().getResponseHeaderValue("Content-Security-Policy")
                .contains("frame-ancestors 'none'"));
    }

    // ---- pages against the API's data

    @Test
    void theOrdersPageListsWhatTheApiHas() throws Exception {
        HtmlPage orders = signInAsOperator();
        String text = orders.asNormalizedText();
        JsonNode stored = ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/chinese/order/orderData?third_id=" + THIRD_ID));
        assertTrue(text.contains(THIRD_ID) && text.contains(stored.get("third_pay_id").asText()), text);
        assertTrue(text.indexOf(WEBP_ORDER) < text.indexOf(THIRD_ID), "newest first");
        assertTrue(text.contains("off"), "delivery state: " + text);
        HtmlPage found = browser.getPage(war.base() + "/console/?q=PY" + THIRD_ID);
        assertTrue(found.asNormalizedText().contains(THIRD_ID));
        assertFalse(found.asNormalizedText().contains(WEBP_ORDER), "search by third_pay_id");
        HtmlPage none = browser.getPage(war.base() + "/console/?q=NOPE");
        assertTrue(none.asNormalizedText().contains("No order has the id NOPE"));
    }

    @Test
    void thumbnailsAreSmallAndNeedTheSession() throws Exception {
        signInAsOperator();
        for (String pic : List.of(DESIGN, WEBP)) {
            WebResponse thumbnail = browser.getPage(war.base() + "/console/thumbnails/" + pic).getWebResponse();
            assertEquals(200, thumbnail.getStatusCode(), pic);
            assertEquals("image/png", thumbnail.getContentType(), pic);
            BufferedImage image = ImageIO.read(thumbnail.getContentAsStream());
            assertTrue(Math.max(image.getWidth(), image.getHeight()) <= Thumbnails.SIZE,
                    pic + ": " + image.getWidth() + "x" + image.getHeight());
            if (pic.equals(DESIGN)) { // 640×1200: scaled to 85×160
                assertEquals(160, image.getHeight());
            }
        }
        HttpResponse<byte[]> anonymous = war.get("/console/thumbnails/" + DESIGN);
        assertFalse(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("image/"),
                "no thumbnail without a session");
    }

    @Test
    void theOrderPageShowsTheFieldsTheDesignAndTheTimeline() throws Exception {
        signInAsOperator();
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + THIRD_ID);
        String text = page.asNormalizedText();
        JsonNode stored = ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/chinese/order/orderData?third_id=" + THIRD_ID));
        for (String field : List.of("third_pay_id", "mobile_model_id", "device_id", "mobile_shell_id")) {
            assertTrue(text.contains(stored.get(field).asText()), field + " in " + text);
        }
        assertTrue(text.contains(DESIGN));
        assertTrue(text.contains("stored"), "the timeline: " + text);
        DomElement design = page.getFirstByXPath("//img[@class='design']");
        String src = design.getAttribute("src");
        assertTrue(src.contains(":admin:"), src);
        assertEquals(200, war.get(src).statusCode(), "the admin link opens the design");
        assertEquals(404, browser.getPage(war.base() + "/console/orders/NOSUCHORDER").getWebResponse().getStatusCode());
    }

    // ---- actions

    @Test
    void aFreshManufacturerLinkOpensTheDesign() throws Exception {
        signInAsOperator();
        HtmlPage done = clickAction("manufacturer-link");
        String link = ((HtmlInput) done.getElementById("minted")).getValue();
        assertTrue(link.startsWith(war.base() + "/image/" + DESIGN + "?token=") && link.contains(":chinese_manufacturing:"),
                link);
        assertEquals(200, war.get(link.substring(war.base().length())).statusCode());
    }

    @Test
    void aFreshPreviewLinkOpensThePreview() throws Exception {
        signInAsOperator();
        HtmlPage done = clickAction("preview-link");
        String link = ((HtmlInput) done.getElementById("minted")).getValue();
        assertTrue(link.startsWith(war.base() + "/preview/" + DESIGN + "?token=") && link.contains(":end_user:"), link);
        assertEquals(200, war.get(link.substring(war.base().length())).statusCode());
    }

    @Test
    void retryingADeliveryIsRefusedAsTheApiRefusesItWhenDeliveryIsOff() throws Exception {
        signInAsOperator();
        HtmlPage done = clickAction(THIRD_ID, "retry");
        assertEquals(409, done.getWebResponse().getStatusCode());
        assertTrue(done.asNormalizedText().contains("Delivery to the manufacturer is not configured"),
                done.asNormalizedText());
    }

    @Test
    void aRevokedPastedLinkIsRefusedOnImageAsThroughTheApi() throws Exception {
        signInAsOperator();
        String link = manufacturerLink(REVOKE_ORDER);
        String preview = customerLink(REVOKE_DESIGN);
        assertEquals(200, war.get(link).statusCode());

        int revokedBefore = events(REVOKE_ORDER, "link_revoked").size(); // another test revokes too
        HtmlPage done = revoke(REVOKE_ORDER, war.base() + link, "shared in a forum");
        assertEquals(200, done.getWebResponse().getStatusCode(), done.asNormalizedText());
        assertTrue(done.asNormalizedText().contains("Revoked the chinese_manufacturing link"), done.asNormalizedText());
        HttpResponse<byte[]> refused = war.get(link);
        assertEquals(422, refused.statusCode(), "enforced before the page answered");
        assertEquals("token_revoked", ApiCaller.json(refused).get("detail").get(0).get("type").asText());
        assertEquals(200, war.get(preview).statusCode(), "one link only");

        List<JsonNode> listed = new java.util.ArrayList<>(); // this test's revocation (another test revokes too)
        ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/revocations?filename=" + REVOKE_DESIGN)).get("revocations")
                .forEach(r -> {
                    if (r.get("reason").asText().equals("shared in a forum")) {
                        listed.add(r);
                    }
                });
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("link", listed.get(0).get("scope").asText());
        assertEquals("chinese_manufacturing", listed.get(0).get("partner_type").asText());
        assertEquals("shared in a forum", listed.get(0).get("reason").asText());
        assertEquals(ConsoleUsers.OPERATOR, listed.get(0).get("created_by").asText(), "the operator's login name");
        // The API's timeline: an operator's revocation reads as an administrator's (SPEC §11) ...
        List<JsonNode> events = events(REVOKE_ORDER, "link_revoked");
        assertEquals(revokedBefore + 1, events.size());
        String detail = events.get(events.size() - 1).get("detail").asText();
        assertTrue(detail.startsWith("chinese_manufacturing link expiring ")
                && detail.endsWith(" revoked by an administrator"), events.toString());
        // ... the console's (staff) says who and why.
        assertTrue(done.asNormalizedText().contains(" revoked by " + ConsoleUsers.OPERATOR + ": shared in a forum"),
                done.asNormalizedText());

        HtmlPage again = revoke(REVOKE_ORDER, war.base() + link, null);
        assertEquals(200, again.getWebResponse().getStatusCode());
        assertTrue(again.asNormalizedText().contains("was revoked already"), again.asNormalizedText());
        assertEquals(revokedBefore + 1, events(REVOKE_ORDER, "link_revoked").size(), "no second event, as the API's 200");
    }

    @Test
    void aPastedLinkIsRefusedAsTheApiRefusesIt() throws Exception {
        signInAsOperator();
        // A link no other test revoked: the one minted in the second another test revoked its own
        // is that very link (same file, type and exp), so ask again until the second has moved on.
        String link = Eventually.await(Duration.ofSeconds(5), () -> manufacturerLink(REVOKE_ORDER),
                minted -> uncheckedStatus(minted) == 200, "a manufacturer link of " + REVOKE_ORDER + " not revoked");
        String forged = link.substring(0, link.length() - 4) + (link.endsWith("0000") ? "1111" : "0000");
        HtmlPage refused = revoke(REVOKE_ORDER, war.base() + forged, null);
        assertEquals(422, refused.getWebResponse().getStatusCode());
        assertTrue(refused.asNormalizedText().contains("token_signature_invalid"), refused.asNormalizedText());

        // Posted without the form's maxlength (a browser would cut the text): the rules still hold.
        Page tooLong = post("/console/orders/" + REVOKE_ORDER + "/revoke", Map.of("csrf", csrf(REVOKE_ORDER),
                "link", war.base() + link, "reason", "x".repeat(201)));
        assertEquals(422, tooLong.getWebResponse().getStatusCode());
        assertTrue(((HtmlPage) tooLong).asNormalizedText().contains("longer than 200"));
        assertEquals(200, war.get(link).statusCode(), "nothing revoked");
        // 200 characters, counted as the API counts them (code points, 400 UTF-16 units here): taken.
        Page emoji = post("/console/orders/" + REVOKE_ORDER + "/revoke", Map.of("csrf", csrf(REVOKE_ORDER),
                "link", war.base() + link, "reason", "\uD83D\uDCF1".repeat(200)));
        assertEquals(200, emoji.getWebResponse().getStatusCode(), emoji.getWebResponse().getContentAsString());
        assertEquals(422, war.get(link).statusCode());
    }

    @Test
    void blockingAndUnblockingAnImageWorkAsThroughTheApi() throws Exception {
        signInAsOperator();
        String link = manufacturerLink(BLOCK_ORDER);
        assertEquals(200, war.get(link).statusCode());

        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + BLOCK_ORDER);
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/block')]");
        form.getInputByName("reason").type("takedown request");
        HtmlPage blocked = ((DomElement) form.getFirstByXPath(".//button")).click();
        assertEquals(200, blocked.getWebResponse().getStatusCode(), blocked.asNormalizedText());
        assertTrue(blocked.asNormalizedText().contains("Blocked " + BLOCK_DESIGN), blocked.asNormalizedText());
        assertTrue(blocked.asNormalizedText().contains("This image is blocked"), "the order page says so");
        HttpResponse<byte[]> refused = war.get(link);
        assertEquals(422, refused.statusCode());
        assertEquals("token_revoked", ApiCaller.json(refused).get("detail").get(0).get("type").asText());
        JsonNode block = ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/revocations?filename=" + BLOCK_DESIGN))
                .get("revocations").get(0);
        assertEquals("image", block.get("scope").asText());
        assertEquals(ConsoleUsers.OPERATOR, block.get("created_by").asText());
        assertEquals("takedown request", block.get("reason").asText());
        assertEquals("image blocked: every link revoked by an administrator",
                events(BLOCK_ORDER, "image_blocked").get(0).get("detail").asText());
        assertTrue(blocked.asNormalizedText().contains("image blocked by " + ConsoleUsers.OPERATOR + ": takedown request"),
                "staff read who and why on the console's timeline");
        HtmlPage fresh = clickAction(BLOCK_ORDER, "manufacturer-link");
        assertEquals(409, fresh.getWebResponse().getStatusCode(), "no link to a blocked image");
        JsonNode order = ApiCaller.json(api.get(ApiCaller.FACTORY_KEY, "/api/chinese/order/orderData?third_id="
                + BLOCK_ORDER));
        assertTrue(order.get("pic").isNull(), order.toString());

        HtmlPage unblocked = clickAction(BLOCK_ORDER, "unblock");
        assertEquals(200, unblocked.getWebResponse().getStatusCode(), unblocked.asNormalizedText());
        assertTrue(unblocked.asNormalizedText().contains("Unblocked " + BLOCK_DESIGN), unblocked.asNormalizedText());
        assertFalse(unblocked.asNormalizedText().contains("This image is blocked"), unblocked.asNormalizedText());
        assertEquals(200, war.get(link).statusCode(), "its links work again");
        assertEquals("block lifted by an administrator",
                events(BLOCK_ORDER, "image_unblocked").get(0).get("detail").asText());
        assertTrue(unblocked.asNormalizedText().contains("block lifted by " + ConsoleUsers.OPERATOR),
                unblocked.asNormalizedText());
        assertEquals(0, ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/revocations?filename=" + BLOCK_DESIGN))
                .get("revocations").size());

        Page notBlocked = post("/console/orders/" + BLOCK_ORDER + "/unblock", Map.of("csrf", csrf(BLOCK_ORDER)));
        assertEquals(404, notBlocked.getWebResponse().getStatusCode());
        assertTrue(((HtmlPage) notBlocked).asNormalizedText().contains("is not blocked"));
        assertEquals(1, events(BLOCK_ORDER, "image_unblocked").size());
    }

    @Test
    void theOrderPageShowsTheDownloadsAsTheOrderViewCountsThem() throws Exception {
        signInAsOperator();
        String link = manufacturerLink(WEBP_ORDER);
        assertEquals(200, war.get(link).statusCode());
        assertEquals(200, war.request("HEAD", link).statusCode());
        JsonNode counted = ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/orders/" + WEBP_ORDER))
                .get("downloads").get("chinese_manufacturing");
        assertEquals(1, counted.get("count").asLong(), "the GET, not the HEAD");
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + WEBP_ORDER);
        DomElement row = page.getFirstByXPath("//section[@aria-labelledby='downloads-h']//tr[td='chinese_manufacturing']");
        assertNotNull(row, page.asNormalizedText());
        assertTrue(row.asNormalizedText().contains("1"), row.asNormalizedText());
        HtmlPage orders = browser.getPage(war.base() + "/console/?q=" + WEBP_ORDER);
        assertTrue(orders.asNormalizedText().contains("1, last"), orders.asNormalizedText());
    }

    @Test
    void aPastedLinkForAnotherImageIsRefused() throws Exception {
        signInAsOperator();
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + THIRD_ID);
        HtmlForm revoke = page.getFirstByXPath("//form[contains(@action,'/revoke')]");
        revoke.getInputByName("link").type(war.base() + "/image/" + WEBP + "?token=1:end_user:abc");
        HtmlPage refused = ((DomElement) revoke.getFirstByXPath(".//button")).click();
        assertEquals(422, refused.getWebResponse().getStatusCode());
        assertTrue(refused.asNormalizedText().contains("not this order's design"), refused.asNormalizedText());
    }

    @Test
    void everyActionWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        signInAsOperator();
        for (String action : List.of("manufacturer-link", "preview-link", "retry", "revoke", "block", "unblock")) {
            for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("csrf", "forged-token"))) {
                Page refused = post("/console/orders/" + THIRD_ID + "/" + action, form);
                assertEquals(403, refused.getWebResponse().getStatusCode(), action + " " + form);
                String body = refused.getWebResponse().getContentAsString();
                assertTrue(body.contains("Nothing was changed"), action);
                assertFalse(body.contains("?token="), action + ": no link minted");
            }
        }
        Page check = post("/console/link-check", Map.of("url", war.base() + "/image/" + DESIGN));
        assertEquals(403, check.getWebResponse().getStatusCode());
        // Even with a link and a reason, a forged revoke or block leaves no revocation and no event.
        String link = manufacturerLink(THIRD_ID);
        int events = ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/orders/" + THIRD_ID)).get("events").size();
        assertEquals(403, post("/console/orders/" + THIRD_ID + "/revoke", Map.of("csrf", "forged-token",
                "link", war.base() + link, "reason", "forged")).getWebResponse().getStatusCode());
        assertEquals(403, post("/console/orders/" + THIRD_ID + "/block", Map.of("reason", "forged"))
                .getWebResponse().getStatusCode());
        assertEquals(200, war.get(link).statusCode());
        assertEquals(0, ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/revocations?filename=" + DESIGN))
                .get("revocations").size());
        assertEquals(events, ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/orders/" + THIRD_ID)).get("events").size());
    }

    @Test
    void theLinkCheckShowsTheChecklistAndTheAdvice() throws Exception {
        HtmlPage orders = signInAsOperator();
        String working = war.base() + manufacturerLink(THIRD_ID);
        HtmlPage answer = checkLink(orders, working);
        assertEquals(200, answer.getWebResponse().getStatusCode());
        String text = answer.asNormalizedText();
        for (String check : List.of("filename", "token_format", "partner_type", "signature", "revocation", "expiry",
                "lifetime", "image")) {
            assertNotNull(answer.getFirstByXPath("//ul[@class='checklist']/li[@class='pass'][strong='" + check + "']"),
                    check + " passed: " + text);
        }
        assertTrue(text.contains("HTTP 200"), text);
        assertTrue(text.contains(THIRD_ID), "the orders using the image: " + text);
        DomElement checklist = answer.getFirstByXPath("//ul[@class='checklist']");
        DomElement advice = answer.getFirstByXPath("//p[@class='advice']");
        String signature = working.substring(working.length() - 40);
        assertFalse(checklist.asNormalizedText().contains(signature) || advice.asNormalizedText().contains(signature),
                "no signature shown but the pasted link: " + text);

        HtmlPage notALink = checkLink(orders, war.base() + "/api/chinese/orders");
        assertEquals(422, notALink.getWebResponse().getStatusCode(), "the API's url_invalid");
    }

    @Test
    void theLinkCheckSaysWhenALinkIsRevoked() throws Exception {
        HtmlPage orders = signInAsOperator();
        String link = war.base() + customerLink(REVOKE_DESIGN);
        assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/revocations", "{\"filename\":\"" + REVOKE_DESIGN
                + "\",\"token\":\"" + link.substring(link.indexOf("?token=") + 7) + "\"}").statusCode());
        HtmlPage answer = checkLink(orders, link);
        assertEquals(200, answer.getWebResponse().getStatusCode());
        String text = answer.asNormalizedText();
        assertTrue(text.contains("HTTP 422") && text.contains("token_revoked"), text);
        assertNotNull(answer.getFirstByXPath("//ul[@class='checklist']/li[@class='fail'][strong='revocation']"), text);
        assertNotNull(answer.getFirstByXPath("//ul[@class='checklist']/li[@class='pass'][strong='signature']"), text);
    }

    @Test
    void theDashboardCountsDownloadsAndRefusalsPerHour() throws Exception {
        HtmlPage orders = signInAsOperator();
        HtmlPage before = ((DomElement) orders.getFirstByXPath("//nav//a[text()='Dashboard']")).click();
        long downloads = figure(before, "downloads");
        JsonNode stored = ApiCaller.json(api.get(ApiCaller.FACTORY_KEY, "/api/chinese/order/orderData?third_id=" + THIRD_ID));
        String pic = stored.get("pic").asText();
        assertEquals(200, war.get(pic.substring(pic.indexOf("/image/"))).statusCode());
        assertEquals(200, war.get(pic.substring(pic.indexOf("/image/"))).statusCode());
        assertEquals(200, war.request("HEAD", pic.substring(pic.indexOf("/image/"))).statusCode()); // not a download
        assertEquals(422, war.get("/image/" + DESIGN).statusCode()); // missing
        HtmlPage after = browser.getPage(war.base() + "/console/dashboard");
        assertEquals(downloads + 2, figure(after, "downloads"), after.asNormalizedText());
        assertTrue(figure(after, "refusals-missing") >= 1, after.asNormalizedText());
        DomElement failed = after.getFirstByXPath("//dd[@data-figure='failed']");
        assertNotNull(failed, "the backlog: " + after.asNormalizedText());
        assertEquals("0", failed.getTextContent().strip(), "delivery off: nothing failed");
        assertNotNull(after.getFirstByXPath("//figure[@id='downloads']//*[local-name()='svg']"), "an inline SVG chart");
    }

    static long figure(HtmlPage page, String chart) {
        DomElement total = page.getFirstByXPath("//figure[@id='" + chart + "']//dd[@data-figure='total']");
        return total == null ? 0 : Long.parseLong(total.getTextContent().strip());
    }

    /** Opens the order and submits the form of {@code action} (signed in already). */
    HtmlPage clickAction(String action) throws Exception {
        return clickAction(THIRD_ID, action);
    }

    HtmlPage clickAction(String thirdId, String action) throws Exception {
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + thirdId);
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/" + action + "')]");
        assertNotNull(form, action);
        return ((DomElement) form.getFirstByXPath(".//button")).click();
    }

    /** Pastes {@code link} into the order's revoke form, with {@code reason} when not null. */
    HtmlPage revoke(String thirdId, String link, String reason) throws Exception {
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + thirdId);
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/revoke')]");
        form.getInputByName("link").setValue(link);
        if (reason != null) {
            form.getInputByName("reason").setValue(reason);
        }
        return ((DomElement) form.getFirstByXPath(".//button")).click();
    }

    HtmlPage checkLink(HtmlPage from, String url) throws Exception {
        HtmlPage check = ((DomElement) from.getFirstByXPath("//nav//a[text()='Link check']")).click();
        HtmlForm form = check.getForms().get(1);
        form.getTextAreaByName("url").setText(url);
        return ((DomElement) form.getFirstByXPath(".//button")).click();
    }

    /** A fresh manufacturer link to the order's design, from the API: its path and query. */
    private static int uncheckedStatus(String link) {
        try {
            return war.get(link).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String manufacturerLink(String thirdId) throws Exception {
        String pic = ApiCaller.json(api.get(ApiCaller.FACTORY_KEY, "/api/chinese/order/orderData?third_id=" + thirdId))
                .get("pic").asText();
        return pic.substring(pic.indexOf("/image/"));
    }

    /** A fresh customer (end_user) link from the API: its path and query. */
    static String customerLink(String filename) throws Exception {
        String url = ApiCaller.json(api.postForm(ApiCaller.SHOP_KEY, "/api/images/generate-secure-url",
                Map.of("filename", filename))).get("secure_url").asText();
        return url.substring(url.indexOf("/image/"));
    }

    /** The order's §11 events of one kind, from the API. */
    static List<JsonNode> events(String thirdId, String kind) throws Exception {
        List<JsonNode> found = new java.util.ArrayList<>();
        ApiCaller.json(api.get(ApiCaller.ADMIN_KEY, "/api/orders/" + thirdId)).get("events").forEach(e -> {
            if (e.get("kind").asText().equals(kind)) {
                found.add(e);
            }
        });
        return found;
    }

    /** The CSRF token of the order page's forms. */
    String csrf(String thirdId) throws Exception {
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + thirdId);
        return ((HtmlInput) page.getFirstByXPath("//input[@name='csrf']")).getValue();
    }

    /** A form POST with this browser's session, as another site's page could send it. */
    Page post(String path, Map<String, String> form) throws Exception {
        WebRequest request = new WebRequest(new URL(war.base() + path), HttpMethod.POST);
        request.setCharset(java.nio.charset.StandardCharsets.UTF_8); // as the console's pages declare
        request.setRequestParameters(form.entrySet().stream().map(e -> new NameValuePair(e.getKey(), e.getValue()))
                .toList());
        return browser.getPage(request);
    }
}
