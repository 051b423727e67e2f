package com.pimpmycase.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pimpmycase.manufacturer.ManufacturerSign;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own promises, which other tests rely on to find faults: it detects overlapping
 * orderData calls of one order, counts duplicates, checks the sign and token, and obeys its
 * control API over HTTP.
 */
class ManufacturerSimulatorIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ManufacturerSign SIGN = new ManufacturerSign("mobileShell", "sim-it-fixed-key");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ManufacturerSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = ManufacturerSimulator.started("acc", "pw", "sim-it-fixed-key", "mobileShell");
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    static JsonNode call(String path, ObjectNode body, String token, String sign) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + path))
                .header("Content-Type", "application/json").header("req_source", "en")
                .header("sign", sign == null ? SIGN.sign(body) : sign)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", token);
        }
        return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static String login() throws Exception {
        return call("user/login", JSON.createObjectNode().put("account", "acc").put("password", "pw"), null, null)
                .path("data").path("token").asText();
    }

    static ObjectNode order(String thirdId) {
        return JSON.createObjectNode().put("third_pay_id", "P1").put("third_id", thirdId).put("mobile_model_id", "M")
                .put("pic", "https://x/p.png").put("device_id", "D").put("mobile_shell_id", "S");
    }

    @Test
    void detectsTwoCallsOfOneOrderInFlightAtOnce() throws Exception {
        String token = login();
        simulator.failOrder("OREN-A", Fault.hang(Duration.ofSeconds(5)), 1);
        // Its own thread: the common pool may have a single thread, busy elsewhere.
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> first = caller.submit(() -> call("order/orderData", order("OREN-A"), token, null));
            // The second call goes once the first is in the simulator (a call's sign is recorded on
            // arrival, its outcome only after the hang), well within the hang.
            String sign = SIGN.sign(order("OREN-A"));
            Eventually.await(Duration.ofSeconds(10), simulator::secretsSeen, seen -> seen.contains(sign),
                    "the first call arrives");
            assertEquals(200, call("order/orderData", order("OREN-A"), token, null).path("code").intValue());
            assertEquals(200, first.get(30, TimeUnit.SECONDS).path("code").intValue(), "a hang is processed after it");
        } finally {
            caller.shutdownNow();
        }
        assertEquals(java.util.List.of("OREN-A"), simulator.overlaps());
        assertEquals(1, simulator.duplicates());

        // One after the other is no overlap.
        call("order/orderData", order("OREN-B"), token, null);
        call("order/orderData", order("OREN-B"), token, null);
        assertEquals(java.util.List.of("OREN-A"), simulator.overlaps());
        assertEquals(2, simulator.received("OREN-B").accepted());
        assertEquals(simulator.received("OREN-B").manufacturerOrderId(),
                call("order/orderData", order("OREN-B"), token, null).path("data").path("id").asText(),
                "a repeat gets the same manufacturer id");
    }

    @Test
    void checksSignAndToken() throws Exception {
        String token = login();
        assertEquals(401, call("order/orderData", order("OREN-C"), token, "0".repeat(32)).path("code").intValue());
        assertEquals(401, call("order/orderData", order("OREN-C"), "made-up", null).path("code").intValue());
        assertEquals(401, call("user/login", JSON.createObjectNode().put("account", "acc").put("password", "x"), null,
                null).path("code").intValue());
        simulator.expireAllTokens();
        assertEquals(401, call("order/orderData", order("OREN-C"), token, null).path("code").intValue());
        assertEquals(0, simulator.received("OREN-C").accepted());
        assertEquals(400, call("order/orderData", order("OREN-C").put("pic", ""), login(), null).path("code").intValue());
        HttpResponse<String> noReqSource = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/order/orderData"))
                .header("Content-Type", "application/json").header("sign", SIGN.sign(order("OREN-C")))
                .header("Authorization", login()).POST(HttpRequest.BodyPublishers.ofString(order("OREN-C").toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, JSON.readTree(noReqSource.body()).path("code").intValue(), noReqSource.body());
    }

    @Test
    void obeysItsControlApi() throws Exception {
        String control = "http://127.0.0.1:" + simulator.port() + "/_sim/";
        HttpResponse<String> told = HTTP.send(HttpRequest.newBuilder(URI.create(control + "fail"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"fault\":\"code\",\"code\":500,\"msg\":\"device is unavailable\",\"third_id\":\"OREN-D\",\"times\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, told.statusCode(), told.body());
        String token = login();
        JsonNode failed = call("order/orderData", order("OREN-D"), token, null);
        assertEquals(500, failed.path("code").intValue());
        assertEquals("device is unavailable", failed.path("msg").asText());
        assertEquals(200, call("order/orderData", order("OREN-D"), token, null).path("code").intValue(), "times: 1");

        JsonNode received = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(control + "received?third_id=OREN-D"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(2, received.path("calls").intValue());
        assertEquals(1, received.path("accepted").intValue());
        assertTrue(received.path("history").get(0).path("outcome").asText().startsWith("fault code 500"));

        HTTP.send(HttpRequest.newBuilder(URI.create(control + "reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertNull(simulator.received("OREN-D"));
    }
}
