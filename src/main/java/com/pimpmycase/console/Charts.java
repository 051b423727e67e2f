package com.pimpmycase.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Inline SVG bar charts of hourly counts (SPEC §12), with the numbers beside them: the total, the
 * busiest hour, the current hour, and every non-empty hour in a table a screen reader can read.
 * Colours come from the stylesheet (classes), so the page needs no inline style.
 */
final class Charts {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final int WIDTH = 480;
    private static final int HEIGHT = 120;
    private static final int AXIS = 16;

    private Charts() {
    }

    /** One chart with its figures; {@code kind} picks the bar colour ({@code download}, {@code refusal}, {@code delivery}). */
    static String bars(String id, String title, String kind, List<Instant> hours, long[] counts) {
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
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<figure class=\"chart\" id=\"").append(Html.esc(id)).append("\">\n<figcaption>")
                .append(Html.esc(title)).append("</figcaption>\n<div class=\"chart-body\">\n");
        sb.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + AXIS)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append(", per hour, last ")
                .append(hours.size()).append(" hours: ").append(total).append(" in total\" class=\"bars ")
                .append(kind).append("\">\n");
        double slot = (double) WIDTH / counts.length;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double h = Math.max(1, (double) counts[i] / max * (HEIGHT - 4));
            sb.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>\n",
                    i * slot + 1, HEIGHT - h, Math.max(1, slot - 2), h, HOUR.format(hours.get(i)), counts[i]));
        }
        sb.append("<line x1=\"0\" y1=\"").append(HEIGHT).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(HEIGHT).append("\" class=\"axis\"/>\n");
        sb.append("<text x=\"0\" y=\"").append(HEIGHT + AXIS - 3).append("\" class=\"tick\">")
                .append(HOUR.format(hours.get(0))).append("</text>\n");
        sb.append("<text x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT + AXIS - 3)
                .append("\" class=\"tick end\">").append(HOUR.format(hours.get(hours.size() - 1))).append("</text>\n");
        sb.append("</svg>\n<dl class=\"figures\">")
                .append("<dt>Total</dt><dd data-figure=\"total\">").append(total).append("</dd>")
                .append("<dt>This hour</dt><dd data-figure=\"current\">").append(counts[counts.length - 1]).append("</dd>")
                .append("<dt>Busiest hour</dt><dd>")
                .append(busiest < 0 ? "—" : max + " (" + HOUR.format(hours.get(busiest)) + " UTC)")
                .append("</dd></dl>\n</div>\n");
        if (total > 0) {
            sb.append("<details><summary>Hours with ").append(Html.esc(title.toLowerCase(java.util.Locale.ROOT)))
                    .append("</summary>\n<table><thead><tr><th scope=\"col\">Hour (UTC)</th><th scope=\"col\">Count</th></tr></thead><tbody>\n");
            for (int i = counts.length - 1; i >= 0; i--) {
                if (counts[i] > 0) {
                    sb.append("<tr><td>").append(HOUR.format(hours.get(i))).append("</td><td>").append(counts[i])
                            .append("</td></tr>\n");
                }
            }
            sb.append("</tbody></table></details>\n");
        }
        return sb.append("</figure>\n").toString();
    }
}
