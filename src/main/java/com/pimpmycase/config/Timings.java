package com.pimpmycase.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often each background task of the service runs: the one place where those intervals are
 * set. The defaults are the production values (SPEC §9–§11 promise what they add up to); the
 * optional {@code pimpmycase/timings} entry ({@code downloadFlush=200ms, countsRefresh=1s}) lets the
 * tests shorten them, so that a test waits milliseconds for a flush instead of seconds.
 *
 * @param revocationRefresh how often a node re-reads the revocations changed elsewhere (SPEC §10: within ~2 s)
 * @param revocationPrune   how often expired link revocations and the old change log are dropped
 * @param downloadFlush     how often a node adds its download counts to the shared totals (SPEC §11: ≤ 10 s)
 * @param hourlyCountsFlush how often the console's hourly counts are written
 * @param countsRefresh     how often the delivery counts behind /health and the metrics are re-read
 * @param paymentSweep      how often paid orders waiting for their payment are started (deliverOn=payment)
 * @param deliveryPoll      how often the dispatcher looks for due deliveries when nothing woke it
 */
public record Timings(Duration revocationRefresh, Duration revocationPrune, Duration downloadFlush,
        Duration hourlyCountsFlush, Duration countsRefresh, Duration paymentSweep, Duration deliveryPoll) {

    public static final Timings DEFAULTS = new Timings(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(500));

    private static final Pattern ENTRY = Pattern.compile("\\s*(\\w+)\\s*=\\s*(\\d{1,9})\\s*(ms|s|m)\\s*");

    /**
     * {@code name=duration} pairs separated by commas; a name not given keeps its default. Throws
     * {@link IllegalArgumentException} naming what is wrong.
     */
    public static Timings parse(String text) {
        Map<String, Duration> values = new LinkedHashMap<>(DEFAULTS.asMap());
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = ENTRY.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not name=duration such as downloadFlush=200ms");
            }
            if (!values.containsKey(m.group(1))) {
                throw new IllegalArgumentException("unknown timing '" + m.group(1) + "' (known: " + values.keySet() + ")");
            }
            long n = Long.parseLong(m.group(2));
            Duration d = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
            if (d.isZero()) {
                throw new IllegalArgumentException("timing '" + m.group(1) + "' must be above zero");
            }
            values.put(m.group(1), d);
        }
        return new Timings(values.get("revocationRefresh"), values.get("revocationPrune"), values.get("downloadFlush"),
                values.get("hourlyCountsFlush"), values.get("countsRefresh"), values.get("paymentSweep"),
                values.get("deliveryPoll"));
    }

    private Map<String, Duration> asMap() {
        Map<String, Duration> map = new LinkedHashMap<>();
        map.put("revocationRefresh", revocationRefresh);
        map.put("revocationPrune", revocationPrune);
        map.put("downloadFlush", downloadFlush);
        map.put("hourlyCountsFlush", hourlyCountsFlush);
        map.put("countsRefresh", countsRefresh);
        map.put("paymentSweep", paymentSweep);
        map.put("deliveryPoll", deliveryPoll);
        return map;
    }
}
