package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = new WebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setCssEnabled(false);
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
        HtmlPage login = browser.getPage(war.base() + "/console/");
        assertEquals("Sign in · PimpMyCase console", login.getTitleText());
        HtmlForm form = login.getForms().get(0);
        form.getInputByName("j_username").type(user);
        form.getInputByName("j_password").type(password);
        return form.getFirstByXPath("//button[@type='submit']") instanceof DomElement button
                ? button.click() : null;
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
        war.trustForwardedHeaders(); // what README tells a Jetty operator (http-forwarded); no other test sends these
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
    void actionsOfFeaturesNotInThisBuildSaySo() throws Exception {
        signInAsOperator();
        for (String action : List.of("retry", "block")) {
            HtmlPage done = clickAction(action);
            assertEquals(200, done.getWebResponse().getStatusCode(), action);
            assertTrue(done.asNormalizedText().contains("not available yet"), action + ": " + done.asNormalizedText());
        }
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + THIRD_ID);
        HtmlForm revoke = page.getFirstByXPath("//form[contains(@action,'/revoke')]");
        revoke.getInputByName("link").type(war.base() + "/image/" + DESIGN + "?token=1:end_user:abc");
        HtmlPage revoked = ((DomElement) revoke.getFirstByXPath(".//button")).click();
        assertTrue(revoked.asNormalizedText().contains("not available yet"), revoked.asNormalizedText());
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
    }

    @Test
    void theLinkCheckSaysWhenItIsNotAvailable() throws Exception {
        HtmlPage orders = signInAsOperator();
        HtmlPage check = ((DomElement) orders.getFirstByXPath("//nav//a[text()='Link check']")).click();
        HtmlForm form = check.getForms().get(1);
        form.getTextAreaByName("url").setText(war.base() + "/image/" + DESIGN + "?token=1:end_user:abc");
        HtmlPage answer = ((DomElement) form.getFirstByXPath(".//button")).click();
        assertEquals(200, answer.getWebResponse().getStatusCode());
        assertTrue(answer.asNormalizedText().contains("not available yet"), answer.asNormalizedText());
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
        assertEquals(422, war.get("/image/" + DESIGN).statusCode()); // missing
        HtmlPage after = browser.getPage(war.base() + "/console/dashboard");
        assertEquals(downloads + 2, figure(after, "downloads"), after.asNormalizedText());
        assertTrue(figure(after, "refusals-missing") >= 1, after.asNormalizedText());
        assertTrue(after.asNormalizedText().contains("not available yet"), "the backlog");
        assertNotNull(after.getFirstByXPath("//figure[@id='downloads']//*[local-name()='svg']"), "an inline SVG chart");
    }

    static long figure(HtmlPage page, String chart) {
        DomElement total = page.getFirstByXPath("//figure[@id='" + chart + "']//dd[@data-figure='total']");
        return total == null ? 0 : Long.parseLong(total.getTextContent().strip());
    }

    /** Opens the order and submits the form of {@code action} (signed in already). */
    HtmlPage clickAction(String action) throws Exception {
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + THIRD_ID);
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/" + action + "')]");
        assertNotNull(form, action);
        return ((DomElement) form.getFirstByXPath(".//button")).click();
    }

    /** A form POST with this browser's session, as another site's page could send it. */
    Page post(String path, Map<String, String> form) throws Exception {
        WebRequest request = new WebRequest(new URL(war.base() + path), HttpMethod.POST);
        request.setRequestParameters(form.entrySet().stream().map(e -> new NameValuePair(e.getKey(), e.getValue()))
                .toList());
        return browser.getPage(request);
    }
}
