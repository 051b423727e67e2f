package com.pimpmycase.order;

import com.pimpmycase.lifecycle.Lifecycle;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on one PostgreSQL database and one image volume, as in production: each node keeps
 * the orders it has fetched in memory, which must never hide an order stored through the other
 * node — a 404 is not remembered — nor the other node's answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderCacheTwoNodesIT {

    private static final String IMAGE = "order-TWO-NODES-final-1764662400-0a1b2c3d.png";

    DataSource database;
    DeployedWar first;
    DeployedWar second;
    ApiCaller onFirst;
    ApiCaller onSecond;

    @BeforeAll
    void deployTwoNodes() throws Exception {
        database = TestDatabases.freshPostgres("two_nodes");
        Path images = Files.createTempDirectory("pimpmycase-two-nodes-images");
        first = DeployedWar.start(node(images));
        second = DeployedWar.start(node(images));
        onFirst = new ApiCaller(first);
        onSecond = new ApiCaller(second);
        Files.write(images.resolve(IMAGE), TestImages.png(90, 180));
    }

    private Map<String, Object> node(Path images) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory("pimpmycase-node"));
        entries.put("pimpmycase/imageDirectory", images.toString());
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("jdbc/pimpmycase", database);
        return entries;
    }

    @AfterAll
    void undeploy() throws Exception {
        for (DeployedWar node : new DeployedWar[] {first, second}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static String order(String thirdId) {
        return "{\"third_pay_id\":\"PYEN1\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"MM1\","
                + "\"pic\":\"" + IMAGE + "\",\"device_id\":\"D1\",\"mobile_shell_id\":\"MS1\"}";
    }

    private static HttpResponse<byte[]> fetch(ApiCaller node, String thirdId) throws Exception {
        return node.get(FACTORY_KEY, "/api/chinese/order/orderData?third_id=" + thirdId);
    }

    @Test
    void anOrderStoredOnOneNodeIsFetchedAtOnceOnTheOtherEvenAfterA404There() throws Exception {
        for (int round = 0; round < 3; round++) { // the 404 is asked more than once, as a poller would
            assertEquals(404, fetch(onFirst, "OR-TWO-1").statusCode());
        }

        HttpResponse<byte[]> stored = onSecond.postJson(SHOP_KEY, "/api/chinese/order/orderData", order("OR-TWO-1"));
        assertEquals(201, stored.statusCode(), text(stored));

        HttpResponse<byte[]> fetched = fetch(onFirst, "OR-TWO-1");
        assertEquals(200, fetched.statusCode(), "the first node remembered its 404: " + text(fetched));
        JsonNode order = json(fetched);
        JsonNode original = json(stored);
        for (String field : new String[] {"third_pay_id", "third_id", "mobile_model_id", "device_id",
                "mobile_shell_id", "created_at"}) {
            assertEquals(original.get(field), order.get(field), field);
        }
        assertTrue(order.get("pic").asText().contains("/image/" + IMAGE + "?token="), order.toString());
    }

    @Test
    void bothNodesAnswerTheSameStoredOrderAgainAndAgain() throws Exception {
        HttpResponse<byte[]> stored = onFirst.postJson(SHOP_KEY, "/api/chinese/order/orderData", order("OR-TWO-2"));
        assertEquals(201, stored.statusCode(), text(stored));
        for (int round = 0; round < 3; round++) {
            for (ApiCaller node : new ApiCaller[] {onFirst, onSecond}) {
                JsonNode fetched = json(fetch(node, "OR-TWO-2"));
                assertEquals(json(stored).get("created_at"), fetched.get("created_at"));
                assertEquals("OR-TWO-2", fetched.get("third_id").asText());
            }
        }
        // A re-post of other data is still refused on either node: the store, not the memory, decides.
        String changed = order("OR-TWO-2").replace("\"D1\"", "\"D2\"");
        assertEquals(409, onSecond.postJson(SHOP_KEY, "/api/chinese/order/orderData", changed).statusCode());
        assertEquals(409, onFirst.postJson(SHOP_KEY, "/api/chinese/order/orderData", changed).statusCode());
    }
}
