package com.pimpmycase.web;

import com.pimpmycase.testing.Eventually;
import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.CapturedLog;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §6 on every server we support: every answer of the WAR (image, preview, API, health, and
 * the container's 404/405 through our error page) carries {@code X-Request-Id} — the client's own
 * when acceptable, else a new unique one — and the refusal log line names it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
class RequestIdIT {

    static final String IMAGE = "request-id.png";
    static final String ORDER_IMAGE = "order-OREN250828378396-final-1756378358-e5f1af36.png";
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());
    static final String GENERATED = "[0-9a-f]{32}";

    @Parameter
    ServerKind kind;
    ServiceUnderTest war;
    /** What the webapp logs through JUL in this JVM (embedded Jetty); real servers have their console. */
    CapturedLog capture;

    @BeforeParameterizedClassInvocation
    void deploy() throws Exception {
        capture = CapturedLog.start(Level.INFO);
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-request-id"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = kind.deploy(entries);
        war.storeImage(IMAGE, TestImages.png(8, 8));
        war.storeImage(ORDER_IMAGE, TestImages.png(90, 180));
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        capture.close();
        war.close();
    }

    /** Each kind of answer, and the status it must have. */
    List<Object[]> answers() {
        String token = MINTER.mint(IMAGE, "end_user").text();
        return List.of(
                new Object[] {"GET", "/image/" + IMAGE + "?token=" + token, 200},
                new Object[] {"GET", "/image/" + IMAGE + "?token=nonsense", 422},
                new Object[] {"GET", "/preview/" + IMAGE + "?token=" + token, 200},
                new Object[] {"GET", "/preview/" + IMAGE, 422},
                new Object[] {"GET", "/api/chinese/orders", 401},
                new Object[] {"GET", "/health", 200},
                new Object[] {"GET", "/", 200},
                new Object[] {"GET", "/no/such/path", 404}, // the container's 404, through our error page
                new Object[] {"PUT", "/health", 405}); // the container's 405, through our error page
    }

    HttpResponse<byte[]> call(Object[] answer, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri((String) answer[1]))
                .method((String) answer[0], HttpRequest.BodyPublishers.noBody());
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        HttpResponse<byte[]> response = war.send(request);
        assertEquals(answer[2], response.statusCode(), answer[0] + " " + answer[1]);
        return response;
    }

    /**
     * API answers are written once with their length (ApiResponses; Jersey's counting buffer is
     * off), whatever the container would do with a response of unknown length. From the order API's
     * contract (OrderApiContract), which runs on embedded Jetty only.
     */
    @Test
    void apiAnswersStateTheirLengthAndAreNotChunked() throws Exception {
        ApiCaller api = new ApiCaller(war);
        String order = "{\"third_pay_id\":\"PYEN250828378395\",\"third_id\":\"OREN-LENGTH-1\","
                + "\"mobile_model_id\":\"MM102503290004\",\"pic\":\"" + ORDER_IMAGE + "\","
                + "\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS102503290010\"}";
        assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order).statusCode());
        for (HttpResponse<byte[]> response : List.of(
                api.get(ApiCaller.FACTORY_KEY, "/api/chinese/order/orderData?third_id=OREN-LENGTH-1"),
                api.get(ApiCaller.FACTORY_KEY, "/api/chinese/order/orderData?third_id=NOPE"),
                api.get(ApiCaller.FACTORY_KEY, "/api/chinese/orders?limit=2"),
                api.get(null, "/api/chinese/orders"))) {
            assertEquals(String.valueOf(response.body().length),
                    response.headers().firstValue("Content-Length").orElse("none"), ApiCaller.text(response));
            assertFalse(response.headers().firstValue("Transfer-Encoding").isPresent());
        }
    }

    static String idOf(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Request-Id").orElse(null);
    }

    @Test
    void aValidIdIsEchoedOnEveryAnswer() throws Exception {
        int n = 0;
        for (Object[] answer : answers()) {
            String id = "Req_" + kind.ordinal() + "-" + (n++) + "." + "x".repeat(40);
            assertEquals(id, idOf(call(answer, id)), answer[0] + " " + answer[1]);
        }
        String longest = "a".repeat(64);
        assertEquals(longest, idOf(call(answers().get(5), longest)));
    }

    @Test
    void anInvalidIdIsReplaced() throws Exception {
        for (String invalid : List.of("a".repeat(65), "has space", "a/b", "semi;colon", "quote\"d", "")) {
            for (Object[] answer : answers()) {
                String id = idOf(call(answer, invalid));
                assertTrue(id != null && id.matches(GENERATED), answer[1] + " with '" + invalid + "': " + id);
            }
        }
    }

    @Test
    void anAbsentIdIsGeneratedUniquely() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            for (Object[] answer : answers()) {
                String id = idOf(call(answer, null));
                assertTrue(id != null && id.matches(GENERATED), answer[1] + ": " + id);
                assertTrue(ids.add(id), "repeated id " + id);
            }
        }
    }

    /**
     * Tomcat refuses TRACE itself, after mapping but before any filter: only the error page can
     * give that answer its id. Jetty forbids TRACE before the WAR sees it (docs/OPERATIONS.md: no id there).
     */
    @Test
    void aContainerErrorThatPassedNoFilterGetsItsIdFromTheErrorPage() throws Exception {
        for (String path : List.of("/health", "/image/" + IMAGE, "/api/chinese/orders")) {
            String sent = "trace-" + kind.ordinal() + path.replaceAll("[^a-z]", "_");
            HttpResponse<byte[]> response = call(new Object[] {"TRACE", path, tomcat() ? 405 : 403}, sent);
            assertEquals(tomcat() ? sent : null, idOf(response), path);
            if (tomcat()) {
                String generated = idOf(call(new Object[] {"TRACE", path, 405}, null));
                assertTrue(generated != null && generated.matches(GENERATED), path + ": " + generated);
            }
        }
    }

    boolean tomcat() {
        return kind == ServerKind.TOMCAT_10 || kind == ServerKind.TOMCAT_11;
    }

    @Test
    void theRefusalLineNamesTheRequestId() throws Exception {
        String sent = "refusal-" + UUID.randomUUID();
        assertEquals(sent, idOf(call(answers().get(1), sent)));
        String generated = idOf(call(answers().get(3), null));
        assertNotEquals(sent, generated);
        for (String id : List.of(sent, generated)) {
            String line = refusalLine("request_id=" + id);
            assertTrue(line.startsWith("refused ") || line.contains(" refused "), line);
            assertTrue(line.endsWith("request_id=" + id), line);
        }
    }

    /** The refusal log line holding {@code marker}, waiting for the server to write it. */
    String refusalLine(String marker) throws Exception {
        return Eventually.await(java.time.Duration.ofSeconds(20), () -> {
            String logs = war instanceof ExternalServer server ? server.console() : String.join("\n", capture.lines());
            for (String line : logs.split("\n")) {
                if (line.contains(marker) && line.contains("refused")) {
                    return line.strip();
                }
            }
            return null;
        }, line -> line != null, "no refusal line with " + marker);
    }
}
