package com.pimpmycase.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.DeployedWar;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §5 preview, in a headless browser (HtmlUnit), against the WAR. */
class PreviewPageIT {

    static final String DESIGN = "order-OREN7-final-1756378358-e5f1af36.png";
    static final byte[] DESIGN_BYTES = TestImages.png(180, 370);

    @TempDir
    static Path data;
    static DeployedWar war;
    static TokenMinter minter;

    WebClient browser;
    /** Every URL the browser asked for while a test ran. */
    final List<URL> requested = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void deploy() throws Exception {
        war = DeployedWar.start(data);
        war.storeImage(DESIGN, DESIGN_BYTES);
        minter = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = new WebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
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
}
