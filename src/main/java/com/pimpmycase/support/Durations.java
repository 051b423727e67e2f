package com.pimpmycase.support;

import java.time.Duration;

/**
 * Durations in words support can paste: {@code 45 s}, {@code 12 min}, {@code 47 h 59 min}, and days
 * only from 100 h on ({@code 5 d 4 h}): a manufacturing link's 48 h reads as the partner knows it.
 */
final class Durations {

    private Durations() {
    }

    static String text(Duration duration) {
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
    static String policy(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
