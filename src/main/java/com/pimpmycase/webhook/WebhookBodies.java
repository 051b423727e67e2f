package com.pimpmycase.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a webhook body strictly (SPEC §9: unreadable JSON, trailing content and duplicate keys are
 * 400): exactly one JSON object of UTF-8 text. Strict for the same reason as the order API: the
 * sign is computed over what we read, and a lenient reader could verify one reading of the bytes
 * while the manufacturer meant another.
 */
final class WebhookBodies {

    /** A webhook body is a few dozen bytes. */
    static final int MAX_BYTES = 16 * 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
                    .build())
            .build();

    /** The body is not one JSON object; the message says why, in a few words. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private WebhookBodies() {
    }

    static JsonNode object(byte[] bytes) throws Unreadable {
        if (bytes.length == 0) {
            throw new Unreadable("empty body: expected a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("the body is not UTF-8 text");
        }
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonNode node = STRICT.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new Unreadable("empty body: expected a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new Unreadable("invalid JSON: extra data after the JSON value");
            }
            if (!node.isObject()) {
                throw new Unreadable("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                throw new Unreadable("invalid JSON: " + why.replace('\'', '"'));
            }
            throw new Unreadable("invalid JSON");
        } catch (IOException e) {
            throw new Unreadable("invalid JSON");
        }
    }
}
