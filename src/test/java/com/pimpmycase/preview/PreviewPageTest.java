package com.pimpmycase.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.image.ImageDenial;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The preview's pages rendered from their view models, without a server. */
class PreviewPageTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"&";

    @Test
    void designShowsTheLinkTheValidityAndTheNonce() {
        String html = PreviewPage.design("a.png", "/image/a.png?token=1:end_user:ab", 7200,
                Instant.ofEpochSecond(0), "n0nce");
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<img src=\"/image/a.png?token=1:end_user:ab\""), html);
        assertTrue(html.contains("download=\"a.png\""), html);
        assertTrue(html.contains("data-expires=\"7200\""), html);
        assertTrue(html.contains("<time datetime=\"1970-01-01T02:00:00Z\">1 Jan 1970, 02:00 UTC</time> (2 hours from"),
                html);
        assertTrue(html.contains("<style nonce=\"n0nce\">") && html.contains("<script nonce=\"n0nce\">"), html);
        assertTrue(html.contains("width: 100%;") && html.contains("left % 60"), html);
    }

    @Test
    void designEscapesEveryValue() {
        String html = PreviewPage.design(HOSTILE, "/image/x?token=" + HOSTILE, 60, Instant.ofEpochSecond(0), "n");
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("download=\"&lt;script>alert(&#39;x&#39;)&lt;/script>&#34;&amp;\""), html);
    }

    @Test
    void problemEscapesTitleAndExplanation() {
        String html = PreviewPage.problem(HOSTILE, HOSTILE, "n");
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("<h1>&lt;script&gt;"), html);
        assertTrue(html.contains("<title>&lt;script&gt;"), html);
        assertTrue(html.contains("<p class=\"explanation\">&lt;script&gt;"), html);
    }

    @Test
    void everyRefusalHasItsPage() {
        for (ImageDenial denial : ImageDenial.values()) {
            assertTrue(PreviewRefusals.page(denial, "n").contains("<h1>This "), denial.name());
        }
        assertTrue(PreviewRefusals.notFound("n").contains("<h1>This design is no longer available</h1>"));
    }

    @Test
    void remainingReadsAsPeopleSayIt() {
        assertEquals("less than a minute", PreviewPage.remaining(Duration.ofSeconds(59)));
        assertEquals("3 hours 5 minutes", PreviewPage.remaining(Duration.ofMinutes(185)));
        assertEquals("1 hour", PreviewPage.remaining(Duration.ofMinutes(60)));
    }
}
