package com.pimpmycase.metrics;

import com.pimpmycase.testing.Eventually;
import com.pimpmycase.lifecycle.Lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SPEC §11's {@code /metrics} over HTTP on the packaged WAR: who may read it, that every series is
 * there from the start, and that the counters move by exactly what this test's own requests did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    static final String METRICS_TOKEN = "metrics-it-scrape-token-4f2a9c";
    static final String IMAGE = "design-metrics.png";
    static final byte[] IMAGE_BYTES = TestImages.png(40, 80);
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.withOverrides("bogus_partner=1h/1h"), Clock.systemUTC());

    DeployedWar war;
    ApiCaller api;

    @BeforeAll
    void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-metrics"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/metricsToken", METRICS_TOKEN);
        war = DeployedWar.start(entries);
        war.storeImage(IMAGE, IMAGE_BYTES);
        api = new ApiCaller(war);
    }

    @AfterAll
    void undeploy() throws Exception {
        war.close();
    }

    @Test
    void onlyAdminKeysAndTheMetricsTokenMayRead() throws Exception {
        HttpResponse<byte[]> none = api.get(null, "/metrics");
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("{\"detail\":\"Not authenticated\"}", ApiCaller.text(none));
        assertEquals(401, api.get("wrong-" + METRICS_TOKEN, "/metrics").statusCode());
        assertEquals(401, api.get(METRICS_TOKEN.substring(1), "/metrics").statusCode());
        assertEquals(403, api.get(ApiCaller.SHOP_KEY, "/metrics").statusCode());
        assertEquals(403, api.get(ApiCaller.FACTORY_KEY, "/metrics").statusCode());

        for (String key : new String[] {ApiCaller.ADMIN_KEY, METRICS_TOKEN}) {
            HttpResponse<byte[]> ok = api.get(key, "/metrics");
            assertEquals(200, ok.statusCode());
            assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                    ok.headers().toString());
            assertTrue(ApiCaller.text(ok).contains("# TYPE pimpmycase_image_requests_total counter"));
            assertFalse(ApiCaller.text(ok).contains(METRICS_TOKEN));
        }
    }

    @Test
    void everyRequiredSeriesIsThereFromTheStart() throws Exception {
        Map<String, Double> series = scrape();
        List<String> required = new ArrayList<>();
        for (String outcome : List.of("served", "not_modified", "refused", "not_found", "bad_request", "error")) {
            required.add("pimpmycase_image_requests_total{outcome=\"" + outcome + "\"}");
        }
        for (String type : List.of("missing", "token_malformed", "partner_type_unknown", "token_signature_invalid",
                "token_revoked", "token_expired", "token_lifetime_exceeds_policy")) {
            for (String partner : List.of("end_user", "chinese_manufacturing", "admin", "unknown")) {
                required.add("pimpmycase_token_refusals_total{partner_type=\"" + partner + "\",type=\"" + type + "\"}");
            }
        }
        required.add("pimpmycase_image_bytes_sent_total");
        for (String route : List.of("image", "preview", "api", "console", "health", "other")) {
            required.add("pimpmycase_http_request_duration_seconds_count{route=\"" + route + "\"}");
            required.add("pimpmycase_http_request_duration_seconds_sum{route=\"" + route + "\"}");
            required.add("pimpmycase_http_request_duration_seconds_bucket{le=\"+Inf\",route=\"" + route + "\"}");
        }
        required.add("pimpmycase_orders_stored_total");
        for (String state : List.of("off", "awaiting_payment", "pending", "delivering", "delivered", "rejected",
                "failed")) {
            required.add("pimpmycase_deliveries{state=\"" + state + "\"}");
        }
        required.add("pimpmycase_delivery_oldest_pending_seconds");
        for (String result : List.of("delivered", "rejected", "transient", "auth")) {
            required.add("pimpmycase_delivery_attempts_total{result=\"" + result + "\"}");
        }
        required.add("jdbc_connections_active{name=\"pimpmycase\"}");
        required.add("jdbc_connections_max{name=\"pimpmycase\"}");
        List<String> missing = required.stream().filter(s -> !series.containsKey(s)).toList();
        assertEquals(List.of(), missing, "exposed: " + new TreeSet<>(series.keySet()));
        assertTrue(series.get("jdbc_connections_max{name=\"pimpmycase\"}") > 0);
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds")) {
            assertTrue(series.keySet().stream().anyMatch(s -> s.equals(jvm) || s.startsWith(jvm + "{")), jvm);
        }
        // Few buckets: the histogram stays a small part of the exposition.
        long buckets = series.keySet().stream()
                .filter(s -> s.startsWith("pimpmycase_http_request_duration_seconds_bucket{") && s.contains("image"))
                .count();
        assertTrue(buckets <= 12, "buckets per route: " + buckets);
    }

    @Test
    void countersMoveByExactlyWhatTheRequestsDid() throws Exception {
        Token valid = MINTER.mint(IMAGE, "end_user");
        Token expired = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-5))).mint(IMAGE, "end_user");
        Token forgedFactory = new TokenMinter(SigningKeys.of("another-signing-key-0123456789abcdef0"),
                PartnerPolicies.defaults(), Clock.systemUTC()).mint(IMAGE, "chinese_manufacturing");
        Token bogusType = MINTER.mint(IMAGE, "bogus_partner");
        Token forMissing = MINTER.mint("not-there.png", "admin");
        Map<String, Double> before = scrape();

        String image = "/image/" + IMAGE + "?token=";
        assertEquals(200, war.get(image + valid.text()).statusCode());
        assertEquals(206, war.send(HttpRequest.newBuilder(war.uri(image + valid.text())).header("Range", "bytes=0-9"))
                .statusCode());
        HttpResponse<byte[]> head = war.request("HEAD", image + valid.text());
        assertEquals(200, head.statusCode());
        String etag = head.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, war.send(HttpRequest.newBuilder(war.uri(image + valid.text())).header("If-None-Match", etag))
                .statusCode());
        assertEquals(416, war.send(HttpRequest.newBuilder(war.uri(image + valid.text()))
                .header("Range", "bytes=999999-")).statusCode());
        assertEquals(405, war.request("POST", image + valid.text()).statusCode());
        assertEquals(404, war.get("/image/not-there.png?token=" + forMissing.text()).statusCode());
        assertEquals(422, war.get("/image/" + IMAGE).statusCode());
        assertEquals(422, war.get(image + expired.text()).statusCode());
        assertEquals(422, war.get(image + expired.text()).statusCode());
        assertEquals(422, war.get(image + forgedFactory.text()).statusCode());
        assertEquals(422, war.get(image + bogusType.text()).statusCode());
        assertEquals(422, war.get(image + "garbage").statusCode());
        assertEquals(422, war.get("/preview/" + IMAGE).statusCode());
        assertEquals(422, war.get("/preview/" + IMAGE + "?token=" + bogusType.text()).statusCode());
        assertEquals(200, war.get("/health").statusCode());
        String order = """
                {"third_pay_id":"PYMETRICS0001","third_id":"ORMETRICS0001","mobile_model_id":"MM1",
                 "pic":"%s","device_id":"DEV1","mobile_shell_id":"MS1"}""".formatted(IMAGE);
        assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order).statusCode());
        assertEquals(200, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order).statusCode());

        Map<String, Double> expected = new HashMap<>();
        expected.put("pimpmycase_image_requests_total{outcome=\"served\"}", 3.0); // 200, 206, HEAD
        expected.put("pimpmycase_image_requests_total{outcome=\"not_modified\"}", 1.0);
        expected.put("pimpmycase_image_requests_total{outcome=\"bad_request\"}", 2.0); // 416, 405
        expected.put("pimpmycase_image_requests_total{outcome=\"not_found\"}", 1.0);
        expected.put("pimpmycase_image_requests_total{outcome=\"refused\"}", 6.0);
        expected.put("pimpmycase_image_requests_total{outcome=\"error\"}", 0.0);
        expected.put(refusals("missing", "unknown"), 2.0); // image and preview
        expected.put(refusals("token_expired", "end_user"), 2.0);
        expected.put(refusals("token_signature_invalid", "chinese_manufacturing"), 1.0);
        expected.put(refusals("partner_type_unknown", "unknown"), 2.0); // image and preview
        expected.put(refusals("token_malformed", "unknown"), 1.0);
        expected.put(refusals("token_signature_invalid", "end_user"), 0.0);
        expected.put("pimpmycase_image_bytes_sent_total", IMAGE_BYTES.length + 10.0); // HEAD and 304 send none
        expected.put("pimpmycase_http_request_duration_seconds_count{route=\"image\"}", 13.0);
        expected.put("pimpmycase_http_request_duration_seconds_count{route=\"preview\"}", 2.0);
        expected.put("pimpmycase_http_request_duration_seconds_count{route=\"health\"}", 1.0);
        expected.put("pimpmycase_http_request_duration_seconds_count{route=\"api\"}", 2.0);
        expected.put("pimpmycase_orders_stored_total", 1.0);

        // The duration and the bytes are recorded once the answer is out: allow the server a moment.
        Map<String, Double> deltas = new TreeMap<>();
        Map<String, Double> after = Eventually.await(java.time.Duration.ofSeconds(20), this::scrape, scraped -> {
            deltas.clear();
            expected.keySet().forEach(s -> deltas.put(s, scraped.get(s) - before.get(s)));
            return deltas.equals(new TreeMap<>(expected));
        }, "the metrics' changes " + expected);
        assertFalse(after.keySet().stream().anyMatch(s -> s.contains("bogus")),
                "a client created a series: " + after.keySet());
        assertEquals(new TreeMap<>(expected), deltas);
    }

    static String refusals(String type, String partner) {
        return "pimpmycase_token_refusals_total{partner_type=\"" + partner + "\",type=\"" + type + "\"}";
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Every sample of the exposition: {@code name{labels sorted by name}} → value. */
    Map<String, Double> scrape() throws Exception {
        HttpResponse<byte[]> response = api.get(METRICS_TOKEN, "/metrics");
        assertEquals(200, response.statusCode());
        Map<String, Double> samples = new HashMap<>();
        for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), line);
            TreeMap<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            StringBuilder key = new StringBuilder(m.group(1));
            if (!labels.isEmpty()) {
                key.append('{');
                labels.forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
                key.setCharAt(key.length() - 1, '}');
            }
            samples.put(key.toString(), Double.parseDouble(m.group(3)));
        }
        return samples;
    }
}
