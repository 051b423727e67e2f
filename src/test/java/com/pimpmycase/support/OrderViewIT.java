package com.pimpmycase.support;

import com.pimpmycase.testing.Eventually;
import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §11 {@code GET /api/orders/{third_id}} over HTTP, on embedded Jetty with the embedded database. */
class OrderViewIT {

    static final byte[] PNG = TestImages.png(60, 120);

    @TempDir
    static Path data;
    static DeployedWar war;
    static ApiCaller api;

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    /** Stores {@code image} and an order on it; returns the order data's pic URL. */
    static String submit(String thirdId, String image) throws Exception {
        if (!Files.exists(war.imageDirectory().resolve(image))) {
            war.storeImage(image, PNG);
        }
        HttpResponse<byte[]> stored = api.postJson(SHOP_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PAY-" + thirdId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                        + "\"pic\":\"" + image + "\",\"device_id\":\"DEV1\",\"mobile_shell_id\":\"MS1\"}");
        assertEquals(201, stored.statusCode(), text(stored));
        return json(stored).get("pic").asText();
    }

    static JsonNode view(String thirdId) throws Exception {
        HttpResponse<byte[]> response = api.get(ADMIN_KEY, "/api/orders/" + thirdId);
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return json(response);
    }

    static HttpResponse<byte[]> download(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return war.send(request);
    }

    @Test
    void showsTheOrderItsImageDeliveryAndTimeline() throws Exception {
        String pic = submit("OREN-VIEW-1", "order-OREN-VIEW-1-final-1764313200-9f2c41d7.png");
        HttpResponse<byte[]> fetched = api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=OREN-VIEW-1");
        String createdAt = json(fetched).get("created_at").asText();

        JsonNode view = view("OREN-VIEW-1");
        assertEquals(List.of("order", "image", "delivery", "payment_status", "downloads", "events", "events_omitted"),
                names(view));
        assertEquals(0, view.get("events_omitted").asLong());
        assertEquals("{\"third_pay_id\":\"PAY-OREN-VIEW-1\",\"third_id\":\"OREN-VIEW-1\",\"mobile_model_id\":\"MM1\","
                + "\"pic\":\"order-OREN-VIEW-1-final-1764313200-9f2c41d7.png\",\"device_id\":\"DEV1\","
                + "\"mobile_shell_id\":\"MS1\",\"created_at\":\"" + createdAt + "\"}", view.get("order").toString());
        assertEquals("{\"filename\":\"order-OREN-VIEW-1-final-1764313200-9f2c41d7.png\",\"exists\":true,"
                + "\"bytes\":" + PNG.length + ",\"content_type\":\"image/png\",\"blocked\":false}",
                view.get("image").toString());
        assertEquals("{\"state\":\"off\",\"attempts\":0,\"last_attempt_at\":null,\"next_attempt_at\":null,"
                + "\"last_error\":null,\"delivered_at\":null,\"manufacturer_order_id\":null,\"queue_no\":null,"
                + "\"manufacturer_status\":null,\"manufacturer_status_at\":null,\"pic_expires_at\":null,"
                + "\"manufacturer_payment_id\":null}", view.get("delivery").toString());
        assertTrue(view.get("payment_status").isNull());
        assertEquals("{}", view.get("downloads").toString());
        JsonNode events = view.get("events");
        assertEquals(1, events.size(), events.toString());
        assertEquals("stored", events.get(0).get("kind").asText());
        assertEquals(createdAt, events.get(0).get("at").asText());
        assertTrue(pic.contains("?token="), pic);
    }

    @Test
    void aDownloadShowsAtOnceAndItsFirstDownloadEventFollows() throws Exception {
        String image = "order-OREN-VIEW-2-final-1764313200-0a1b2c3d.png";
        String pic = submit("OREN-VIEW-2", image);
        Instant before = Instant.now().minusSeconds(1);

        assertEquals(200, download(pic).statusCode());
        JsonNode downloads = view("OREN-VIEW-2").get("downloads");
        assertEquals(List.of("chinese_manufacturing"), names(downloads), downloads.toString());
        JsonNode manufacturing = downloads.get("chinese_manufacturing");
        assertEquals(1, manufacturing.get("count").asLong());
        Instant first = Instant.parse(manufacturing.get("first_at").asText());
        assertTrue(!first.isBefore(before.minusSeconds(1)) && !first.isAfter(Instant.now()), first.toString());
        assertEquals(manufacturing.get("first_at"), manufacturing.get("last_at"));

        // 206 counts; HEAD, 304 and a refusal do not.
        assertEquals(206, download(pic, "Range", "bytes=0-9").statusCode());
        String etag = download(pic).headers().firstValue("ETag").orElseThrow(); // a third download
        assertEquals(304, download(pic, "If-None-Match", etag).statusCode());
        assertEquals(200, war.send(HttpRequest.newBuilder(URI.create(pic)).method("HEAD",
                HttpRequest.BodyPublishers.noBody())).statusCode());
        String tampered = pic.substring(0, pic.length() - 1) + (pic.endsWith("0") ? "1" : "0");
        assertEquals(422, download(tampered).statusCode());
        assertEquals(422, download(pic.replaceFirst("\\?token=.*", "")).statusCode());
        assertEquals(3, view("OREN-VIEW-2").get("downloads").get("chinese_manufacturing").get("count").asLong());

        // The customer's preview image counts under its own partner type.
        HttpResponse<byte[]> link = api.postForm(SHOP_KEY, "/api/images/generate-secure-url",
                Map.of("filename", image));
        assertEquals(200, download(json(link).get("secure_url").asText()).statusCode());

        JsonNode events = awaitEvents("OREN-VIEW-2", "first_download", 2);
        List<String> details = new ArrayList<>();
        events.forEach(e -> {
            if (e.get("kind").asText().equals("first_download")) {
                details.add(e.get("detail").asText());
            }
        });
        assertTrue(details.stream().anyMatch(d -> d.contains("chinese_manufacturing")), details.toString());
        assertTrue(details.stream().anyMatch(d -> d.contains("end_user")), details.toString());
        JsonNode after = view("OREN-VIEW-2").get("downloads");
        assertEquals(3, after.get("chinese_manufacturing").get("count").asLong(), "written totals count once");
        assertEquals(1, after.get("end_user").get("count").asLong());
    }

    /** Waits (flushes run every few seconds, at most 10 s apart) until {@code count} events of {@code kind} exist. */
    static JsonNode awaitEvents(String thirdId, String kind, int count) throws Exception {
        return Eventually.await(Duration.ofSeconds(15), () -> view(thirdId).get("events"), events -> {
            int found = 0;
            for (JsonNode e : events) {
                found += e.get("kind").asText().equals(kind) ? 1 : 0;
            }
            return found >= count;
        }, "no " + count + " " + kind + " event(s)");
    }

    @Test
    void aMissingImageIsShownAsMissing() throws Exception {
        String image = "order-OREN-VIEW-3-final-1764313200-deadbeef.png";
        submit("OREN-VIEW-3", image);
        Files.delete(war.imageDirectory().resolve(image));
        assertEquals("{\"filename\":\"" + image + "\",\"exists\":false,\"bytes\":null,\"content_type\":null,"
                + "\"blocked\":false}", view("OREN-VIEW-3").get("image").toString());
    }

    @Test
    void rolesUnknownOrdersAndBadIds() throws Exception {
        submit("OREN-VIEW-4", "order-OREN-VIEW-4-final-1764313200-00c0ffee.png");
        assertEquals(401, api.get(null, "/api/orders/OREN-VIEW-4").statusCode());
        HttpResponse<byte[]> factory = api.get(FACTORY_KEY, "/api/orders/OREN-VIEW-4");
        assertEquals(403, factory.statusCode());
        assertEquals("{\"detail\":\"Not permitted\"}", text(factory));
        assertEquals(200, api.get(SHOP_KEY, "/api/orders/OREN-VIEW-4").statusCode());

        HttpResponse<byte[]> unknown = api.get(ADMIN_KEY, "/api/orders/OREN-NOBODY");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"detail\":\"Order not found\"}", text(unknown));

        for (String bad : List.of("bad%20id", "x".repeat(65), "%C3%A9t%C3%A9", "a.b")) {
            HttpResponse<byte[]> response = api.get(ADMIN_KEY, "/api/orders/" + bad);
            assertEquals(422, response.statusCode(), bad + ": " + text(response));
            JsonNode error = json(response).get("detail").get(0);
            assertEquals("[\"path\",\"third_id\"]", error.get("loc").toString(), text(response));
            assertTrue(error.get("type").asText().startsWith("string_"), text(response));
        }
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
