package com.pimpmycase.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.pimpmycase.web.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON request bodies strictly: 400 {@code json_invalid} when unreadable, 413 when absurdly
 * large. Strict means one reading only: exactly one JSON value (nothing after it), no key twice in
 * an object, UTF-8 (RFC 8259 §8.1). A lenient reader lets a body mean one order to us and another
 * to the next parser of the same bytes (the last duplicate wins here, the first elsewhere).
 */
public final class JsonBodies {

    /** Orders are a few hundred bytes; anything near this is not an order. */
    static final int MAX_BYTES = 64 * 1024;
    /** Orders are flat; deep nesting is only ever an attack on the parser or on the 422 echo. */
    static final int MAX_NESTING_DEPTH = 32;

    /** Our own reader: {@code JsonResponses.MAPPER} writes responses and keeps Jackson's defaults. */
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .build();

    private JsonBodies() {
    }

    /** The body as a JSON object; other JSON values are 422 {@code model_attributes_type}. */
    public static JsonNode object(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw ApiException.detail(413, "Request body too large");
        }
        if (bytes.length == 0) {
            throw ApiException.unprocessable(FieldError.of("missing", List.of("body"), "Field required", null));
        }
        JsonNode node = parse(bytes);
        if (!node.isObject()) {
            throw ApiException.unprocessable(FieldError.of("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", node));
        }
        return node;
    }

    /** Exactly one JSON value of UTF-8 text, or 400 {@code json_invalid}. */
    static JsonNode parse(byte[] bytes) {
        String text = utf8(bytes);
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonNode node = STRICT.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw invalid("No JSON value in the body");
            }
            if (parser.nextToken() != null) {
                throw invalid("Extra data after the JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("Unreadable JSON"); // not from a String source, but IOException is declared
        }
    }

    /** The text of UTF-8 bytes, one leading byte order mark skipped (RFC 8259 lets a parser ignore it). */
    private static String utf8(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("The body is not UTF-8 text");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code {"detail":[{"type":"json_invalid","loc":["body"],"msg":"…"}]}} */
    private static ApiException invalid(String why) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "json_invalid");
        error.put("loc", List.of("body"));
        error.put("msg", "JSON decode error: " + why);
        return new ApiException(400, Map.of("detail", List.of(error)));
    }
}
