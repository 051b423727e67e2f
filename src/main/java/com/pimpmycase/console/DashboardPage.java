package com.pimpmycase.console;

import com.pimpmycase.download.HourlyCounts;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard (SPEC §12): the last 48 hours per hour — downloads, refusals by type, delivery
 * attempts by result — from every node's flushed counts, and the delivery backlog now. Gathers
 * the {@link View} that src/main/jte/console/dashboard.jte renders.
 */
public final class DashboardPage {

    static final int HOURS = 48;

    /** One section of charts, with what it says when there is none. */
    public record Section(String id, String title, List<Charts.Chart> charts, String none) {}

    /** The backlog now (or why it is not known) and the sections of charts. */
    public record View(PageShell.Frame frame, ConsoleServices.Backlog backlog, String backlogMissing,
            List<Section> sections) {

        public int hours() {
            return HOURS;
        }
    }

    private DashboardPage() {
    }

    static View gather(HttpServletRequest request, ConsoleParts parts) throws SQLException {
        HourlyCounts.Chart chart = parts.counts().lastHours(HOURS);
        ConsoleServices.Backlog backlog = null;
        String missing = null;
        try {
            backlog = parts.services().backlog();
        } catch (ConsoleServices.NotAvailable e) {
            missing = e.getMessage();
        }
        long[] downloads = chart.of(HourlyCounts.Series.DOWNLOAD).getOrDefault("", new long[HOURS]);
        List<Section> sections = List.of(
                new Section("downloads", "Downloads",
                        List.of(Charts.bars("downloads", "Downloads", "download", chart.hours(), downloads)), null),
                section("refusals", "Refusals by type", "refusal", chart, chart.of(HourlyCounts.Series.REFUSAL),
                        "No link was refused in the last 48 hours."),
                section("deliveries", "Delivery attempts by result", "delivery", chart,
                        chart.of(HourlyCounts.Series.DELIVERY), "No delivery attempt in the last 48 hours."));
        return new View(PageShell.frame(request, "Dashboard", PageShell.Section.DASHBOARD), backlog, missing, sections);
    }

    private static Section section(String id, String title, String kind, HourlyCounts.Chart chart,
            Map<String, long[]> series, String none) {
        List<Charts.Chart> charts = new ArrayList<>();
        series.forEach((label, counts) -> charts.add(Charts.bars(id + "-" + label, label, kind, chart.hours(), counts)));
        return new Section(id, title, charts, none);
    }
}
