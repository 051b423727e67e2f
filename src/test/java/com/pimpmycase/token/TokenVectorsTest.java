package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of shared/token-vectors.json (copied to src/test/resources so a lone clone still has
 * them), computed by the reference implementation: our verifier must agree on each, and our minter
 * must reproduce each genuine signature made with the active key.
 */
class TokenVectorsTest {

    private static final JsonNode VECTORS = load();

    static JsonNode load() {
        try (InputStream in = TokenVectorsTest.class.getResourceAsStream("/token-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SigningKeys keys() {
        List<String> retired = new ArrayList<>();
        VECTORS.get("retired_signing_keys").forEach(k -> retired.add(k.asText()));
        return SigningKeys.of(VECTORS.get("signing_key").asText(), retired);
    }

    static PartnerPolicies policies() {
        StringBuilder text = new StringBuilder();
        VECTORS.get("policies_seconds").fields().forEachRemaining(e -> text.append(e.getKey()).append('=')
                .append(e.getValue().get("default").asLong()).append("s/")
                .append(e.getValue().get("max").asLong()).append("s,"));
        return PartnerPolicies.parse(text.toString());
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        VECTORS.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
        return cases.stream();
    }

    /** The genuine tokens signed with the active key, with a positive lifetime (a mint always has one). */
    static Stream<Arguments> mintableCases() {
        return cases().filter(a -> {
            JsonNode c = (JsonNode) a.get()[1];
            Token token = Token.parse(c.get("token").asText());
            return c.get("expect").asText().equals("valid") && !a.get()[0].toString().contains("retired")
                    && token.expiresAt() > c.get("now").asLong();
        });
    }

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifierAgreesWithTheReference(String name, JsonNode c) {
        TokenVerifier verifier = new TokenVerifier(keys(), policies(), at(c.get("now").asLong()), Duration.ZERO);

        Verdict verdict = verifier.verify(c.get("filename").asText(), c.get("token").asText());

        String expect = c.get("expect").asText();
        if (expect.equals("valid")) {
            Verdict.Accepted accepted = assertInstanceOf(Verdict.Accepted.class, verdict, name);
            assertEquals(c.get("partner_type").asText(), accepted.token().partnerType());
        } else {
            assertEquals(expect, assertInstanceOf(Verdict.Refused.class, verdict, name).reason().type());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mintableCases")
    void minterReproducesGenuineActiveKeySignatures(String name, JsonNode c) {
        Token expected = Token.parse(c.get("token").asText());
        long now = c.get("now").asLong();
        TokenMinter minter = new TokenMinter(keys(), policies(), at(now));

        Token minted = minter.mint(c.get("filename").asText(), expected.partnerType(),
                Duration.ofSeconds(expected.expiresAt() - now));

        assertEquals(expected, minted);
    }

    @Test
    void bundledCopyMatchesSharedVectors() throws IOException {
        Path shared = Path.of(System.getProperty("user.dir"), "..", "shared", "token-vectors.json");
        Assumptions.assumeTrue(Files.exists(shared), "no shared/ beside this checkout");
        assertEquals(new ObjectMapper().readTree(shared.toFile()), VECTORS);
    }
}
