package com.pimpmycase.web;

import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.RawHttp;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServerLogs;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22 (items 3, 7, 8a–8c) on the real servers, read back from the servers' own log files as
 * the outside check reads them: whatever the path or query holds (quotes, semicolons, bad or
 * double escapes, a token pasted into the path), no log line of the WAR, of a library it ships or
 * of the container's parameter parser holds a token signature, not even 32 hex digits of one; and
 * a request the WAR cannot read is answered in the contract's shape with its request id, logged
 * with it, never with a 500 or a stack trace.
 *
 * <p>Tomcat logs only the first bad parameter of a day at INFO unless told otherwise; the test
 * server logs every one ({@code UserDataHelper.CONFIG=INFO_ALL}), so each case sees its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.EnumSource(value = ServerKind.class, names = {"TOMCAT_10", "JETTY_DISTRIBUTION"})
class LogSecretsIT {

    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());
    static final String FORM = "Content-Type: application/x-www-form-urlencoded";
    static final AtomicInteger IDS = new AtomicInteger();

    @Parameter
    ServerKind kind;
    ExternalServer server;
    ServerLogs logs;

    @BeforeParameterizedClassInvocation
    void deploy() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-log-secrets");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        server = kind == ServerKind.TOMCAT_10
                ? ExternalServer.tomcat("pimpmycase.tomcat10.home", entries, ServerKind.imageDirectory(entries),
                        Map.of("org.apache.juli.logging.UserDataHelper.CONFIG", "INFO_ALL"))
                : (ExternalServer) kind.deploy(entries);
        server.storeImage("a.png", TestImages.png(4, 4));
        logs = new ServerLogs(server);
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void mark() throws Exception {
        logs.mark();
    }

    // ---- 8a: a bad escape in a token's query value ---------------------------------------------

    /**
     * The image filter reads the raw query, never the container's parameter parser (which logs the
     * value it failed to decode): a token with a bad escape is malformed, answered 422 with the id.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /image/a.png  | %zz
            GET  | /image/a.png  | %z
            GET  | /image/a.png  | %
            GET  | /image/a.png  | %u0041
            GET  | /image/a.png  | %C0%AF
            HEAD | /image/a.png  | %zz
            GET  | /preview/a.png | %zz
            GET  | /preview/a.png | %2
            """)
    void aTokenWithABadEscapeIsMalformedAndNeverLogged(String method, String path, String tail) throws Exception {
        Token token = MINTER.mint("a.png", "end_user");
        String id = nextId();
        RawHttp.Answer answer = RawHttp.exchange(server, method, path + "?token=" + token.text() + tail, null,
                "X-Request-Id: " + id);
        assertEquals(422, answer.status(), answer.toString());
        assertEquals(id, answer.header("X-Request-Id"));
        if (path.startsWith("/image") && method.equals("GET")) {
            assertTrue(answer.body().contains("\"token_malformed\""), answer.body());
        }
        String text = logs.await("request_id=" + id, copies());
        assertTrue(text.contains("reason=token_malformed"), text);
        assertNoSignature(text, token);
    }

    /** A bad escape elsewhere in the query does not spoil a genuine token (the containers ignore it too). */
    @ParameterizedTest
    @ValueSource(strings = {"x=%zz&token=TOKEN", "token=TOKEN&x=%zz", "%zz&token=TOKEN"})
    void aBadEscapeBesideAGenuineTokenIsIgnored(String query) throws Exception {
        Token token = MINTER.mint("a.png", "end_user");
        RawHttp.Answer answer = RawHttp.exchange(server, "GET", "/image/a.png?" + query.replace("TOKEN", token.text()),
                null);
        assertEquals(200, answer.status());
        assertNoSignature(flush(), token);
    }

    /** The other entry points: no endpoint hands a query with a bad escape to the container's parser. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /api/chinese/orders?after=TOKEN%zz              | factory | 400
            GET  | /api/chinese/order/orderData?third_id=TOKEN%zz  | factory | 400
            POST | /api/images/refresh-token?current_token=TOKEN%zz | shop   | 400
            POST | /api/images/refresh-token?current_token=TOKEN%zz | none   | 400
            GET  | /health?x=TOKEN%zz                              | none    | 400
            GET  | /?x=TOKEN%zz                                    | none    | 400
            GET  | /metrics?x=TOKEN%zz                             | none    | 400
            GET  | /console/orders?q=TOKEN%zz                      | none    | 0
            GET  | /console-signin?x=TOKEN%zz                      | none    | 0
            """)
    void aTokenWithABadEscapeInAnyQueryIsNeverLogged(String method, String target, String key, int status)
            throws Exception {
        Token token = MINTER.mint("a.png", "chinese_manufacturing");
        String id = nextId();
        RawHttp.Answer answer = RawHttp.exchange(server, method, target.replace("TOKEN", token.text()),
                method.equals("POST") ? "" : null, headers(id, key, method.equals("POST") ? FORM : null));
        if (status != 0) {
            assertEquals(status, answer.status(), answer.toString());
            assertEquals(id, answer.header("X-Request-Id"));
            assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.toString());
            assertTrue(answer.body().contains("query_invalid"), answer.body());
            assertNoSignature(logs.await("request_id=" + id, copies()), token);
        } else {
            assertTrue(answer.status() < 500, answer.toString());
            assertNoSignature(flush(), token);
        }
    }

    // ---- 8c: a bad escape in the query of a form POST ------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            shop  | POST | /api/images/generate-secure-url?x=%zz  | filename=a.png                     | form
            none  | POST | /api/images/generate-secure-url?x=%zz  | filename=a.png                     | form
            shop  | POST | /api/images/generate-secure-url?%zz    | filename=a.png                     | form
            shop  | POST | /api/images/generate-secure-url;p=1?x=%2 | filename=a.png                   | form
            shop  | POST | /api/images/refresh-token?x=%zz        | filename=a.png                     | form
            admin | POST | /api/support/explain?x=%zz             | {"url":"x"}                        | json
            shop  | POST | /api/chinese/order/orderData?x=%zz     | {}                                 | json
            shop  | HEAD | /api/chinese/orders?limit=%zz          |                                    | none
            """)
    void aBadEscapeInAnApiQueryIsA400WithoutStackTrace(String key, String method, String target, String body,
            String type) throws Exception {
        String id = nextId();
        String contentType = switch (type) {
            case "form" -> FORM;
            case "json" -> "Content-Type: application/json";
            default -> null;
        };
        RawHttp.Answer answer = RawHttp.exchange(server, method, target, body, headers(id, key, contentType));
        assertEquals(400, answer.status(), answer.toString());
        assertEquals(id, answer.header("X-Request-Id"));
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.toString());
        if (!method.equals("HEAD")) {
            assertTrue(answer.body().startsWith("{\"detail\":[{\"type\":\"query_invalid\",\"loc\":[\"query\"]"),
                    answer.body());
        }
        String text = logs.await("request_id=" + id, copies());
        assertNoNoise(text);
    }

    // ---- 3: whatever the path holds, Jersey's form warning names no token ----------------------

    @ParameterizedTest
    @ValueSource(strings = {";p='", ";p=%27", ";p=\"", ";p=%22", ";p=<", "'", "%27", ";", ";%3B", ";p=%2527",
            ";current_token=TOKEN", ";p=a'b\"c<d>e"})
    void aTokenInAFormPostQueryIsNotLoggedWhateverThePathHolds(String pathTail) throws Exception {
        Token token = MINTER.mint("a.png", "end_user");
        String id = nextId();
        String target = "/api/images/refresh-token" + pathTail.replace("TOKEN", token.text())
                + "?filename=a.png&current_token=" + token.text() + "&additional_hours=1";
        RawHttp.Answer answer = RawHttp.exchange(server, "POST", target, "", headers(id, "shop", FORM));
        assertTrue(answer.status() < 500, answer.toString());
        if (answer.header("X-Request-Id") == null) {
            // A raw " or < in the request target: Tomcat refuses the request line itself, before any
            // webapp, and logs it through UserDataHelper (docs/OPERATIONS.md "Errors the container answers
            // itself": UserDataHelper.CONFIG=NONE; this server logs every one, INFO_ALL).
            assertEquals(ServerKind.TOMCAT_10, kind, answer.toString());
            assertEquals(400, answer.status());
            return;
        }
        assertNoSignature(flush(), token);
    }

    // ---- 8b: a token pasted into the path ------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /image/TOKEN
            GET  | /image/SIG.png?token=TOKEN
            HEAD | /image/SIG
            GET  | /preview/SIG.png?token=TOKEN
            GET  | /api/x/SIG
            GET  | /api/x/UPPER
            GET  | /api/x/ENCODED
            GET  | /api/x/TOKEN
            POST | /api/x/SIG?a=b
            POST | /api/images/SIG?filename=a.png
            GET  | /nothing/SIG
            """)
    void aTokenPastedIntoThePathIsMasked(String method, String target) throws Exception {
        Token token = MINTER.mint("a.png", "end_user");
        String sig = token.signature();
        StringBuilder encoded = new StringBuilder();
        for (char c : sig.toCharArray()) {
            encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
        }
        String path = target.replace("TOKEN", token.text()).replace("SIG", sig)
                .replace("UPPER", sig.toUpperCase(Locale.ROOT)).replace("ENCODED", encoded);
        String id = nextId();
        RawHttp.Answer answer = RawHttp.exchange(server, method, path, method.equals("POST") ? "" : null,
                headers(id, "none", method.equals("POST") ? FORM : null));
        assertTrue(answer.status() < 500, answer.toString());
        assertEquals(id, answer.header("X-Request-Id"), answer.toString());
        String text = flush();
        assertNoSignature(text, token);
        assertNoSignature(text.toLowerCase(Locale.ROOT), token);
    }

    // ---- 7: a Content-Type the API cannot read -------------------------------------------------

    /**
     * Jersey parses {@code Content-Type} before any code of ours runs; one it cannot parse used to
     * leave an empty 400 without {@code X-Request-Id} and no log line. Every such answer is now in
     * the contract's shape, with the id, and logged with it; a charset the JVM does not know is
     * ignored for JSON (JSON is UTF-8) and refused with 415 for a form (docs/OPERATIONS.md "Security rules").
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            shop  | /api/chinese/order/orderData    | application/json; charset=nonsense-x           | {}             | 422
            none  | /api/chinese/order/orderData    | application/json; charset=nonsense-x           | {}             | 401
            admin | /api/support/explain            | application/json; charset=nonsense-x           | {"url":"x"}    | 422
            shop  | /api/chinese/order/orderData    | application/json; charset="nonsense            | {}             | 400
            shop  | /api/chinese/order/orderData    | application/json; charset                      | {}             | 400
            none  | /api/chinese/order/orderData    | application/json; charset                      | {}             | 400
            shop  | /api/chinese/order/orderData    | ;;;                                            | {}             | 400
            admin | /api/support/explain            | application/json; charset="a\\               | {"url":"x"}    | 400
            shop  | /api/images/generate-secure-url | application/x-www-form-urlencoded; charset     | filename=a.png | 400
            shop  | /api/images/generate-secure-url | application/x-www-form-urlencoded; charset=nonsense-x | filename=a.png | 415
            """)
    void anUnreadableContentTypeIsAContractErrorWithARequestId(String key, String path, String contentType,
            String body, int status) throws Exception {
        String id = nextId();
        RawHttp.Answer answer = RawHttp.exchange(server, "POST", path, body,
                headers(id, key, "Content-Type: " + contentType));
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(id, answer.header("X-Request-Id"), answer.toString());
        assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("application/json"), answer.toString());
        assertTrue(answer.body().startsWith("{\"detail\":"), answer.body());
        if (status == 400) {
            assertTrue(answer.body().contains("\"header_invalid\""), answer.body());
        }
        String text = logs.await("request_id=" + id, copies());
        assertNoNoise(text);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String nextId() {
        return "logsecrets-" + kind.name().toLowerCase(Locale.ROOT) + "-" + IDS.incrementAndGet();
    }

    private static String[] headers(String id, String key, String contentType) {
        java.util.List<String> headers = new java.util.ArrayList<>();
        if (id != null) {
            headers.add("X-Request-Id: " + id);
        }
        String secret = switch (key) {
            case "shop" -> ApiCaller.SHOP_KEY;
            case "factory" -> ApiCaller.FACTORY_KEY;
            case "admin" -> ApiCaller.ADMIN_KEY;
            default -> null;
        };
        if (secret != null) {
            headers.add("Authorization: Bearer " + secret);
        }
        if (contentType != null) {
            headers.add(contentType);
        }
        return headers.toArray(String[]::new);
    }

    /** How many files get each line of the service (Tomcat: catalina.out and catalina.<date>.log). */
    private int copies() {
        return kind == ServerKind.JETTY_DISTRIBUTION ? 1 : 2;
    }

    /**
     * Everything logged since the test began, once a later request's line is there: log handlers
     * keep order, so whatever this test's request made anyone log is written by then.
     */
    private String flush() throws Exception {
        String id = nextId();
        RawHttp.exchange(server, "GET", "/api/flush", null, "X-Request-Id: " + id);
        Thread.sleep(200);
        return logs.await("request_id=" + id, copies());
    }

    /** Not the signature, nor any 32 of its hex digits. */
    static void assertNoSignature(String text, Token token) {
        String sig = token.signature();
        for (int i = 0; i + 32 <= sig.length(); i++) {
            assertFalse(text.contains(sig.substring(i, i + 32)), "signature digits " + i + "… logged:\n" + text);
        }
        assertFalse(text.contains(ApiCaller.SHOP_KEY) || text.contains(ApiCaller.ADMIN_KEY)
                || text.contains(ApiCaller.FACTORY_KEY), text);
    }

    /** No SEVERE or WARNING line, no stack trace. */
    static void assertNoNoise(String text) {
        for (String line : text.lines().toList()) {
            assertFalse(line.contains("SEVERE") || line.contains("WARN") || line.contains("Exception")
                    || line.stripLeading().startsWith("at "), "[" + line + "]\n" + text);
        }
    }
}
