package com.pimpmycase.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration text of §7 ({@code 15s}, {@code 15m}, {@code 72h}, {@code 3d}): a whole number and one unit. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*([smhd])\\s*");

    private Durations() {
    }

    /** The duration, or {@code null} when {@code text} is not one. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
