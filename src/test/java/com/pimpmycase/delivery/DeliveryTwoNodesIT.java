package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.TestDatabases;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.testing.WarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two nodes (two JVMs) on one PostgreSQL and one image volume, orders posted to both, transient
 * faults injected: every order is delivered and the simulator never sees two attempts of one order
 * in flight at once (SPEC §9).
 */
class DeliveryTwoNodesIT {

    private static final int ORDERS = 60;
    private static final String IMAGE = "design-1756378358-2a0d0e5f.png";

    @TempDir
    Path work;

    @Test
    void everyOrderDeliveredOnceAtATimeAcrossTwoNodes() throws Exception {
        DataSource database = TestDatabases.freshPostgres("two_nodes");
        Path images = work.resolve("shared-images");
        Files.createDirectories(images);
        Files.write(images.resolve(IMAGE), TestImages.png(4, 4));
        try (ManufacturerSimulator simulator = Deliveries.simulator()) {
            Map<String, String> entries = Deliveries.manufacturerEntries(simulator);
            PGSimpleDataSource postgres = (PGSimpleDataSource) database;
            entries.put(WarProcess.POSTGRES_URL, postgres.getUrl() + (postgres.getUrl().contains("?") ? "&" : "?")
                    + "user=" + postgres.getUser());
            entries.put("pimpmycase/imageDirectory", images.toString());
            for (int i = 0; i < ORDERS; i++) { // about one attempt in five fails transiently
                if (i % 5 == 0) {
                    simulator.failOrder("TWO-" + i, Fault.httpStatus(503), 1);
                } else if (i % 5 == 2 && i % 3 == 0) {
                    simulator.failOrder("TWO-" + i, Fault.code(500, "device is unavailable"), 2);
                } else if (i % 7 == 3) {
                    simulator.failOrder("TWO-" + i, Fault.reset(), 1);
                }
            }
            try (WarProcess a = WarProcess.start(work.resolve("a"), entries);
                    WarProcess b = WarProcess.start(work.resolve("b"), entries)) {
                List<ApiCaller> nodes = List.of(new ApiCaller(a), new ApiCaller(b));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    Deliveries.submit(nodes.get(i % 2), "TWO-" + i, "PAY-TWO-" + i, IMAGE);
                    ids.add("TWO-" + i);
                }
                for (String thirdId : ids) {
                    Deliveries.awaitReceived(simulator, thirdId, Duration.ofSeconds(60));
                }
                for (String thirdId : ids) {
                    Deliveries.awaitState(nodes.get(1), thirdId, "delivered", Duration.ofSeconds(10));
                }
                System.out.println("DeliveryTwoNodesIT: " + ORDERS + " orders delivered by two nodes; duplicates "
                        + simulator.duplicates() + ", overlaps " + simulator.overlaps());
                assertEquals(List.of(), simulator.overlaps(), "two attempts of one order in flight at once");
                assertEquals(0, simulator.duplicates(), "no answer was lost, so nothing is sent twice");
                String logs = a.console() + b.console();
                List<String> secrets = new ArrayList<>(simulator.secretsSeen()); // login tokens, sign values
                secrets.addAll(List.of(Deliveries.PASSWORD, Deliveries.FIXED_KEY));
                for (String secret : secrets) {
                    assertEquals(-1, logs.indexOf(secret), "a secret in the nodes' logs");
                }
            }
        } finally {
            TestDatabases.dropPostgres(database);
        }
    }
}
