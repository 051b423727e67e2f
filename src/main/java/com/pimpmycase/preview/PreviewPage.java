package com.pimpmycase.preview;

import com.pimpmycase.web.Views;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The customer's preview (SPEC §5) as view models rendered by src/main/jte/preview (public for the
 * precompiled templates): phone-sized first, everything inline (no asset from
 * another host), plain English. The validity reads correctly without JavaScript; with it, it
 * counts down. The token appears only inside the image and download URLs.
 */
public final class PreviewPage {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private PreviewPage() {
    }

    /** The view model of preview/design.jte: the design the token opens. */
    public record Design(String filename, String imageUrl, long expiresAt, Instant expiry, String until, String remaining,
            String nonce) {}

    /** The view model of preview/problem.jte: what went wrong and what to do. */
    public record Problem(String title, String explanation, String nonce) {}

    /** The preview of a design that the token opens. */
    static String design(String filename, String imageUrl, long expiresAt, Instant now, String nonce) {
        Instant expiry = Instant.ofEpochSecond(expiresAt);
        return Views.render("preview/design.jte", new Design(filename, imageUrl, expiresAt, expiry,
                WHEN.format(expiry), remaining(Duration.between(now, expiry)), nonce));
    }

    /** A page that says what went wrong and what to do, never a stack trace or JSON. */
    static String problem(String title, String explanation, String nonce) {
        return Views.render("preview/problem.jte", new Problem(title, explanation, nonce));
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
}
