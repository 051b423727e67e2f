package com.pimpmycase.order;

import com.pimpmycase.lifecycle.Lifecycle;
import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * SPEC §4 over HTTP, every status of the order endpoints, against the WAR with a real database.
 * Subclasses choose the database, H2 (the embedded default) or PostgreSQL, and the servers to
 * run on ({@code @ParameterizedClass} over {@link ServerKind}), one deployment per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderApiContract {

    static final String IMAGE = "order-OREN250828378396-final-1756378358-e5f1af36.png";
    static final byte[] IMAGE_BYTES = TestImages.png(90, 180);

    /** The server of this run, injected by the subclass's parameter. */
    @Parameter
    ServerKind kind;
    ServiceUnderTest war;
    ApiCaller api;
    Path data;

    /** Adds the database entry (or none, for the embedded default). */
    abstract void bindDatabase(Map<String, Object> entries) throws Exception;

    /** Once per server kind (not @BeforeAll: that runs once for all kinds of a parameterized class). */
    @BeforeParameterizedClassInvocation
    void deploy() throws Exception {
        data = Files.createTempDirectory("pimpmycase-orders");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.com/shop/");
        bindDatabase(entries);
        war = kind.deploy(entries);
        api = new ApiCaller(war);
        war.storeImage(IMAGE, IMAGE_BYTES);
    }

    @AfterParameterizedClassInvocation
    void undeploy() throws Exception {
        if (war != null) { // null when the database was not available and the class was skipped
            war.close();
            war = null;
        }
    }

    static String order(String thirdId, String pic) {
        return order(thirdId, pic, "CXYLOGD8OQUK");
    }

    static String order(String thirdId, String pic, String deviceId) {
        return "{\"third_pay_id\":\"PYEN250828378395\",\"third_id\":\"" + thirdId + "\","
                + "\"mobile_model_id\":\"MM102503290004\",\"pic\":\"" + pic + "\","
                + "\"device_id\":\"" + deviceId + "\",\"mobile_shell_id\":\"MS102503290010\"}";
    }

    HttpResponse<byte[]> submit(String key, String json) throws Exception {
        return api.postJson(key, "/api/chinese/order/orderData", json);
    }

    /** The pic URL rebased onto the test server (publicBaseUrl points elsewhere on purpose). */
    String local(String pic) {
        String prefix = "https://cases.example.com/shop";
        assertTrue(pic.startsWith(prefix + "/image/"), pic);
        return pic.substring(prefix.length());
    }

    static JsonNode onlyError(HttpResponse<byte[]> response, int status) {
        assertEquals(status, response.statusCode(), text(response));
        JsonNode detail = json(response).get("detail");
        assertEquals(1, detail.size(), text(response));
        return detail.get(0);
    }

    // --- authentication and roles

    @Test
    void missingOrUnknownKeyIs401WithChallenge() throws Exception {
        for (String key : new String[] {null, "wrong-key", ""}) {
            HttpResponse<byte[]> response = api.get(key, "/api/chinese/orders");
            assertEquals(401, response.statusCode());
            assertEquals("{\"detail\":\"Not authenticated\"}", text(response));
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        HttpResponse<byte[]> basic = war.send(java.net.http.HttpRequest.newBuilder(war.uri("/api/chinese/orders"))
                .header("Authorization", "Basic " + FACTORY_KEY));
        assertEquals(401, basic.statusCode());
        assertEquals(401, api.get(null, "/api/no/such/endpoint").statusCode());
    }

    @Test
    void wrongRoleIs403() throws Exception {
        HttpResponse<byte[]> shopReads = api.get(SHOP_KEY, "/api/chinese/order/orderData?third_id=X1");
        assertEquals(403, shopReads.statusCode());
        assertEquals("{\"detail\":\"Not permitted\"}", text(shopReads));
        assertEquals(403, submit(FACTORY_KEY, order("OREN-ROLE", IMAGE)).statusCode());
        assertEquals(403, api.get(SHOP_KEY, "/api/chinese/orders").statusCode());
        assertEquals(404, api.get(FACTORY_KEY, "/api/no/such/endpoint").statusCode());
    }

    // --- submit

    @Test
    void createdOrderCarriesAFreshManufacturingLinkThatOpensTheImage() throws Exception {
        long before = Instant.now().getEpochSecond();
        HttpResponse<byte[]> response = submit(SHOP_KEY, order("OREN-CREATE-1", IMAGE));

        assertEquals(201, response.statusCode(), text(response));
        JsonNode body = json(response);
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("third_pay_id", "third_id", "mobile_model_id", "pic", "device_id", "mobile_shell_id",
                "pic_expires_at", "created_at"), fields);
        assertEquals("OREN-CREATE-1", body.get("third_id").asText());
        String pic = body.get("pic").asText();
        long exp = body.get("pic_expires_at").asLong();
        assertTrue(pic.endsWith("/image/" + IMAGE + "?token=" + exp + ":chinese_manufacturing:"
                + pic.substring(pic.length() - 64)), pic);
        assertTrue(exp >= before + 48 * 3600 && exp <= before + 48 * 3600 + 5, "exp " + exp);
        assertTrue(body.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

        HttpResponse<byte[]> image = war.get(local(pic));
        assertEquals(200, image.statusCode());
        assertArrayEquals(IMAGE_BYTES, image.body());
    }

    @Test
    void identicalRepostIs200AndSameThirdIdWithOtherDataIs409() throws Exception {
        JsonNode first = json(submit(SHOP_KEY, order("OREN-RETRY-1", IMAGE)));
        // The same order with pic written as the old host's URL, token and all: still identical.
        HttpResponse<byte[]> again = submit(ADMIN_KEY, order("OREN-RETRY-1",
                "https://pimpmycase.onrender.com/image/" + IMAGE + "?token=1756551196:chinese_manufacturing:abc"));
        assertEquals(200, again.statusCode(), text(again));
        assertEquals(first.get("created_at"), json(again).get("created_at"));

        HttpResponse<byte[]> conflict = submit(SHOP_KEY, order("OREN-RETRY-1", IMAGE, "OTHERDEVICE"));
        assertEquals(409, conflict.statusCode());
        assertEquals("{\"detail\":\"Order OREN-RETRY-1 already exists with different data\"}", text(conflict));
    }

    @Test
    void everyInvalidFieldIsReportedInOne422() throws Exception {
        String body = "{\"third_pay_id\":\"" + "P".repeat(65) + "\",\"third_id\":\"has space\",\"mobile_model_id\":\"\","
                + "\"pic\":\"../etc/passwd/\",\"device_id\":12,\"extra\":\"ignored\"}";
        HttpResponse<byte[]> response = submit(SHOP_KEY, body);
        assertEquals(422, response.statusCode(), text(response));
        Map<String, String> typeByField = new java.util.LinkedHashMap<>();
        for (JsonNode error : json(response).get("detail")) {
            assertEquals("body", error.get("loc").get(0).asText());
            assertFalse(error.get("msg").asText().isBlank());
            assertTrue(error.has("input"));
            typeByField.put(error.get("loc").get(1).asText(), error.get("type").asText());
        }
        assertEquals(Map.of("third_pay_id", "string_too_long", "third_id", "string_pattern_mismatch",
                "mobile_model_id", "string_too_short", "pic", "image_name_invalid", "device_id", "string_type",
                "mobile_shell_id", "missing"), typeByField);
    }

    @Test
    void imageMustExist() throws Exception {
        JsonNode error = onlyError(submit(SHOP_KEY, order("OREN-NOIMG", "never-uploaded.png")), 422);
        assertEquals("image_not_found", error.get("type").asText());
        assertEquals("pic", error.get("loc").get(1).asText());
    }

    @Test
    void unreadableJsonIs400AndOtherJsonValuesAre422() throws Exception {
        HttpResponse<byte[]> broken = submit(SHOP_KEY, "{\"third_id\": ");
        JsonNode error = onlyError(broken, 400);
        assertEquals("json_invalid", error.get("type").asText());
        assertEquals("[\"body\"]", error.get("loc").toString());
        assertEquals(422, submit(SHOP_KEY, "[1,2]").statusCode());
        assertEquals(422, submit(SHOP_KEY, "").statusCode());
        assertEquals(201, submit(SHOP_KEY, order("OREN-EXTRA", IMAGE).replace("}", ",\"note\":{\"a\":1}}")).statusCode());
    }

    // --- pay_amount and pay_type (optional in this deployment: no manufacturer's payData flow)

    static String paid(String thirdId, String payFields) {
        return order(thirdId, IMAGE).replace("}", "," + payFields + "}");
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    static final List<String> ORDER_DATA_FIELDS = List.of("third_pay_id", "third_id", "mobile_model_id", "pic",
            "device_id", "mobile_shell_id", "pic_expires_at", "created_at");

    @Test
    void payFieldsShowInTheOrderViewAndNeverInThePartnersOrderData() throws Exception {
        HttpResponse<byte[]> created = submit(SHOP_KEY, paid("OREN-PAY-VIEW", "\"pay_amount\":35,\"pay_type\":12"));
        assertEquals(201, created.statusCode(), text(created));
        assertEquals(ORDER_DATA_FIELDS, fieldNames(json(created)));
        HttpResponse<byte[]> fetched = api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=OREN-PAY-VIEW");
        assertEquals(ORDER_DATA_FIELDS, fieldNames(json(fetched)));
        for (JsonNode polled : json(api.get(FACTORY_KEY, "/api/chinese/orders?limit=500")).get("orders")) {
            assertEquals(ORDER_DATA_FIELDS, fieldNames(polled));
        }

        HttpResponse<byte[]> view = api.get(SHOP_KEY, "/api/orders/OREN-PAY-VIEW");
        assertEquals(200, view.statusCode(), text(view));
        JsonNode order = json(view).get("order");
        assertEquals(List.of("third_pay_id", "third_id", "mobile_model_id", "pic", "device_id", "mobile_shell_id",
                "pay_amount", "pay_type", "created_at"), fieldNames(order));
        assertTrue(text(view).contains("\"pay_amount\":35.0,\"pay_type\":12,"), text(view)); // 35.0 as written
        assertEquals(12, order.get("pay_type").intValue());

        submit(SHOP_KEY, paid("OREN-PAY-VIEW-2", "\"pay_amount\":19.99"));
        HttpResponse<byte[]> cents = api.get(ADMIN_KEY, "/api/orders/OREN-PAY-VIEW-2");
        assertTrue(text(cents).contains("\"pay_amount\":19.99,\"created_at\""), text(cents)); // no pay_type given
        submit(SHOP_KEY, paid("OREN-PAY-VIEW-3", "\"pay_amount\":100000.00,\"pay_type\":99"));
        assertTrue(text(api.get(ADMIN_KEY, "/api/orders/OREN-PAY-VIEW-3")).contains("\"pay_amount\":100000.0,"));

        submit(SHOP_KEY, order("OREN-PAY-VIEW-4", IMAGE)); // optional here: stored without
        JsonNode none = json(api.get(SHOP_KEY, "/api/orders/OREN-PAY-VIEW-4")).get("order");
        assertEquals(List.of("third_pay_id", "third_id", "mobile_model_id", "pic", "device_id", "mobile_shell_id",
                "created_at"), fieldNames(none), "an order without payment fields reads as before them");
    }

    @Test
    void payAmountTakesPartInTheIdenticalOrderByValue() throws Exception {
        assertEquals(201, submit(SHOP_KEY, paid("OREN-PAY-SAME", "\"pay_amount\":35,\"pay_type\":12")).statusCode());
        for (String same : new String[] {"\"pay_amount\":35.0,\"pay_type\":12", "\"pay_type\":12,\"pay_amount\":35.00"}) {
            HttpResponse<byte[]> again = submit(SHOP_KEY, paid("OREN-PAY-SAME", same));
            assertEquals(200, again.statusCode(), same + ": " + text(again));
        }
        for (String other : new String[] {"\"pay_type\":12", "\"pay_amount\":35", "\"pay_amount\":35.01,\"pay_type\":12",
            "\"pay_amount\":35,\"pay_type\":5"}) {
            HttpResponse<byte[]> conflict = submit(SHOP_KEY, paid("OREN-PAY-SAME", other));
            assertEquals(409, conflict.statusCode(), other + ": " + text(conflict));
            assertEquals("{\"detail\":\"Order OREN-PAY-SAME already exists with different data\"}", text(conflict));
        }
        assertEquals(409, submit(SHOP_KEY, order("OREN-PAY-SAME", IMAGE)).statusCode(), "absent differs from given");

        assertEquals(201, submit(SHOP_KEY, order("OREN-PAY-NONE", IMAGE)).statusCode());
        assertEquals(409, submit(SHOP_KEY, paid("OREN-PAY-NONE", "\"pay_amount\":35")).statusCode());
        assertEquals(200, submit(SHOP_KEY, paid("OREN-PAY-NONE", "\"pay_amount\":null")).statusCode(), "null is absent");
        // The view shows what was stored first.
        assertTrue(text(api.get(SHOP_KEY, "/api/orders/OREN-PAY-SAME")).contains("\"pay_amount\":35.0,\"pay_type\":12,"));
    }

    @Test
    void badPayFieldsAre422AtTheirLocAndStoreNothing() throws Exception {
        Map<String, String> typeByAmount = new java.util.LinkedHashMap<>();
        typeByAmount.put("0.001", "decimal_max_places");
        typeByAmount.put("19.990000000000001", "decimal_max_places");
        typeByAmount.put("0", "greater_than");
        typeByAmount.put("-1", "greater_than");
        typeByAmount.put("100000.01", "less_than_equal");
        typeByAmount.put("1e2", "decimal_parsing");
        typeByAmount.put("3.5E1", "decimal_parsing");
        typeByAmount.put("\"35.0\"", "decimal_type");
        typeByAmount.put("true", "decimal_type");
        for (Map.Entry<String, String> e : typeByAmount.entrySet()) {
            HttpResponse<byte[]> response = submit(SHOP_KEY, paid("OREN-PAY-BAD", "\"pay_amount\":" + e.getKey()));
            JsonNode error = onlyError(response, 422);
            assertEquals(e.getValue(), error.get("type").asText(), e.getKey());
            assertEquals("[\"body\",\"pay_amount\"]", error.get("loc").toString());
            assertTrue(text(response).contains("\"input\":" + e.getKey()), text(response)); // as sent
        }
        for (String payType : new String[] {"35.0", "0", "100", "\"12\"", "1e1"}) {
            JsonNode error = onlyError(submit(SHOP_KEY, paid("OREN-PAY-BAD", "\"pay_amount\":35,\"pay_type\":" + payType)), 422);
            assertEquals("[\"body\",\"pay_type\"]", error.get("loc").toString(), payType);
        }
        assertEquals(404, api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=OREN-PAY-BAD").statusCode());
    }

    // --- fetch

    @Test
    void fetchGivesANewTokenEachTimeThatOpensTheImage() throws Exception {
        submit(SHOP_KEY, order("OREN-FETCH-1", IMAGE));
        JsonNode first = json(api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=OREN-FETCH-1"));
        Thread.sleep(1100);
        HttpResponse<byte[]> response = api.get(ADMIN_KEY, "/api/chinese/order/orderData?third_id=OREN-FETCH-1");
        assertEquals(200, response.statusCode());
        JsonNode second = json(response);
        assertNotEquals(first.get("pic").asText(), second.get("pic").asText());
        assertTrue(second.get("pic_expires_at").asLong() > first.get("pic_expires_at").asLong());
        assertEquals(200, war.get(local(second.get("pic").asText())).statusCode());
    }

    @Test
    void fetchUnknownIs404AndMissingIdIs422() throws Exception {
        HttpResponse<byte[]> unknown = api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=NOPE");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"detail\":\"Order not found\"}", text(unknown));
        JsonNode missing = onlyError(api.get(FACTORY_KEY, "/api/chinese/order/orderData"), 422);
        assertEquals("missing", missing.get("type").asText());
        assertEquals("[\"query\",\"third_id\"]", missing.get("loc").toString());
        assertEquals(422, api.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=a%20b").statusCode());
    }

    // --- polling

    @Test
    void pollingBadLimitsAndForeignCursorsAre422() throws Exception {
        for (String query : new String[] {"limit=0", "limit=501", "limit=ten", "limit=1.5", "after=bm90LWEtY3Vyc29y",
            "after=AAAAAAAAAAEAAAAAAAAAAAAAAAA"}) {
            JsonNode error = onlyError(api.get(FACTORY_KEY, "/api/chinese/orders?" + query), 422);
            assertEquals("query", error.get("loc").get(0).asText(), query);
        }
        assertEquals(200, api.get(FACTORY_KEY, "/api/chinese/orders?limit=500").statusCode());
        assertEquals(200, api.get(FACTORY_KEY, "/api/chinese/orders?limit=1").statusCode());
    }

    @Test
    void pollerNeverMissesNorRepeatsAnOrderWhileOthersAreStored() throws Exception {
        String cursor = drain(null, new ArrayList<>()); // whatever other tests stored
        int writers = 4;
        int perWriter = 25;
        Set<String> posted = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < perWriter; i++) {
                    String id = "POLL-" + writer + "-" + i;
                    HttpResponse<byte[]> response = submit(SHOP_KEY, order(id, IMAGE));
                    assertEquals(201, response.statusCode(), text(response));
                    posted.add(id);
                }
                return null;
            }));
        }
        List<String> seen = new ArrayList<>();
        Thread poller = new Thread(() -> { });
        String next = cursor;
        while (!done.get()) {
            done.set(futures.stream().allMatch(Future::isDone));
            next = pollOnce(next, 7, seen);
        }
        next = drain(next, seen);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(writers * perWriter, seen.size(), "seen " + seen.size());
        assertEquals(posted, new HashSet<>(seen));
        assertEquals(seen.size(), new LinkedHashSet<>(seen).size(), "an order was repeated");
        // Nothing new: next is the cursor given.
        JsonNode empty = json(api.get(FACTORY_KEY, "/api/chinese/orders?after=" + next));
        assertEquals(0, empty.get("orders").size());
        assertEquals(next, empty.get("next").asText());
    }

    private String drain(String cursor, List<String> seen) throws Exception {
        String next = cursor;
        while (true) {
            int before = seen.size();
            next = pollOnce(next, 500, seen);
            if (seen.size() == before) {
                return next;
            }
        }
    }

    private String pollOnce(String cursor, int limit, List<String> seen) throws Exception {
        HttpResponse<byte[]> response = api.get(FACTORY_KEY,
                "/api/chinese/orders?limit=" + limit + (cursor == null ? "" : "&after=" + cursor));
        assertEquals(200, response.statusCode(), text(response));
        JsonNode body = json(response);
        for (JsonNode order : body.get("orders")) {
            String id = order.get("third_id").asText();
            if (id.startsWith("POLL-")) {
                seen.add(id);
            }
        }
        String next = body.get("next").asText();
        assertFalse(next.isBlank());
        return next;
    }

    // --- concurrency of identical submissions

    @Test
    void fiftyClientsPostingTheSameOrderStoreExactlyOne() throws Exception {
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String device = i % 2 == 0 ? "CXYLOGD8OQUK" : "OTHERDEVICE" + i;
            statuses.add(pool.submit(() -> {
                start.await();
                return submit(SHOP_KEY, order("OREN-RACE-1", IMAGE, device)).statusCode();
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Integer> status : statuses) {
            int s = status.get();
            assertTrue(s == 201 || s == 200 || s == 409, "status " + s);
            created += s == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created);
        JsonNode stored = json(api.get(ADMIN_KEY, "/api/chinese/order/orderData?third_id=OREN-RACE-1"));
        assertEquals("OREN-RACE-1", stored.get("third_id").asText());
    }

    @Test
    void publicBaseUrlWithAPathPrefixIsUsed() throws Exception {
        JsonNode body = json(submit(SHOP_KEY, order("OREN-BASE", IMAGE)));
        URI pic = URI.create(body.get("pic").asText());
        assertEquals("cases.example.com", pic.getHost());
        assertTrue(pic.getPath().startsWith("/shop/image/"), pic.toString());
    }
}
