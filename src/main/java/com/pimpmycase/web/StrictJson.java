package com.pimpmycase.web;

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
 * The one strict reader of the JSON we are sent (SPEC §4's order API, §9's webhooks). Strict means
 * one reading only: UTF-8 text (RFC 8259 §8.1), exactly one JSON value with nothing after it, no
 * key twice in any object, nesting bounded. A lenient reader lets a body mean one thing to us and
 * another to the next parser of the same bytes (the last duplicate wins here, the first elsewhere).
 * Each caller words the {@link Invalid} {@link Problem} as its contract says. Thread-safe.
 */
public final class StrictJson {

    /** Why a body is not strict JSON. */
    public enum Problem {
        /** The bytes are not UTF-8 text. */
        NOT_UTF8,
        /** Nothing but white space. */
        NO_VALUE,
        /** Something after the one JSON value. */
        EXTRA_DATA,
        /** A key given twice in one object, at any depth. */
        DUPLICATE_KEY,
        /** Not JSON: a syntax error, too deep, a non-standard token. */
        MALFORMED
    }

    /** The body is not strict JSON; {@link #getMessage()} is the parser's words, or null. */
    public static final class Invalid extends Exception {
        private final Problem problem;

        Invalid(Problem problem, String parserWords) {
            super(parserWords, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Reads one value from a parser standing on its first token, up to the value's last token. */
    @FunctionalInterface
    public interface ValueReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private final ObjectMapper mapper;

    /** @param maxNestingDepth objects and arrays deeper than this are {@link Problem#MALFORMED} */
    public StrictJson(int maxNestingDepth) {
        this.mapper = JsonMapper.builder(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                        .build())
                .build();
    }

    /** The text of UTF-8 {@code bytes}; a malformed or unmappable sequence is {@link Problem#NOT_UTF8}. */
    public static String utf8(byte[] bytes) throws Invalid {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid(Problem.NOT_UTF8, null);
        }
    }

    /** The one JSON value of {@code text} as a tree. */
    public JsonNode tree(String text) throws Invalid {
        return read(text, parser -> mapper.<JsonNode>readTree(parser));
    }

    /** The one JSON value of {@code text}, read by {@code reader}, then nothing but white space. */
    public <T> T read(String text, ValueReader<T> reader) throws Invalid {
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new Invalid(Problem.NO_VALUE, null);
            }
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new Invalid(Problem.EXTRA_DATA, null);
            }
            return value;
        } catch (JsonProcessingException e) {
            String words = e.getOriginalMessage(); // without the location, which would echo the body
            // Jackson reports a duplicate key with a plain parse exception: its words tell it apart.
            boolean duplicate = words != null && words.startsWith("Duplicate field");
            throw new Invalid(duplicate ? Problem.DUPLICATE_KEY : Problem.MALFORMED, words);
        } catch (IOException e) {
            throw new Invalid(Problem.MALFORMED, "Unreadable JSON"); // not from a String source, but declared
        }
    }
}
