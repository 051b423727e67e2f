package com.pimpmycase.console;

import java.sql.SQLException;
import java.util.Map;

/**
 * The dashboard (SPEC §12): the last 48 hours per hour — downloads, refusals by type, delivery
 * attempts by result — from every node's flushed counts, and the delivery backlog now.
 */
final class DashboardPage {

    static final int HOURS = 48;

    private DashboardPage() {
    }

    static String render(ConsoleParts parts) throws SQLException {
        HourlyCounts.Chart chart = parts.counts().lastHours(HOURS);
        StringBuilder sb = new StringBuilder(32768);
        sb.append("<h1>Dashboard</h1>\n<section aria-labelledby=\"now-h\"><h2 id=\"now-h\">Deliveries now</h2>\n");
        try {
            ConsoleServices.Backlog backlog = parts.services().backlog();
            if (backlog.problem() != null) {
                sb.append(PageShell.notice("problem", "Delivery is misconfigured: the manufacturer answers \""
                        + backlog.problem() + "\" to every order. Check pimpmycase/manufacturer/fixedKey, systemName,"
                        + " account and password; waiting deliveries go out by themselves once it is fixed."));
            }
            sb.append("<dl class=\"fields now\"><dt>Waiting (backlog)</dt><dd data-figure=\"pending\">")
                    .append(backlog.pending()).append("</dd><dt>Oldest waiting</dt><dd>")
                    .append(backlog.pending() == 0 ? "—" : backlog.oldestPendingSeconds() + " s")
                    .append("</dd><dt>Failed</dt><dd data-figure=\"failed\">").append(backlog.failed())
                    .append("</dd></dl>\n");
        } catch (ConsoleServices.NotAvailable e) {
            sb.append(PageShell.notice("note", e.getMessage()));
        }
        sb.append("</section>\n<p class=\"hint\">Per hour (UTC) over the last ").append(HOURS)
                .append(" hours, all nodes together; each node adds its counts every few seconds.</p>\n");
        sb.append("<section aria-labelledby=\"downloads-h\"><h2 id=\"downloads-h\">Downloads</h2>\n");
        long[] downloads = chart.of(HourlyCounts.Series.DOWNLOAD).getOrDefault("", new long[HOURS]);
        sb.append(Charts.bars("downloads", "Downloads", "download", chart.hours(), downloads)).append("</section>\n");
        section(sb, "refusals", "Refusals by type", "refusal", chart, chart.of(HourlyCounts.Series.REFUSAL),
                "No link was refused in the last 48 hours.");
        section(sb, "deliveries", "Delivery attempts by result", "delivery", chart,
                chart.of(HourlyCounts.Series.DELIVERY), "No delivery attempt in the last 48 hours.");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String id, String title, String kind, HourlyCounts.Chart chart,
            Map<String, long[]> series, String none) {
        sb.append("<section aria-labelledby=\"").append(id).append("-h\"><h2 id=\"").append(id).append("-h\">")
                .append(title).append("</h2>\n");
        if (series.isEmpty()) {
            sb.append("<p>").append(none).append("</p>\n");
        }
        series.forEach((label, counts) -> sb.append(Charts.bars(id + "-" + label, label, kind, chart.hours(), counts)));
        sb.append("</section>\n");
    }
}
