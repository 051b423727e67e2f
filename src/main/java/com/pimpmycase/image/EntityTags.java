package com.pimpmycase.image;

/** Matching entity tags against an {@code If-Match} / {@code If-None-Match} list (RFC 9110 §8.8.3). */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * Whether {@code header} ({@code *} or a comma-separated list of entity tags) names {@code etag}.
     *
     * @param etag our strong tag, quoted
     * @param strong strong comparison (If-Match): a weak tag in the list never matches; weak
     *     comparison (If-None-Match) ignores the {@code W/} prefix
     */
    public static boolean anyMatches(String header, String etag, boolean strong) {
        String list = header.strip();
        if (list.equals("*")) {
            return true;
        }
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = false;
            if (list.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return false; // not an entity-tag list: nothing matches
            }
            int close = list.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            String opaque = list.substring(i, close + 1);
            if (opaque.equals(etag) && !(strong && weak)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
