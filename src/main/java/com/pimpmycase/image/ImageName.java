package com.pimpmycase.image;

import com.pimpmycase.web.LogText;

/**
 * The filename rule of SPEC §3: one path segment {@code ^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$}. The
 * first character being alphanumeric also rules out {@code .} and {@code ..}.
 */
public final class ImageName {

    public static final int MAX_LENGTH = 200;

    private ImageName() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !isAlnum(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** The last path segment of a URL path or a bare name (query ignored); the caller validates it. */
    public static String lastSegment(String pathOrUrl) {
        String path = pathOrUrl;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0) {
            path = path.substring(0, fragment);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** An untrusted name as a log line may show it ({@link LogText#escape}). */
    public static String forLog(String name) {
        return LogText.escape(name);
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
