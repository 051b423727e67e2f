package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database and one image volume (SPEC §8): what happens on one node
 * shows on the other's console — its orders, and its downloads and refusals in the dashboard's
 * hourly counts, including the counts a node flushes as it shuts down.
 */
class ConsoleTwoNodesIT {

    static final String DESIGN = "order-TWONODES1-final-1764313200-0a1b2c3d.png";
    static final String THIRD_ID = "ORTWONODES000001";

    @TempDir
    Path data;

    @Test
    void oneNodesOrdersAndCountsShowOnTheOthersConsole() throws Exception {
        DataSource database = TestDatabases.freshPostgres("console");
        try (DeployedWar other = node(database)) {
            DeployedWar first = node(database);
            ApiCaller api = new ApiCaller(first);
            first.storeImage(DESIGN, TestImages.png(300, 500));
            assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData",
                    ConsoleIT.order(THIRD_ID, DESIGN)).statusCode());
            JsonNode order = ApiCaller.json(api.get(ApiCaller.FACTORY_KEY,
                    "/api/chinese/order/orderData?third_id=" + THIRD_ID));
            String pic = order.get("pic").asText();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, first.get(pic.substring(pic.indexOf("/image/"))).statusCode());
            }
            assertEquals(422, first.get("/image/" + DESIGN + "?token=1:chinese_manufacturing:00").statusCode());
            first.close(); // the last counts go out as the node stops

            try (WebClient browser = ConsoleSignIn.browser()) {
                HtmlPage orders = ConsoleSignIn.signIn(browser, other.base(), ConsoleUsers.OPERATOR,
                        ConsoleUsers.OPERATOR_PASSWORD, "the other node");
                assertTrue(orders.asNormalizedText().contains(THIRD_ID), orders.asNormalizedText());
                HtmlPage dashboard = browser.getPage(other.base() + "/console/dashboard");
                assertEquals(3, ConsoleIT.figure(dashboard, "downloads"), dashboard.asNormalizedText());
                assertEquals(1, ConsoleIT.figure(dashboard, "refusals-token_signature_invalid")
                        + ConsoleIT.figure(dashboard, "refusals-token_malformed"), dashboard.asNormalizedText());
            }
        } finally {
            TestDatabases.dropPostgres(database);
        }
    }

    DeployedWar node(DataSource database) throws Exception {
        // One data directory, so one image volume; the database is PostgreSQL, not this directory's H2.
        Map<String, Object> entries = DeployedWar.defaultEntries(data.resolve("shared"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("jdbc/pimpmycase", database);
        return DeployedWar.start(entries);
    }
}
