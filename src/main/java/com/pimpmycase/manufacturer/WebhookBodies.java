package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.web.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a webhook body as the existing system did (SPEC §9): a JSON object, or an
 * {@code application/x-www-form-urlencoded} body (fields from the body only, never the query
 * string). Each top-level field keeps its name as sent and its value <em>as its text in the
 * body</em> — a JSON number as written ({@code 35.00} stays {@code 35.00}), a string as JSON
 * decodes it, untrimmed — because the manufacturer's {@code sign} is computed over that text.
 * Strict where a lenient reader could verify one reading of the bytes while the sender meant
 * another ({@link StrictJson}): trailing content, duplicate keys (at any depth), a repeated form
 * name, text that is not UTF-8 are all unreadable.
 */
final class WebhookBodies {

    private static final String NOT_UTF8 = "the body is not UTF-8 text";

    /** A webhook body is a few dozen bytes. */
    static final int MAX_BYTES = 16 * 1024;

    private static final StrictJson STRICT = new StrictJson(16);

    /** What a top-level value is; only the first four take part in the {@code sign}. */
    enum Kind {
        STRING, INTEGER, FRACTION, BOOLEAN, NULL, STRUCTURE;

        /** Whether the value is a primitive that enters the sign (not null, not an object or array). */
        boolean signed() {
            return this != NULL && this != STRUCTURE;
        }
    }

    /** One top-level field: its name as sent, and its value's text ({@code null} for null and structures). */
    record Field(String name, Kind kind, String text) {}

    /** The body is unreadable; the message says why, in a few words (never a value). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private WebhookBodies() {
    }

    /** Whether {@code contentType} announces a form body; anything else is read as JSON. */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded");
    }

    /** The fields of {@code bytes}, a form body when {@code form}, else a JSON object, in the order sent. */
    static List<Field> read(byte[] bytes, boolean form) throws Unreadable {
        return form ? form(bytes) : json(bytes);
    }

    static List<Field> json(byte[] bytes) throws Unreadable {
        if (bytes.length == 0) {
            throw new Unreadable("empty body: expected a JSON object");
        }
        List<Field> fields;
        try {
            fields = STRICT.read(StrictJson.utf8(bytes), WebhookBodies::topLevelFields);
        } catch (StrictJson.Invalid e) {
            throw new Unreadable(switch (e.problem()) {
                case NOT_UTF8 -> NOT_UTF8;
                case NO_VALUE -> "empty body: expected a JSON object";
                case EXTRA_DATA -> "invalid JSON: extra data after the JSON value";
                case DUPLICATE_KEY -> "invalid JSON: " + e.getMessage().replace('\'', '"');
                case MALFORMED -> "invalid JSON";
            });
        }
        if (fields == null) {
            throw new Unreadable("the body must be a JSON object");
        }
        return fields;
    }

    /**
     * The fields of the object the parser stands on, or {@code null} when the value is no object
     * (read to its end all the same: broken JSON is "invalid JSON", not "not an object").
     */
    private static List<Field> topLevelFields(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        List<Field> fields = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            fields.add(switch (value) {
                case VALUE_STRING -> new Field(name, Kind.STRING, parser.getText());
                // getText() of a number token is the number as written in the body.
                case VALUE_NUMBER_INT -> new Field(name, Kind.INTEGER, parser.getText());
                case VALUE_NUMBER_FLOAT -> new Field(name, Kind.FRACTION, parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> new Field(name, Kind.BOOLEAN, parser.getText());
                case VALUE_NULL -> new Field(name, Kind.NULL, null);
                default -> {
                    parser.skipChildren();
                    yield new Field(name, Kind.STRUCTURE, null);
                }
            });
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "no end of the object");
        }
        return List.copyOf(fields);
    }

    /**
     * An {@code application/x-www-form-urlencoded} body: {@code name=value} pairs joined by
     * {@code &}, {@code +} a space, {@code %XX} a byte of UTF-8 text. Every value is a string.
     */
    static List<Field> form(byte[] bytes) throws Unreadable {
        String text = utf8(bytes);
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.isEmpty()) {
                throw new Unreadable("invalid form body: a field without a name");
            }
            if (!names.add(name)) {
                throw new Unreadable("invalid form body: field \"" + name + "\" given twice");
            }
            fields.add(new Field(name, Kind.STRING, value));
        }
        if (fields.isEmpty()) {
            throw new Unreadable("empty body: expected form fields");
        }
        return List.copyOf(fields);
    }

    /**
     * The body as the {@code sign} rule reads it: each top-level primitive under its name as sent,
     * its value the text as received (a string node: {@code 35.00} stays {@code 35.00}, {@code true}
     * is {@code true}); null, objects and arrays left out.
     */
    static ObjectNode signedView(List<Field> body) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Field field : body) {
            if (field.kind().signed()) {
                node.put(field.name(), field.text());
            }
        }
        return node;
    }

    private static String decode(String encoded) throws Unreadable {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new Unreadable("invalid form body: a bad %-escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) { // a pair: take both halves at once
                    raw = encoded.substring(i, Math.min(i + 2, encoded.length())).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(raw);
            }
        }
        return utf8(out.toByteArray());
    }

    private static String utf8(byte[] bytes) throws Unreadable {
        try {
            return StrictJson.utf8(bytes);
        } catch (StrictJson.Invalid e) {
            throw new Unreadable(NOT_UTF8);
        }
    }
}
