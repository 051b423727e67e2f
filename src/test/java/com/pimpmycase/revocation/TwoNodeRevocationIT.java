package com.pimpmycase.revocation;

import com.pimpmycase.testing.Eventually;
import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10 "every other node within 5 s": two deployments of the WAR (two embedded Jettys) on one
 * PostgreSQL database and one image directory, as two nodes behind a balancer. A change made
 * through one is enforced by the other within 5 s, without any request to the other's API.
 */
class TwoNodeRevocationIT {

    static final String FILE = "order-OTWO1-final-1756378358-e5f1af36.png";
    static final long WITHIN_MILLIS = 5_000;
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());

    @TempDir
    static Path shared;
    static DataSource database;
    static DeployedWar first;
    static DeployedWar second;

    @BeforeAll
    static void deployTwoNodes() throws Exception {
        database = TestDatabases.freshPostgres("revocations");
        first = DeployedWar.start(entries("first"));
        second = DeployedWar.start(entries("second"));
        // The shared volume: both nodes serve what is stored there.
        Files.write(Files.createDirectories(shared.resolve("images")).resolve(FILE), TestImages.png(8, 8));
    }

    static Map<String, Object> entries(String node) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createDirectories(shared.resolve(node)));
        entries.put("pimpmycase/imageDirectory", shared.resolve("images").toString());
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("jdbc/pimpmycase", database);
        return entries;
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (database != null) {
            TestDatabases.dropPostgres(database);
        }
    }

    static int image(DeployedWar node, Token token) throws Exception {
        return node.get("/image/" + FILE + "?token=" + token.text()).statusCode();
    }

    /** Milliseconds until {@code condition} holds, failing after twice the contract's 5 s. */
    static long millisUntil(Callable<Boolean> condition) throws Exception {
        long started = System.nanoTime();
        Eventually.until(java.time.Duration.ofMillis(2 * WITHIN_MILLIS), condition::call, () -> "not enforced");
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void aLinkRevokedOnOneNodeIsRefusedByTheOtherWithinFiveSecondsAndLiftedLikewise() throws Exception {
        Token leaked = MINTER.mint(FILE, "chinese_manufacturing");
        Token other = MINTER.mint(FILE, "end_user");
        assertEquals(200, image(second, leaked));

        HttpResponse<byte[]> revoked = new ApiCaller(first).postJson(ADMIN_KEY, "/api/revocations",
                "{\"filename\":\"" + FILE + "\",\"token\":\"" + leaked.text() + "\"}");
        assertEquals(201, revoked.statusCode(), text(revoked));
        assertEquals(422, image(first, leaked), "the answering node enforces at once");
        long refusedAfter = millisUntil(() -> image(second, leaked) == 422);
        assertTrue(refusedAfter <= WITHIN_MILLIS, "the other node took " + refusedAfter + " ms");
        assertEquals(200, image(second, other));

        HttpResponse<byte[]> lifted = first.send(HttpRequest.newBuilder(first.uri("/api/revocations/"
                + json(revoked).get("id").asText())).DELETE().header("Authorization", "Bearer " + ADMIN_KEY));
        assertEquals(204, lifted.statusCode());
        assertEquals(200, image(first, leaked));
        long servedAfter = millisUntil(() -> image(second, leaked) == 200);
        assertTrue(servedAfter <= WITHIN_MILLIS, "the other node took " + servedAfter + " ms");
    }

    @Test
    void aBlockOnOneNodeStopsEveryLinkAndNewLinksOnTheOtherWithinFiveSecondsAndLiftedLikewise() throws Exception {
        Token manufacturing = MINTER.mint(FILE, "chinese_manufacturing");
        ApiCaller onFirst = new ApiCaller(first);
        ApiCaller onSecond = new ApiCaller(second);

        HttpResponse<byte[]> blocked = onSecond.postJson(ADMIN_KEY, "/api/revocations",
                "{\"filename\":\"" + FILE + "\",\"reason\":\"takedown\"}");
        assertEquals(201, blocked.statusCode(), text(blocked));
        long refusedAfter = millisUntil(() -> image(first, manufacturing) == 422);
        assertTrue(refusedAfter <= WITHIN_MILLIS, "the other node took " + refusedAfter + " ms");
        assertEquals(409, onFirst.postForm(ADMIN_KEY, "/api/images/generate-secure-url", Map.of("filename", FILE))
                .statusCode());

        HttpResponse<byte[]> lifted = second.send(HttpRequest.newBuilder(second.uri("/api/revocations/"
                + json(blocked).get("id").asText())).DELETE().header("Authorization", "Bearer " + ADMIN_KEY));
        assertEquals(204, lifted.statusCode());
        long servedAfter = millisUntil(() -> image(first, manufacturing) == 200);
        assertTrue(servedAfter <= WITHIN_MILLIS, "the other node took " + servedAfter + " ms");
        assertEquals(200, onFirst.postForm(ADMIN_KEY, "/api/images/generate-secure-url", Map.of("filename", FILE))
                .statusCode());
    }

    @Test
    void bothNodesListTheSameRevocations() throws Exception {
        Token link = MINTER.mint(FILE, "end_user", Duration.ofMinutes(20));
        HttpResponse<byte[]> revoked = new ApiCaller(first).postJson(ADMIN_KEY, "/api/revocations",
                "{\"filename\":\"" + FILE + "\",\"token\":\"" + link.text() + "\"}");
        assertEquals(201, revoked.statusCode());
        HttpResponse<byte[]> again = new ApiCaller(second).postJson(ADMIN_KEY, "/api/revocations",
                "{\"filename\":\"" + FILE + "\",\"token\":\"" + link.text() + "\"}");
        assertEquals(200, again.statusCode(), "already revoked, whichever node is asked");
        assertEquals(json(revoked), json(again));
    }
}
