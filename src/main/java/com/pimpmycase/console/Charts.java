package com.pimpmycase.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bar charts of hourly counts (SPEC §12) as view models for src/main/jte/console/chart.jte (inline
 * SVG), with the numbers beside them: the total, the busiest hour, the current hour, and every
 * non-empty hour in a table a screen reader can read. Colours come from the stylesheet (classes),
 * so the page needs no inline style.
 */
public final class Charts {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final int WIDTH = 480;
    private static final int HEIGHT = 120;
    private static final int AXIS = 16;

    /** One bar; coordinates with one decimal, as SVG reads them. */
    public record Bar(String x, String y, String width, String height, String hour, long count) {}

    /** One non-empty hour of the table. */
    public record Hour(String hour, long count) {}

    /**
     * One chart; {@code kind} picks the bar colour ({@code download}, {@code refusal},
     * {@code delivery}); {@code busiest} is "count (hour UTC)" or {@code —}.
     */
    public record Chart(String id, String title, String kind, int hours, long total, long current, String busiest,
            List<Bar> bars, String firstHour, String lastHour, List<Hour> nonEmptyHours) {

        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }

        public int axis() {
            return AXIS;
        }
    }

    private Charts() {
    }

    static Chart bars(String id, String title, String kind, List<Instant> hours, long[] counts) {
        long total = 0;
        long max = 0;
        int busiest = -1;
        for (int i = 0; i < counts.length; i++) {
            total += counts[i];
            if (counts[i] > max) {
                max = counts[i];
                busiest = i;
            }
        }
        List<Bar> bars = new ArrayList<>();
        double slot = (double) WIDTH / counts.length;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                double h = Math.max(1, (double) counts[i] / max * (HEIGHT - 4));
                bars.add(new Bar(decimal(i * slot + 1), decimal(HEIGHT - h), decimal(Math.max(1, slot - 2)), decimal(h),
                        HOUR.format(hours.get(i)), counts[i]));
            }
        }
        List<Hour> nonEmpty = new ArrayList<>();
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                nonEmpty.add(new Hour(HOUR.format(hours.get(i)), counts[i]));
            }
        }
        return new Chart(id, title, kind, hours.size(), total, counts[counts.length - 1],
                busiest < 0 ? "—" : max + " (" + HOUR.format(hours.get(busiest)) + " UTC)", bars,
                HOUR.format(hours.get(0)), HOUR.format(hours.get(hours.size() - 1)), nonEmpty);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
