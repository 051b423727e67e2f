package com.pimpmycase.console;

import com.pimpmycase.web.HtmlText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping for the console's pages: every value that is not a literal of ours goes through here. */
final class Html {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** Text or attribute value: {@code & < > " '} escaped; {@code null} is empty. */
    static String esc(Object value) {
        return HtmlText.escape(value);
    }

    /** A time as operators read it, always UTC; {@code —} for none. */
    static String time(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    /** An ISO-8601 text as the delivery record holds it, shown as is; {@code —} for none. */
    static String orDash(Object value) {
        return value == null ? "—" : esc(value);
    }

    /** One path segment of a console URL (ids and filenames are restricted, but never trusted). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
