package com.pimpmycase.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console's view models write values for operators (the templates escape them). */
final class ConsoleText {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConsoleText() {
    }

    /** A time as operators read it, always UTC; {@code —} for none. */
    static String time(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    /** A value as shown in a field: {@code —} for none. */
    static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }

    /** One path segment of a console URL (ids and filenames are restricted, but never trusted). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
