package com.pimpmycase.auth;

import com.pimpmycase.testing.Eventually;
import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.web.RequestIds;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API's request line on real Tomcat 10.1 (written by a background thread, so read back from
 * catalina.out until it shows): one line per request with what an operator needs, never the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRequestLogIT {

    private static final Pattern LINE = Pattern.compile(
            "api (\\S+) (\\S+) client=(\\S+) status=(\\d{3}) ms=(\\d+\\.\\d+) request_id=(\\S+)");

    private ExternalServer tomcat;

    @BeforeAll
    void deploy() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-apilog");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        tomcat = ExternalServer.tomcat("pimpmycase.tomcat10.home", entries, data.resolve("images"));
    }

    @AfterAll
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void oneLinePerRequestWithMethodPathClientStatusDurationAndRequestIdButNoKey() throws Exception {
        String thirdId = "LOG-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<byte[]> response = tomcat.send(HttpRequest.newBuilder(
                        tomcat.uri("/api/chinese/order/orderData?third_id=" + thirdId))
                .header("Authorization", "Bearer " + ApiCaller.FACTORY_KEY)
                .header(RequestIds.HEADER, "apilog-" + thirdId));
        assertEquals(404, response.statusCode());

        String line = awaitLine("/chinese/order/orderData");
        Matcher m = LINE.matcher(line);
        assertTrue(m.find(), line);
        assertEquals("GET", m.group(1));
        assertEquals("/chinese/order/orderData", m.group(2), "the path, never the query: " + line);
        assertEquals("factory", m.group(3), "the client's name");
        assertEquals("404", m.group(4));
        // The id answered in X-Request-Id, once the service assigns one before Jersey runs ("-" until then).
        assertEquals(response.headers().firstValue(RequestIds.HEADER).orElse("-"), m.group(6), line);

        String console = tomcat.console();
        assertFalse(console.contains(ApiCaller.FACTORY_KEY), "the API key reached the log");
        assertFalse(console.contains(thirdId + " "), "the query reached the log");
        assertEquals(1, count(console, "/chinese/order/orderData"), "one line per request (console copy)");
    }

    @Test
    void aRefusedCallIsLoggedWithoutTheKeyItTried() throws Exception {
        String wrongKey = "not-a-key-" + UUID.randomUUID();
        HttpResponse<byte[]> response = new ApiCaller(tomcat).get(wrongKey, "/api/chinese/orders?limit=7");
        assertEquals(401, response.statusCode());

        String line = awaitLine("/chinese/orders ");
        Matcher m = LINE.matcher(line);
        assertTrue(m.find(), line);
        assertEquals("-", m.group(3), "no client");
        assertEquals("401", m.group(4));
        assertFalse(tomcat.console().contains(wrongKey), "the key tried reached the log");
    }

    private String awaitLine(String path) throws Exception {
        List<String> lines = Eventually.await(java.time.Duration.ofSeconds(10),
                () -> tomcat.console().lines().filter(l -> l.contains("api ") && l.contains(path)).toList(),
                found -> !found.isEmpty(), "no request line for " + path);
        return lines.get(lines.size() - 1);
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }
}
