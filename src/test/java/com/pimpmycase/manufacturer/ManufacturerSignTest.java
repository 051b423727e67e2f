package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of shared/manufacturer-sign-vectors.json (copied to src/test/resources so a lone
 * clone still has them; {@link #bundledCopyMatchesSharedVectors} keeps the copy honest).
 */
class ManufacturerSignTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode VECTORS = load();
    private static final ManufacturerSign SIGN =
            new ManufacturerSign(VECTORS.get("systemName").asText(), VECTORS.get("fixedKey").asText());

    static JsonNode load() {
        try (InputStream in = ManufacturerSignTest.class.getResourceAsStream("/manufacturer-sign-vectors.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        VECTORS.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signsAsTheManufacturerDoes(String name, JsonNode c) throws IOException {
        JsonNode body = JSON.readTree(c.get("body").asText());
        assertEquals(c.get("string_to_sign").asText(), SIGN.stringToSign(body));
        assertEquals(c.get("sign").asText(), SIGN.sign(body));
        assertTrue(SIGN.verify(body, c.get("sign").asText()));
        assertFalse(SIGN.verify(body, c.get("sign").asText().toUpperCase()), "the sign is lowercase hex (SPEC §9)");
        assertFalse(SIGN.verify(body, " " + c.get("sign").asText()), "nothing around it either");
    }

    @Test
    void refusesASignMadeWithAnotherKey() throws IOException {
        JsonNode wrong = VECTORS.get("wrong_key_example");
        JsonNode body = JSON.readTree(wrong.get("body").asText());
        assertFalse(SIGN.verify(body, wrong.get("sign").asText()));
        assertFalse(SIGN.verify(body, null));
        assertFalse(SIGN.verify(body, ""));
        assertFalse(SIGN.verify(body, SIGN.sign(body).substring(1)));
    }

    @Test
    void aChangedValueChangesTheSign() throws IOException {
        JsonNode paid = JSON.readTree("{\"third_id\":\"PYEN250828378395\",\"status\":3}");
        JsonNode failed = JSON.readTree("{\"third_id\":\"PYEN250828378395\",\"status\":4}");
        assertFalse(SIGN.verify(failed, SIGN.sign(paid)));
    }

    @Test
    void fieldNamesSortByCodePointNotByUtf16Unit() throws IOException {
        // U+FF21 (one UTF-16 unit) sorts before U+1F600 (a surrogate pair) by code point, but
        // after it by UTF-16 unit (0xD83D < 0xFF21).
        JsonNode body = JSON.readTree("{\"\\uD83D\\uDE00\":\"2\",\"\\uFF21\":\"1\"}");
        assertTrue(SIGN.stringToSign(body).startsWith("12"), SIGN.stringToSign(body));
    }

    @Test
    void onlyObjectsAreSigned() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> SIGN.sign(JSON.readTree("[1,2]")));
    }

    @Test
    void neverShowsTheFixedKey() {
        assertFalse(SIGN.toString().contains(VECTORS.get("fixedKey").asText()));
    }

    @Test
    void bundledCopyMatchesSharedVectors() throws IOException {
        Path shared = Path.of(System.getProperty("user.dir"), "..", "shared", "manufacturer-sign-vectors.json");
        Assumptions.assumeTrue(Files.exists(shared), "no shared/ beside this checkout");
        assertEquals(JSON.readTree(shared.toFile()), VECTORS);
    }
}
