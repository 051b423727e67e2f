package com.pimpmycase.manufacturer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Makes text that came from the manufacturer (its {@code msg}) safe to keep, show and log (SPEC
 * §6). Secrets are blanked <em>before</em> the text is shortened, so a cut can never leave the
 * first part of one: every configured secret in any letter case, and any run of 8 or more of its
 * characters; the current login token and the {@code sign} values just sent; any run of 32 or more
 * hex digits. Then line and paragraph separators, bidirectional controls and other control
 * characters become spaces, and the text is cut to {@link #MAX_LENGTH} characters. Pure.
 */
public final class ManufacturerText {

    /** How much of a msg is kept: it ends up in last_error, events, /health, the console and logs. */
    public static final int MAX_LENGTH = 200;
    /** A run of this many characters of a configured secret is blanked (§6). */
    static final int SECRET_RUN = 8;
    /** A run of this many hex digits is blanked: a token signature, a sign, a key (§6). */
    static final int HEX_RUN = 32;
    static final String BLANK = "***";
    /** Looked at before blanking; longer text is never kept anyway (the cut is far below). */
    private static final int MAX_SCANNED = 2000;

    private final List<String> configured;

    /** @param configured the configured secrets: password, fixedKey, webhook secrets (null entries ignored) */
    public ManufacturerText(Collection<String> configured) {
        List<String> secrets = new ArrayList<>();
        for (String secret : configured) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(lower(secret));
            }
        }
        this.configured = List.copyOf(secrets);
    }

    /**
     * {@code text} made safe; {@code null} when nothing printable is left.
     *
     * @param alsoSecret values of this moment that are secret too: the login token, the signs sent
     */
    public String safe(String text, Collection<String> alsoSecret) {
        if (text == null) {
            return null;
        }
        String scanned = text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text;
        boolean[] blank = new boolean[scanned.length()];
        String lower = lower(scanned);
        for (String secret : configured) {
            markWhole(lower, secret, blank);
            markRuns(lower, secret, blank);
        }
        for (String value : alsoSecret) {
            if (value != null && value.length() >= 4) {
                markWhole(lower, lower(value), blank);
                markRuns(lower, lower(value), blank);
            }
        }
        markHexRuns(scanned, blank);
        return shorten(clean(apply(scanned, blank)));
    }

    /** Lower case char by char, so indexes stay those of the original text. */
    private static String lower(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            b.append(Character.toLowerCase(text.charAt(i)));
        }
        return b.toString();
    }

    private static void markWhole(String text, String secret, boolean[] blank) {
        if (secret.length() < 3) {
            return; // one or two characters would blank half of any sentence
        }
        for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
            for (int i = at; i < at + secret.length(); i++) {
                blank[i] = true;
            }
        }
    }

    /** Every run of {@link #SECRET_RUN} or more characters of {@code text} that also occurs in {@code secret}. */
    private static void markRuns(String text, String secret, boolean[] blank) {
        if (secret.length() < SECRET_RUN) {
            return;
        }
        for (int i = 0; i + SECRET_RUN <= text.length(); i++) {
            int longest = 0;
            for (int j = 0; j + SECRET_RUN <= secret.length(); j++) {
                int n = 0;
                while (i + n < text.length() && j + n < secret.length() && text.charAt(i + n) == secret.charAt(j + n)) {
                    n++;
                }
                longest = Math.max(longest, n);
            }
            if (longest >= SECRET_RUN) {
                for (int k = i; k < i + longest; k++) {
                    blank[k] = true;
                }
            }
        }
    }

    private static void markHexRuns(String text, boolean[] blank) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean hex = i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 128;
            if (hex && start < 0) {
                start = i;
            } else if (!hex && start >= 0) {
                if (i - start >= HEX_RUN) {
                    for (int k = start; k < i; k++) {
                        blank[k] = true;
                    }
                }
                start = -1;
            }
        }
    }

    /** Each blanked stretch becomes one {@link #BLANK}. */
    private static String apply(String text, boolean[] blank) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!blank[i]) {
                b.append(text.charAt(i));
            } else if (i == 0 || !blank[i - 1]) {
                b.append(BLANK);
            }
        }
        return b.toString();
    }

    /** Control characters, line and paragraph separators and bidirectional controls become spaces. */
    static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(unsafe(c) ? ' ' : c));
        return b.toString();
    }

    static boolean unsafe(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C
                || Character.getType(c) == Character.SURROGATE && !Character.isSupplementaryCodePoint(c);
    }

    private static String shorten(String text) {
        StringBuilder line = new StringBuilder();
        text.codePoints().limit(MAX_LENGTH).forEach(line::appendCodePoint);
        String result = line.toString().strip();
        return result.isEmpty() ? null : result;
    }
}
