package com.pimpmycase.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the raw query string ({@code getQueryString()}) ourselves, never through the container's
 * parameter parser (issue 22.8a): Tomcat's parser logs a value it cannot decode in full (a token
 * with {@code %zz} after it went to {@code catalina.out}), and Tomcat and Jetty each decide
 * differently what a bad escape means. Here: {@code &} separates pairs, {@code +} is a space, a
 * {@code %} must be followed by two hex digits, and the bytes must be UTF-8 (the URL standard's
 * {@code application/x-www-form-urlencoded}, which both containers apply to queries).
 */
public final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * Every value of the parameter {@code name}, in order; {@code null} when it is absent.
     * {@code ?name} and {@code ?name=} give an empty value. A value that does not decode is given
     * as sent (still percent-encoded): it keeps its {@code %}, so it can never pass for a token.
     */
    public static String[] values(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>(1);
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            if (name.equals(decode(rawName))) {
                String value = decode(rawValue);
                values.add(value == null ? rawValue : value);
            }
        }
        return values.isEmpty() ? null : values.toArray(String[]::new);
    }

    /**
     * Whether some part of the query does not decode: a {@code %} not followed by two hex digits,
     * or escapes whose bytes are not UTF-8. {@code null} or empty is fine.
     */
    public static boolean isMalformed(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return false;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.indexOf('%') >= 0 && decode(pair.replace('=', '&')) == null) {
                return true;
            }
        }
        return false;
    }

    /** The value of an ASCII hex digit, else -1 (not {@link Character#digit}: it takes other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** The decoded text, or {@code null} when it does not decode. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw.indexOf('+') < 0 ? raw : raw.replace('+', ' ');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int low = high < 0 ? -1 : hex(raw.charAt(i + 2));
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
