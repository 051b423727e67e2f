package com.pimpmycase.support;

import java.time.Duration;

/** Durations in words support can paste: {@code 45 s}, {@code 12 min}, {@code 47 h 59 min}, {@code 3 d 4 h}. */
final class Durations {

    private Durations() {
    }

    static String text(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
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
}
