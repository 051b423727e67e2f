package com.pimpmycase.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §5 preview, in a headless browser (HtmlUnit), against the WAR on every server, one deployment each. */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
class PreviewPageIT {

    static final String DESIGN = "order-OREN7-final-1756378358-e5f1af36.png";
    static final byte[] DESIGN_BYTES = TestImages.png(180, 370);

    /** Holds one data directory per server kind (created once for the class, deleted after the last kind). */
    @TempDir
    static Path servers;
    static ServiceUnderTest war;
    static TokenMinter minter;

    /** The server of this run. */
    @Parameter
    ServerKind kind;

    WebClient browser;
    /** Every URL the browser asked for while a test ran. */
    final List<URL> requested = new CopyOnWriteArrayList<>();

    @BeforeParameterizedClassInvocation
    static void deploy(ServerKind kind) throws Exception {
        java.util.Map<String, Object> entries = DeployedWar.defaultEntries(servers.resolve(kind.name()));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = kind.deploy(entries);
        war.storeImage(DESIGN, DESIGN_BYTES);
        minter = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(), Clock.systemUTC());
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        war.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = new WebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setPrintContentOnFailingStatusCode(false); // the tests assert the refusal pages
        browser.getOptions().setCssEnabled(true);
        new WebConnectionWrapper(browser) {
            @Override
            public WebResponse getResponse(WebRequest request) throws java.io.IOException {
                requested.add(request.getUrl());
                return super.getResponse(request);
            }
        };
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    String preview(Token token) {
        return war.base() + "/preview/" + DESIGN + "?token=" + token.text();
    }

    @Test
    void showsTheDesignTheValidityAndADownloadThatWorks() throws Exception {
        Token token = minter.mint(DESIGN, "end_user");
        HtmlPage page = browser.getPage(preview(token));

        assertEquals(200, page.getWebResponse().getStatusCode());
        assertEquals("no-store", page.getWebResponse().getResponseHeaderValue("Cache-Control"));
        assertEquals("en", page.getDocumentElement().getAttribute("lang"));
        assertTrue(page.getTitleText().contains("phone case design"), page.getTitleText());
        assertNotNull(page.getFirstByXPath("//meta[@name='viewport']"));

        HtmlImage image = page.getFirstByXPath("//img");
        assertFalse(image.getAltAttribute().isBlank());
        WebResponse imageResponse = image.getWebResponse(true);
        assertEquals(200, imageResponse.getStatusCode());
        assertEquals("image/png", imageResponse.getContentType());
        assertEquals(180, image.getWidth());

        HtmlAnchor download = page.getFirstByXPath("//a[@download]");
        assertTrue(download.asNormalizedText().contains("Download"));
        Page downloaded = download.click();
        assertEquals(200, downloaded.getWebResponse().getStatusCode());
        assertArrayEquals(DESIGN_BYTES, downloaded.getWebResponse().getContentAsStream().readAllBytes());

        // The page's links reuse its own token; its visible text never shows the signature.
        assertTrue(image.getSrcAttribute().endsWith("?token=" + token.text()));
        assertTrue(download.getHrefAttribute().endsWith("?token=" + token.text()));
        assertFalse(page.asNormalizedText().contains(token.signature().substring(0, 16)));
    }

    @Test
    void validityReadsCorrectlyWithoutJavaScriptAndCountsDownWithIt() throws Exception {
        Token token = minter.mint(DESIGN, "end_user", Duration.ofMinutes(90));
        browser.getOptions().setJavaScriptEnabled(false);
        String withoutScript = ((HtmlPage) browser.getPage(preview(token))).getElementById("validity").asNormalizedText();
        assertTrue(withoutScript.startsWith("This preview link is valid until "), withoutScript);
        assertTrue(withoutScript.contains("UTC (1 hour 29 minutes") || withoutScript.contains("UTC (1 hour 30 minutes"),
                withoutScript);

        browser.getOptions().setJavaScriptEnabled(true);
        HtmlPage page = browser.getPage(preview(token));
        browser.waitForBackgroundJavaScript(1500);
        String counting = page.getElementById("validity").asNormalizedText();
        assertTrue(counting.matches("This preview link is valid for another 1 h (29|30) min \\d+ s \\(until .+\\)\\."),
                counting);
    }

    @Test
    void expiredLinkSaysSoAndWhatToDo() throws Exception {
        Token expired = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).mint(DESIGN, "end_user");
        HtmlPage page = browser.getPage(preview(expired));
        assertEquals(422, page.getWebResponse().getStatusCode());
        assertEquals("text/html", page.getWebResponse().getContentType());
        assertEquals("This preview link has expired", page.getFirstByXPath("//h1/text()").toString());
        assertTrue(page.asNormalizedText().contains("Ask the shop for a new preview link."));
    }

    /** SPEC §10: a revoked link, and any link to a blocked image, get a page that says so and what to do. */
    @Test
    void revokedLinkAndBlockedDesignSaySoAndWhatToDo() throws Exception {
        Token revoked = minter.mint(DESIGN, "end_user", Duration.ofSeconds(2999)); // minted by no other test
        Token other = minter.mint(DESIGN, "end_user", Duration.ofSeconds(2998));
        ApiCaller api = new ApiCaller(war);
        HttpResponse<byte[]> link = api.postJson(ApiCaller.SHOP_KEY, "/api/revocations",
                "{\"filename\":\"" + DESIGN + "\",\"token\":\"" + revoked.text() + "\"}");
        assertEquals(201, link.statusCode(), ApiCaller.text(link));
        assertWithdrawn(browser.getPage(preview(revoked)));
        assertEquals(200, ((HtmlPage) browser.getPage(preview(other))).getWebResponse().getStatusCode());

        HttpResponse<byte[]> block = api.postJson(ApiCaller.ADMIN_KEY, "/api/revocations",
                "{\"filename\":\"" + DESIGN + "\"}");
        assertEquals(201, block.statusCode(), ApiCaller.text(block));
        try {
            assertWithdrawn(browser.getPage(preview(other)));
        } finally {
            assertEquals(204, war.send(java.net.http.HttpRequest.newBuilder(war.uri("/api/revocations/"
                    + ApiCaller.json(block).get("id").asText())).DELETE()
                    .header("Authorization", "Bearer " + ApiCaller.ADMIN_KEY)).statusCode());
        }
        assertEquals(200, ((HtmlPage) browser.getPage(preview(other))).getWebResponse().getStatusCode());
    }

    static void assertWithdrawn(HtmlPage page) {
        assertEquals(422, page.getWebResponse().getStatusCode());
        assertEquals("text/html", page.getWebResponse().getContentType());
        assertEquals("no-store", page.getWebResponse().getResponseHeaderValue("Cache-Control"));
        assertEquals("This preview link has been withdrawn", page.getFirstByXPath("//h1/text()").toString());
        assertTrue(page.asNormalizedText().contains("ask the shop for a new preview link"), page.asNormalizedText());
    }

    @Test
    void tamperedOrIncompleteLinksAreExplainedNotDumped() throws Exception {
        Token token = minter.mint(DESIGN, "end_user");
        String tampered = token.text().substring(0, token.text().length() - 1) + (token.text().endsWith("0") ? "1" : "0");
        HtmlPage bad = browser.getPage(war.base() + "/preview/" + DESIGN + "?token=" + tampered);
        assertEquals(422, bad.getWebResponse().getStatusCode());
        assertTrue(bad.asNormalizedText().contains("This preview link is not valid"), bad.asNormalizedText());

        HtmlPage missing = browser.getPage(war.base() + "/preview/" + DESIGN);
        assertEquals(422, missing.getWebResponse().getStatusCode());
        assertTrue(missing.asNormalizedText().contains("incomplete"));

        HtmlPage badName = browser.getPage(war.base() + "/preview/.secret?token=" + token.text());
        assertEquals(400, badName.getWebResponse().getStatusCode());

        Token forGone = minter.mint("gone.png", "end_user");
        HtmlPage gone = browser.getPage(war.base() + "/preview/gone.png?token=" + forGone.text());
        assertEquals(404, gone.getWebResponse().getStatusCode());
        assertTrue(gone.asNormalizedText().contains("no longer available"));
        for (HtmlPage page : List.of(bad, missing, badName, gone)) {
            assertEquals("no-store", page.getWebResponse().getResponseHeaderValue("Cache-Control"));
            assertFalse(page.asXml().contains("Exception"));
        }
    }

    @Test
    void theBrowserNeverAsksAnotherHost() throws Exception {
        browser.getOptions().setDownloadImages(true);
        HtmlPage page = browser.getPage(preview(minter.mint(DESIGN, "end_user")));
        browser.waitForBackgroundJavaScript(500);
        assertTrue(requested.size() >= 2, "page and image: " + requested);
        for (URL url : requested) {
            assertEquals(new URL(war.base()).getAuthority(), url.getAuthority(), url.toString());
        }
        assertTrue(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy").startsWith("default-src 'none'"));
    }

    /** OPTIONS reaches the servlet; TRACE is refused by Tomcat itself and answered by the WAR's error page. */
    @Test
    void optionsAndTraceAre405PagesWhereTheWarAnswers() throws Exception {
        String url = "/preview/" + DESIGN + "?token=" + minter.mint(DESIGN, "end_user").text();
        for (String method : new String[] {"OPTIONS", "TRACE"}) {
            HttpResponse<byte[]> response = war.request(method, url);
            if (method.equals("TRACE") && kind != ServerKind.TOMCAT_10 && kind != ServerKind.TOMCAT_11) {
                assertEquals(403, response.statusCode(), "Jetty's webdefault forbids TRACE"); // docs/OPERATIONS.md
                continue;
            }
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""), method);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), method);
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("This page can only be viewed"), method);
        }
    }

    @Test
    void otherMethodsAre405AndHeadHasNoBody() throws Exception {
        Token token = minter.mint(DESIGN, "end_user");
        WebResponse post = browser.loadWebResponse(new WebRequest(new URL(preview(token)), HttpMethod.POST));
        assertEquals(405, post.getStatusCode());
        assertEquals("GET, HEAD", post.getResponseHeaderValue("Allow"));
        assertEquals("text/html", post.getContentType());

        HttpResponse<byte[]> head = war.request("HEAD", "/preview/" + DESIGN + "?token=" + token.text());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertTrue(Long.parseLong(head.headers().firstValue("Content-Length").orElse("0")) > 500);
        assertEquals("text/html;charset=utf-8", head.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        assertTrue(new String(war.get("/preview/" + DESIGN + "?token=" + token.text()).body(), StandardCharsets.UTF_8)
                .contains("<html lang=\"en\">"));
    }

    /**
     * Dot segments and encoded separators in a preview path: always 400, never 200 and never
     * another page of the service (landing page, health JSON, an API answer), whether the
     * container refuses the request itself (SPEC §3: "the container may refuse some encodings
     * first with its own 400") or the WAR does, in which case it is the preview's HTML problem page.
     * Sent raw through HttpClient: a browser (HtmlUnit too) would resolve the dot segments itself.
     * What the servers do today: Jetty (embedded and distribution) refuses every encoded one with
     * its own 400 ("Ambiguous URI path segment/separator", "Suspicious Path Character"); Tomcat
     * refuses %2f and %5c with its own 400 but decodes and normalises %2e%2e, so /preview/%2e%2e
     * reaches / and /preview/%2e%2e/health reaches /health unless the WAR guards /preview.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/preview/%2e%2e", "/preview/%2e%2e?token=x", "/preview/.%2e/x", "/preview/%2e%2e/health",
        "/preview/a%2fb.png", "/preview/a%5cb.png", "/preview/"})
    void dotSegmentsAndEncodedSeparatorsAre400NeverAnotherPage(String path) throws Exception {
        HttpResponse<byte[]> response = war.get(path);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String shortBody = body.replaceAll("\\s+", " ");
        String answer = kind + " GET " + path + " -> " + response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("") + ": "
                + shortBody.substring(0, Math.min(shortBody.length(), 300));
        assertEquals(400, response.statusCode(), answer);
        if (containersOwnErrorPage(response, body)) {
            return;
        }
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), answer);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), answer);
        assertTrue(body.contains("preview link"), "the preview's problem page says what to do: " + answer);
    }

    /**
     * The server's own 400 page, written before the WAR saw the request: Tomcat's ErrorReportValve
     * or Jetty's ErrorHandler, without the nosniff header every response of the WAR carries.
     */
    static boolean containersOwnErrorPage(HttpResponse<byte[]> response, String body) {
        return response.headers().firstValue("X-Content-Type-Options").isEmpty()
                && (body.contains("<title>HTTP Status 400") || body.contains("<h2>HTTP ERROR 400"));
    }
}
