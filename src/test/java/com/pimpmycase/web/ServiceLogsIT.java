package com.pimpmycase.web;

import com.pimpmycase.testing.Eventually;
import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.DroppedDownloads;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14 (items 1, 5, 9) on a real server, with the logs read back from the server's own files
 * (the console, i.e. catalina.out on Tomcat, and Tomcat's logs/ directory): what a request can
 * make the service and the libraries it ships write there. Runs on the real servers (their log
 * files are what an operator reads; embedded Jetty shares this JVM's logging).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "{0}")
@EnumSource(value = ServerKind.class, names = {"TOMCAT_10", "TOMCAT_11", "JETTY_DISTRIBUTION"})
class ServiceLogsIT {

    static final int EIGHT_MIB = 8 * 1024 * 1024;
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());

    @Parameter
    ServerKind kind;
    ExternalServer server;
    /** How much of each log file the current test found already written. */
    private Map<Path, Long> marks = Map.of();

    /**
     * Whether the server answers 400 itself, before the WAR sees the request, to a path holding a
     * percent-encoded control character such as CR or LF (Jetty 12 does, Tomcat does not).
     */
    boolean refusesEncodedControlsInPaths() {
        return kind == ServerKind.JETTY_DISTRIBUTION;
    }

    /** The container refused the path itself: then nothing of it may be in the logs either. */
    private boolean refusedByTheContainer(String encoded, HttpResponse<byte[]> response, String marker)
            throws Exception {
        if (!encoded.matches("(%[01][0-9A-F])+") || !refusesEncodedControlsInPaths()) {
            return false;
        }
        assertEquals(400, response.statusCode());
        Eventually.holds(java.time.Duration.ofMillis(300), () -> !newLogs().contains(marker), this::newLogs);
        return true;
    }

    @BeforeParameterizedClassInvocation
    void deployWar() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-logs");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        server = (ExternalServer) kind.deploy(entries);
        server.storeImage("a.png", TestImages.png(4, 4));
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void markLogs() throws IOException {
        marks = new java.util.HashMap<>();
        for (Path file : logFiles()) {
            marks.put(file, Files.size(file));
        }
    }

    // ---- 14.1 log forging -------------------------------------------------------------------

    /**
     * The API's request line logs the decoded path: an encoded line break must show as an escape
     * on that line, never start a line of its own. No API key needed.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            %0D%0A    | \\r\\n
            %0A       | \\n
            %E2%80%A8 | \\u2028
            %C2%85    | \\u0085
            """)
    void aLineBreakInAnApiPathCannotForgeALogLine(String encoded, String shown) throws Exception {
        String marker = "FORGED-API-" + Integer.toHexString(encoded.hashCode());
        HttpResponse<byte[]> response = server.get("/api/chinese/orders" + encoded + "INFO:%20" + marker);
        if (refusedByTheContainer(encoded, response, marker)) {
            return;
        }
        assertEquals(401, response.statusCode(), "no key: refused, and still logged");

        String logs = awaitLogs(marker);
        assertTrue(logs.contains("api GET /chinese/orders" + shown + "INFO: " + marker), logs);
        assertMarkerOnlyInsideLinesOf(logs, marker, "api GET /chinese/orders");
    }

    /**
     * A partner type holding a line break (or any character outside [A-Za-z0-9_-]) makes the token
     * malformed (SPEC §2), and a malformed token is logged by its length only: what the request
     * put in it never reaches a log line, so it cannot forge one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            image   | %0D%0A
            image   | %0A
            image   | %E2%80%A8
            preview | %0D%0A
            preview | %0B%0C
            """)
    void aLineBreakInATokenCannotForgeALogLine(String endpoint, String encoded) throws Exception {
        String marker = "FORGED-TOKEN-" + endpoint + "-" + Integer.toHexString(encoded.hashCode());
        String name = "forge-" + Integer.toHexString(marker.hashCode()) + ".png";
        // No ':' in what is injected: the token keeps its three parts, so the partner type carries it.
        String token = (System.currentTimeMillis() / 1000 + 600) + ":end_user" + encoded + "INFO%20" + marker
                + ":" + "0123456789abcdef".repeat(4);
        HttpResponse<byte[]> response = server.get("/" + endpoint + "/" + name + "?token=" + token);
        assertTrue(response.statusCode() == 422, "status " + response.statusCode());

        if (endpoint.equals("image")) {
            assertTrue(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).contains("token_malformed"));
        }

        String logs = awaitLogs("file=" + name);
        String refusal = logs.lines().filter(l -> l.contains("file=" + name)).findFirst().orElseThrow();
        assertTrue(refusal.contains("refused GET /" + endpoint) && refusal.contains("reason=token_malformed")
                && refusal.contains("token=malformed ("), refusal);
        assertFalse(logs.contains(marker), "what the request put in the token reached the log:\n" + logs);
        assertNoUnescapedSeparator(logs);
    }

    /** An image name that is refused is logged too: whatever it holds stays on the refusal line. */
    @ParameterizedTest
    @CsvSource({"%0D%0A", "%0A", "%E2%80%A8"})
    void aLineBreakInAnImageNameCannotForgeALogLine(String encoded) throws Exception {
        String marker = "FORGED-NAME-" + Integer.toHexString(encoded.hashCode());
        HttpResponse<byte[]> response = server.get("/image/x" + encoded + "INFO:%20" + marker + ".png?token=1:a:b");
        if (refusedByTheContainer(encoded, response, marker)) {
            return;
        }
        assertEquals(400, response.statusCode());

        String logs = awaitLogs(marker);
        assertMarkerOnlyInsideLinesOf(logs, marker, "refused GET /image");
        assertNoUnescapedSeparator(logs);
    }

    // ---- 14.5 tokens in library logs ---------------------------------------------------------

    /**
     * Form parameters in the query string of a form POST with an empty body: Jersey's WebComponent
     * warns with the whole request URI. The token must not reach the log, however the call ends.
     */
    @ParameterizedTest
    @CsvSource({
        // key,        path,                                  the form in the query
        "shop,  /api/images/refresh-token,       filename=a.png&current_token=TOKEN&additional_hours=1",
        "none,  /api/images/refresh-token,       current_token=TOKEN",
        "shop,  /api/images/generate-secure-url, filename=a.png&expiry_hours=1&note=TOKEN",
        "shop,  /api/chinese/order/orderData,    third_id=TOKEN",
    })
    void aTokenInTheQueryOfAFormPostIsNotLogged(String key, String path, String query) throws Exception {
        Token token = MINTER.mint("a.png", "end_user");
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path + "?" + query.replace("TOKEN", token.text())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (!"none".equals(key)) {
            request.header("Authorization", "Bearer " + ApiCaller.SHOP_KEY);
        }
        HttpResponse<byte[]> response = server.send(request);
        assertTrue(response.statusCode() < 500, "status " + response.statusCode());

        String logs = awaitLogs("api POST " + path.substring("/api".length()));
        assertFalse(logs.contains(token.signature()), logs);
        assertFalse(logs.contains(token.signature().substring(16)), "not even part of the signature:\n" + logs);
        assertFalse(logs.contains(ApiCaller.SHOP_KEY), logs);
    }

    // ---- 14.9 a download the client drops ---------------------------------------------------

    /**
     * A partner on a slow link drops an 8 MiB download after about 1 MiB: ordinary, so no WARN, no
     * stack trace. The first download of a version is streamed, later ones are served from its
     * memory mapping (on containers that take buffers); Tomcat sends both through sendfile. Each
     * case drops several downloads: on Jetty the failure was a race, seen in most runs, not all.
     */
    @ParameterizedTest
    @CsvSource({
        // served from, how the client goes away, request header
        "streamed, close, ''",
        "mapped,   close, ''",
        "streamed, reset, ''",
        "mapped,   reset, ''",
        "mapped,   close, Range: bytes=100-",
        "streamed, close, 'Range: bytes=0-99,200-8388000'", // multipart/byteranges
    })
    void aDroppedDownloadLeavesNoWarningOrStackTrace(String servedFrom, String ending, String header) throws Exception {
        String extra = header.isEmpty() ? "" : header + "\r\n";
        String prefix = "dropped-" + servedFrom + "-" + ending + "-" + Integer.toHexString(header.hashCode());
        boolean mapped = "mapped".equals(servedFrom);
        if (mapped) {
            server.storeImage(prefix + ".png", TestImages.pngHeaderedNoise(EIGHT_MIB, prefix.hashCode()));
            dropAfter(prefix + ".png", extra, 1024 * 1024, false); // the first download of a version is streamed
        } else {
            for (int i = 0; i < STREAMED_DROPS; i++) {
                server.storeImage(prefix + "-" + i + ".png", TestImages.pngHeaderedNoise(EIGHT_MIB, i));
            }
        }
        // Several at once, as from a partner's download tool: the race in Jetty needs a busy machine.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> drops = new ArrayList<>();
            for (int i = 0; i < (mapped ? MAPPED_DROPS : STREAMED_DROPS); i++) {
                String name = mapped ? prefix + ".png" : prefix + "-" + i + ".png";
                drops.add(clients.submit(() -> dropAfter(name, extra, 1024 * 1024, "reset".equals(ending))));
            }
            for (Future<Integer> drop : drops) {
                assertTrue(drop.get() >= 1024 * 1024, "the body had started");
            }
        } finally {
            clients.shutdown();
        }
        awaitQuietLogs(); // the server notices the dropped connection when it next writes
        assertEquals(200, server.get("/health").statusCode());

        String logs = newLogs();
        List<String> noisy = logs.lines().filter(ServiceLogsIT::isNoise).toList();
        assertTrue(noisy.isEmpty(), noisy.size() + " warning/stack trace lines:\n" + logs);
    }

    static final int MAPPED_DROPS = 32;
    static final int STREAMED_DROPS = 8;

    static boolean isNoise(String line) {
        return line.contains("WARN") || line.contains("SEVERE") || line.contains("ERROR")
                || line.contains("Exception") || line.stripLeading().startsWith("at ")
                || line.contains("Caused by");
    }

    /** GET on a raw socket; reads {@code bytes} of the response, then closes (or resets, like a killed script). */
    private int dropAfter(String name, String headers, int bytes, boolean reset) throws Exception {
        String token = MINTER.mint(name, "chinese_manufacturing").text();
        return DroppedDownloads.readThenDrop(server, "/image/" + name + "?token=" + token, headers, bytes, reset);
    }

    // ---- reading the server's logs -----------------------------------------------------------

    /** The console (catalina.out, Jetty's stderr) and every file in Tomcat's logs/. */
    private List<Path> logFiles() throws IOException {
        Path console = server.serverBase().resolve("console.log");
        Path logs = server.serverBase().resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of(console);
        }
        try (Stream<Path> files = Files.list(logs)) {
            // Not Tomcat's access log: the container's line of every request, written when its buffer
            // is flushed (so a test saw it or not by timing), and outside what §6 says of our logs.
            return Stream.concat(Stream.of(console), files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("localhost_access_log")).sorted()).toList();
        }
    }

    /**
     * Waits 1.5 s, then until the log files have not grown for a second (at most 10 s more), so a
     * late warning of this test is read by this test, not by the next one.
     */
    void awaitQuietLogs() throws Exception {
        Thread.sleep(1500);
        long end = System.nanoTime() + 10_000_000_000L;
        for (String sizes = logSizes(); System.nanoTime() < end; ) {
            Thread.sleep(1000);
            String now = logSizes();
            if (now.equals(sizes)) {
                return;
            }
            sizes = now;
        }
    }

    private String logSizes() throws IOException {
        StringBuilder sizes = new StringBuilder();
        for (Path file : logFiles()) {
            sizes.append(Files.size(file)).append(' ');
        }
        return sizes.toString();
    }

    /** What the server wrote to its log files since this test began. */
    String newLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : logFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(bytes.length, marks.getOrDefault(file, 0L));
            all.append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    /** The new logs once {@code expected} shows up in every log file that gets the service's lines. */
    String awaitLogs(String expected) throws Exception {
        // Tomcat's file handler writes asynchronously.
        return Eventually.await(java.time.Duration.ofSeconds(20), this::newLogs,
                logs -> countOf(logs, expected) >= expectedCopies(), "not logged in every file: " + expected);
    }

    /** In how many files each line of the service appears (Tomcat: catalina.out and catalina.<date>.log). */
    int expectedCopies() {
        return kind == ServerKind.JETTY_DISTRIBUTION ? 1 : 2;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Every log line holding {@code marker} is the service's own line, not one the request made up. */
    static void assertMarkerOnlyInsideLinesOf(String logs, String marker, String owner) {
        List<String> lines = logs.lines().filter(l -> l.contains(marker)).toList();
        assertFalse(lines.isEmpty(), "the request was logged:\n" + logs);
        for (String line : lines) {
            assertTrue(line.contains(owner), "a log line made up by the request: [" + line + "]\n" + logs);
        }
    }

    /** No raw line or paragraph separator: a log viewer would break the line there. */
    static void assertNoUnescapedSeparator(String logs) {
        assertFalse(logs.contains("\u2028") || logs.contains("\u2029") || logs.contains("\u0085"), logs);
    }
}
