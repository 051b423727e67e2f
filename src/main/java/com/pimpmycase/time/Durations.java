package com.pimpmycase.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as text, both ways: read in the form of SPEC §7 ({@code 15s}, {@code 15m}, {@code 72h},
 * {@code 3d}) from configuration, and written in words support can paste ({@code 47 h 59 min}).
 */
public final class Durations {

    /** A whole number and one unit, spaces allowed around both. */
    private static final Pattern CONFIGURED = Pattern.compile("\\s*(\\d{1,9})\\s*([smhd])\\s*");

    private Durations() {
    }

    /** The §7 duration {@code text} ({@code 15s}, {@code 72h}, …), or {@code null} when it is not one. */
    public static Duration parse(String text) {
        Matcher m = CONFIGURED.matcher(text);
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

    /**
     * In words: {@code 45 s}, {@code 12 min}, {@code 47 h 59 min}, and days only from 100 h on
     * ({@code 5 d 4 h}), so a manufacturing link's 48 h reads as the partner knows it. The sign is
     * dropped: the caller says "ago" or "in".
     */
    public static String text(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds >= 100 * 3600 ? seconds % 86_400 / 3600 : seconds / 3600;
        long minutes = seconds % 3600 / 60;
        if (seconds >= 100 * 3600) {
            return hours == 0 ? days + " d" : days + " d " + hours + " h";
        }
        if (hours > 0) {
            return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return minutes + " min";
        }
        return seconds + " s";
    }

    /** A policy's lifetime as its configuration would say it: whole hours as {@code 168 h}. */
    public static String policy(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
