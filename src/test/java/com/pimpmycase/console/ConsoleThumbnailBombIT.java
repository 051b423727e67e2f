package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.nio.file.Path;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, items 6 and 8e, through the console route on embedded Jetty: the 16384×6103 PNG (a few
 * hundred KB, 100 Mpx) and a broken PNG answer the placeholder quickly, and again quickly.
 */
class ConsoleThumbnailBombIT {

    static final String BOMB = "order-THUMBS1-final-1764313200-0a1b2c3d.png";
    static final String BROKEN = "order-THUMBS2-final-1764313200-0a1b2c3e.png";
    static final String DESIGN = "order-THUMBS3-final-1764313200-0a1b2c3f.png";

    @TempDir
    static Path data;
    static DeployedWar war;

    @BeforeAll
    static void deploy() throws Exception {
        war = DeployedWar.start(data);
        war.storeImage(BOMB, ThumbnailBombs.png(16384, 6103, 8, ThumbnailBombs.RGB, false, 0x80));
        war.storeImage(BROKEN, ThumbnailBombs.truncated(ThumbnailBombs.png(5000, 5000, 8, ThumbnailBombs.RGB, false, 0x80), 0.5));
        war.storeImage(DESIGN, TestImages.png(640, 1200));
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    @Test
    void aBombsThumbnailIsThePlaceholderQuicklyAndAgainQuickly() throws Exception {
        try (WebClient browser = ConsoleSignIn.browser()) {
            ConsoleSignIn.signIn(browser, war.base(), ConsoleUsers.OPERATOR, ConsoleUsers.OPERATOR_PASSWORD, "embedded Jetty");
            // The route, the session and the decoding threads warmed up on a real design first.
            WebResponse design = browser.getPage(war.base() + "/console/thumbnails/" + DESIGN).getWebResponse();
            assertEquals(200, design.getStatusCode());
            assertEquals(160, ThumbnailsTest.image(design.getContentAsStream().readAllBytes()).getHeight());
            for (String pic : new String[] {BOMB, BROKEN}) {
                for (int view = 1; view <= 2; view++) {
                    long start = System.nanoTime();
                    WebResponse thumbnail = browser.getPage(war.base() + "/console/thumbnails/" + pic).getWebResponse();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    String what = pic + " view " + view + " (" + ms + " ms)";
                    assertEquals(200, thumbnail.getStatusCode(), what);
                    assertEquals("image/png", thumbnail.getContentType(), what);
                    assertArrayEquals(Thumbnails.placeholder(), thumbnail.getContentAsStream().readAllBytes(),
                            what + ": the placeholder");
                    assertTrue(thumbnail.getResponseHeaderValue("ETag").startsWith("\"t160p-"), what);
                    // Generous for a busy 2-core machine; today's code needs well over this for the bomb.
                    assertTrue(ms < (view == 1 ? 1500 : 500), what);
                    System.out.println("[thumbnail route] " + what);
                }
            }
        }
    }
}
