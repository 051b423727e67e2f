package com.pimpmycase.preview;

import com.pimpmycase.web.HtmlText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The HTML of the customer's preview (SPEC §5): phone-sized first, everything inline (no asset from
 * another host), plain English. The validity reads correctly without JavaScript; with it, it
 * counts down. The token appears only inside the image and download URLs.
 */
final class PreviewPage {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private PreviewPage() {
    }

    /** The preview of a design that the token opens. */
    static String design(String filename, String imageUrl, long expiresAt, Instant now, String nonce) {
        Instant expiry = Instant.ofEpochSecond(expiresAt);
        String body = """
                <h1>Your phone case design</h1>
                <div class="case">
                <img src="%1$s" alt="Your custom phone case design">
                <span class="camera" aria-hidden="true"></span>
                </div>
                <p class="validity" id="validity" data-expires="%2$d">This preview link is valid until \
                <time datetime="%3$s">%4$s</time> (%5$s from when this page was opened).</p>
                <p><a class="button" href="%1$s" download="%6$s">Download your design</a></p>
                <p class="fine">Anyone with this link can see your design until it expires. \
                If it has expired, ask the shop for a new preview link.</p>
                <script nonce="%7$s">
                (function () {
                  var el = document.getElementById('validity');
                  var expires = Number(el.getAttribute('data-expires'));
                  var until = new Date(expires * 1000).toLocaleString();
                  function tick() {
                    var left = expires - Math.floor(Date.now() / 1000);
                    if (left < 0) {
                      el.textContent = 'This preview link has expired. Ask the shop for a new preview link.';
                      clearInterval(timer);
                      return;
                    }
                    var h = Math.floor(left / 3600), m = Math.floor(left %% 3600 / 60), s = left %% 60;
                    el.textContent = 'This preview link is valid for another '
                        + (h > 0 ? h + ' h ' : '') + m + ' min ' + s + ' s (until ' + until + ').';
                  }
                  var timer = setInterval(tick, 1000);
                  tick();
                })();
                </script>
                """.formatted(escape(imageUrl), expiresAt, expiry, WHEN.format(expiry),
                remaining(Duration.between(now, expiry)), escape(filename), nonce);
        return document("Your phone case design - PimpMyCase", body, nonce);
    }

    /** A page that says what went wrong and what to do, never a stack trace or JSON. */
    static String problem(String title, String explanation, String nonce) {
        String body = "<h1>" + escape(title) + "</h1>\n<p class=\"explanation\">" + escape(explanation) + "</p>\n";
        return document(title + " - PimpMyCase", body, nonce);
    }

    private static String document(String title, String body, String nonce) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <meta name="robots" content="noindex">
                <title>%s</title>
                <style nonce="%s">
                body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                       background: #f6f4fb; color: #1d1b26; line-height: 1.5; }
                main { max-width: 28rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; text-align: center; }
                h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
                .case { position: relative; width: min(72vw, 17rem); aspect-ratio: 9 / 18.5; margin: 0 auto;
                        border-radius: 2.6rem; background: #24212e; padding: .55rem; box-sizing: border-box;
                        box-shadow: 0 12px 30px rgba(40, 20, 80, .25); }
                .case img { width: 100%%; height: 100%%; object-fit: cover; border-radius: 2.1rem; display: block;
                            background: #ddd; }
                .camera { position: absolute; top: 1.2rem; left: 1.2rem; width: 3.1rem; height: 3.1rem;
                          border-radius: .9rem; background: rgba(20, 20, 20, .85); box-shadow: inset 0 0 0 2px #4a4658; }
                .validity { margin: 1.25rem 0 .5rem; }
                .button { display: inline-block; margin-top: .5rem; padding: .8rem 1.6rem; border-radius: 999px;
                          background: #5a32c0; color: #fff; text-decoration: none; font-weight: 600; }
                .button:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
                .fine, .explanation { color: #4d4a60; font-size: .95rem; }
                .fine { margin-top: 1.5rem; }
                @media (min-width: 48rem) { main { max-width: 40rem; padding-top: 3rem; } }
                </style>
                </head>
                <body>
                <main>
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), nonce, body);
    }

    /** "59 minutes", "3 hours 5 minutes", "less than a minute". */
    static String remaining(Duration left) {
        long minutes = Math.max(0, left.toMinutes());
        if (minutes < 1) {
            return "less than a minute";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        String h = hours == 0 ? "" : hours + (hours == 1 ? " hour" : " hours");
        String m = rest == 0 ? "" : rest + (rest == 1 ? " minute" : " minutes");
        return (h + " " + m).strip();
    }

    static String escape(String text) {
        return HtmlText.escape(text);
    }
}
