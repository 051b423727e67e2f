package com.pimpmycase.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three lists that classify a {@code code} 500 answer by its {@code msg} (SPEC §9's table,
 * §7 {@code reloginMessages}, {@code rejectMessages}, {@code configMessages}): case-insensitive
 * substrings, matched config first, then relogin, then reject. An empty list matches nothing.
 */
public record AnswerMessages(List<String> relogin, List<String> reject, List<String> config) {

    public static final String DEFAULT_RELOGIN = "token|login|expired|not logged";
    public static final String DEFAULT_REJECT = "No permission to access the current device|device does not exist|invalid parameter";
    public static final String DEFAULT_CONFIG = "Data signature failed|merchant account does not exist";

    /** What a {@code code} 500 answer means. */
    public enum Meaning { CONFIG, RELOGIN, REJECT, TRANSIENT }

    public AnswerMessages {
        relogin = List.copyOf(relogin);
        reject = List.copyOf(reject);
        config = List.copyOf(config);
    }

    public static AnswerMessages defaults() {
        return new AnswerMessages(parse(DEFAULT_RELOGIN), parse(DEFAULT_REJECT), parse(DEFAULT_CONFIG));
    }

    /** {@code a|b|c}, each entry stripped and lower-cased; blank entries are dropped. */
    public static List<String> parse(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** The meaning of a {@code code} 500 answer whose {@code msg} is {@code msg} ({@code null}: none). */
    public Meaning classify(String msg) {
        if (msg == null) {
            return Meaning.TRANSIENT;
        }
        String text = msg.toLowerCase(Locale.ROOT);
        if (matches(config, text)) {
            return Meaning.CONFIG;
        }
        if (matches(relogin, text)) {
            return Meaning.RELOGIN;
        }
        return matches(reject, text) ? Meaning.REJECT : Meaning.TRANSIENT;
    }

    private static boolean matches(List<String> list, String text) {
        for (String entry : list) {
            if (text.contains(entry)) {
                return true;
            }
        }
        return false;
    }
}
