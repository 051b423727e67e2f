package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServerProcess;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's sign-in on every server the WAR supports, each with the realm conf/ shows for it
 * (Tomcat: tomcat-users.xml; the Jetty distribution: the HashLoginService of
 * conf/jetty/pimpmycase.xml): operator in, wrong password and a user without the role out, the
 * session cookie's flags, and WebP and PNG thumbnails made inside the WAR.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
class ConsoleServersIT {

    static final String DESIGN = "order-SERVERS1-final-1764313200-0a1b2c3d.png";
    static final String WEBP = "order-SERVERS2-final-1764313200-0a1b2c3e.webp";
    static final String THIRD_ID = "ORSERVERS0000001";

    @TempDir
    static Path servers;
    static ServiceUnderTest war;

    @Parameter
    ServerKind kind;

    WebClient browser;

    @BeforeParameterizedClassInvocation
    static void deploy(ServerKind kind) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(servers.resolve(kind.name()));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = kind.deploy(entries);
        war.storeImage(DESIGN, TestImages.png(400, 800));
        war.storeImage(WEBP, TestImages.webp());
        assertEquals(201, new ApiCaller(war).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                ConsoleIT.order(THIRD_ID, DESIGN)).statusCode());
    }

    @AfterParameterizedClassInvocation
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

    HtmlPage signIn(String user, String password) throws Exception {
        return ConsoleSignIn.signIn(browser, war.base(), user, password, String.valueOf(kind));
    }

    @Test
    void anOperatorSignsIn() throws Exception {
        HtmlPage orders = signIn(ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD);
        assertEquals(200, orders.getWebResponse().getStatusCode());
        assertEquals("Orders · PimpMyCase console", orders.getTitleText());
        assertTrue(orders.asNormalizedText().contains(ConsoleUsers.OPERATOR));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        HtmlPage page = signIn(ConsoleUsers.OPERATOR, "wrong-" + ConsoleUsers.OPERATOR_PASSWORD);
        assertTrue(page.asNormalizedText().contains("Wrong name or password"), page.asNormalizedText());
        assertEquals("Sign in · PimpMyCase console", ((HtmlPage) browser.getPage(war.base() + "/console/dashboard"))
                .getTitleText());
    }

    @Test
    void aUserWithoutTheRoleGets403() throws Exception {
        HtmlPage page = signIn(ConsoleUsers.OUTSIDER, ConsoleUsers.OUTSIDER_PASSWORD);
        assertEquals(403, page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
        assertTrue(page.asNormalizedText().contains("may not use the operator console"));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<byte[]> first = war.send(HttpRequest.newBuilder(war.uri("/console/")));
        List<String> cookies = first.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError(kind + ": no session cookie: " + cookies));
        assertTrue(session.contains("HttpOnly"), session);
        assertTrue(session.contains("SameSite=Lax"), session);
        assertFalse(session.contains("Secure"), session);
    }

    @Test
    void thumbnailsOfPngAndWebpAreMadeInsideTheWar() throws Exception {
        signIn(ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD);
        for (String pic : List.of(DESIGN, WEBP)) {
            WebResponse thumbnail = browser.getPage(war.base() + "/console/thumbnails/" + pic).getWebResponse();
            assertEquals(200, thumbnail.getStatusCode(), kind + " " + pic);
            assertEquals("image/png", thumbnail.getContentType());
            BufferedImage image = ImageIO.read(thumbnail.getContentAsStream());
            assertTrue(image.getWidth() <= Thumbnails.SIZE && image.getHeight() <= Thumbnails.SIZE, pic);
        }
        if (war instanceof ServerProcess server) {
            String log = server.console();
            int line = log.indexOf("WebP in ImageIO's registry");
            System.out.println(kind + ": " + (line < 0 ? "no WebP line" : log.substring(line, log.indexOf('\n', line))));
        }
    }

    /** An action through the console's form (CSRF token, FORM session) on each container, enforced at once. */
    @Test
    void aBlockFromTheConsoleIsEnforcedAndLifted() throws Exception {
        ApiCaller api = new ApiCaller(war);
        String pic = ApiCaller.json(api.get(ApiCaller.FACTORY_KEY, "/api/chinese/order/orderData?third_id=" + THIRD_ID))
                .get("pic").asText();
        String link = pic.substring(pic.indexOf("/image/"));
        assertEquals(200, war.get(link).statusCode());
        signIn(ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD);
        HtmlPage page = browser.getPage(war.base() + "/console/orders/" + THIRD_ID);
        HtmlPage blocked = ((DomElement) page.getFirstByXPath("//form[contains(@action,'/block')]//button")).click();
        assertEquals(200, blocked.getWebResponse().getStatusCode(), kind + ": " + blocked.asNormalizedText());
        HttpResponse<byte[]> refused = war.get(link);
        assertEquals(422, refused.statusCode(), kind.toString());
        assertEquals("token_revoked", ApiCaller.json(refused).get("detail").get(0).get("type").asText());
        HtmlPage unblocked = ((DomElement) blocked.getFirstByXPath("//form[contains(@action,'/unblock')]//button"))
                .click();
        assertEquals(200, unblocked.getWebResponse().getStatusCode(), kind + ": " + unblocked.asNormalizedText());
        assertEquals(200, war.get(link).statusCode(), kind.toString());
    }
}
