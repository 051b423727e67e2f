package com.pimpmycase.token;

import com.pimpmycase.time.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured partner types and their lifetimes, parsed from the §7 text form
 * {@code type=default/max, …} with units {@code s m h d}.
 *
 * <p>Configured entries override the built-in defaults type by type and may add new types; a type
 * that the configuration does not mention keeps its default. This way an operator who only wants
 * shorter customer links writes {@code end_user=30m/1h} and the manufacturer keeps working.
 */
public final class PartnerPolicies {

    public static final String END_USER = "end_user";
    public static final String CHINESE_MANUFACTURING = "chinese_manufacturing";
    public static final String ADMIN = "admin";

    public static final String DEFAULT_TEXT =
            "end_user=1h/4h, chinese_manufacturing=48h/72h, admin=24h/168h";

    /** A type is 1–64 characters of {@code [A-Za-z0-9_-]}: what a token can carry (SPEC §2). */
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_-]{1,64})\\s*=([^/]*)/(.*)");

    private static final PartnerPolicies DEFAULTS = new PartnerPolicies(parseEntries(DEFAULT_TEXT));

    private final Map<String, PartnerPolicy> byType;

    private PartnerPolicies(Map<String, PartnerPolicy> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    public static PartnerPolicies defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults overridden by {@code text}.
     *
     * @throws IllegalArgumentException naming the entry that does not parse
     */
    public static PartnerPolicies withOverrides(String text) {
        Map<String, PartnerPolicy> merged = new LinkedHashMap<>(DEFAULTS.byType);
        merged.putAll(parseEntries(text));
        return new PartnerPolicies(merged);
    }

    /** Only the entries of {@code text}, no defaults (for tests and tools). */
    public static PartnerPolicies parse(String text) {
        return new PartnerPolicies(parseEntries(text));
    }

    /** The policy of {@code type}, or {@code null} when that type is not configured. */
    public PartnerPolicy find(String type) {
        return byType.get(type);
    }

    public Set<String> types() {
        return byType.keySet();
    }

    private static Map<String, PartnerPolicy> parseEntries(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no partner policy given");
        }
        Map<String, PartnerPolicy> result = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue; // tolerate "a=1h/2h," and doubled commas
            }
            Matcher m = ENTRY.matcher(entry);
            boolean typed = m.matches(); // type=<default>/<max>, each a §7 duration
            Duration defaultLifetime = typed ? Durations.parse(m.group(2)) : null;
            Duration maxLifetime = typed ? Durations.parse(m.group(3)) : null;
            if (defaultLifetime == null || maxLifetime == null) {
                throw new IllegalArgumentException("cannot parse '" + entry
                        + "': expected type=<default>/<max> such as end_user=1h/4h (units s, m, h, d)");
            }
            String type = m.group(1);
            if (result.containsKey(type)) {
                throw new IllegalArgumentException("partner type '" + type + "' is given twice");
            }
            result.put(type, new PartnerPolicy(type, defaultLifetime, maxLifetime));
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no partner policy given");
        }
        return result;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        byType.values().forEach(p -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(p.type()).append('=').append(p.defaultLifetime().toSeconds()).append("s/")
                .append(p.maxLifetime().toSeconds()).append('s'));
        return sb.toString();
    }
}
