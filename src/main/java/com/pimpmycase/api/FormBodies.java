package com.pimpmycase.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code application/x-www-form-urlencoded} request bodies, instead of Jersey's form reader:
 * that one throws on a {@code charset} the JVM does not know (a 500) and hands the resource
 * {@code null} for an absent body. Here every body gives a form or a contract-shaped refusal:
 *
 * <ul>
 *   <li>415 for a charset other than UTF-8 (or its subset US-ASCII), and for content without a
 *       {@code Content-Type}: the content may be fine, but not in a format this endpoint takes
 *       (RFC 9110 §15.5.16), the same answer Jersey gives a JSON body sent here;
 *   <li>400 {@code form_invalid} (shaped like {@code json_invalid}) when the body is in the right
 *       format but cannot be decoded: a {@code %} not followed by two hex digits, or bytes that
 *       are not UTF-8 once decoded;
 *   <li>413 beyond {@link JsonBodies#MAX_BYTES}; an empty or absent body is an empty form, so the
 *       resource reports each required field as {@code missing} (422).
 * </ul>
 *
 * UTF-8 only, as the URL standard defines this format: our fields are ASCII ids, names and
 * numbers, and guessing at other charsets would only let one body read two ways.
 */
public final class FormBodies {

    static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private FormBodies() {
    }

    /**
     * The fields of the body in order of appearance, each with its values (a field given twice has
     * two, which the {@link Validator} refuses where one is expected).
     *
     * @param contentType the request's {@code Content-Type} header, or {@code null}
     */
    public static Map<String, List<String>> read(InputStream body, String contentType) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(JsonBodies.MAX_BYTES + 1);
        if (bytes.length > JsonBodies.MAX_BYTES) {
            throw ApiException.detail(413, "Request body too large");
        }
        if (contentType == null || contentType.isBlank()) {
            if (bytes.length > 0) {
                throw unsupported(); // content without a type is application/octet-stream (RFC 9110 §8.3)
            }
        } else if (!isUtf8Form(contentType)) {
            throw unsupported();
        }
        return parse(bytes);
    }

    /** {@code application/x-www-form-urlencoded}, with no charset or a UTF-8 one. */
    static boolean isUtf8Form(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase(FORM_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip();
            if (name.equalsIgnoreCase("charset")) {
                String value = equals < 0 ? "" : unquote(parameter.substring(equals + 1).strip());
                String charset = value.toUpperCase(Locale.ROOT);
                if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** WHATWG URL-encoded parsing, strict: {@code &}-separated {@code name=value}, {@code +} a space. */
    static Map<String, List<String>> parse(byte[] bytes) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int start = 0;
        while (start <= bytes.length) {
            int end = indexOf(bytes, (byte) '&', start, bytes.length);
            if (end > start) { // empty pieces ("a=1&&b=2", a trailing "&") are skipped
                int equals = indexOf(bytes, (byte) '=', start, end);
                String name = decode(bytes, start, equals);
                String value = equals == end ? "" : decode(bytes, equals + 1, end);
                fields.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        fields.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(fields);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    /** Percent-decodes {@code bytes[from, to)} and reads the result as UTF-8. */
    private static String decode(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(bytes[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw invalid("'%' must be followed by two hex digits");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid("the decoded bytes are not UTF-8");
        }
    }

    private static ApiException unsupported() {
        return ApiException.detail(415,
                "Unsupported Media Type: send the form as application/x-www-form-urlencoded in UTF-8");
    }

    /** {@code {"detail":[{"type":"form_invalid","loc":["body"],"msg":"…"}]}}, like {@code json_invalid}. */
    private static ApiException invalid(String why) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "form_invalid");
        error.put("loc", List.of("body"));
        error.put("msg", "Form decode error: " + why);
        return new ApiException(400, Map.of("detail", List.of(error)));
    }
}
