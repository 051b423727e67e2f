package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.testing.WarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost (SPEC §9): the WAR in its own JVM, on the embedded H2 default, is killed with
 * SIGKILL while deliveries are in flight (a slow manufacturer) and queued; after a restart every
 * order it acknowledged is delivered, the ones in flight within 2 × requestTimeout + 30 s of the
 * kill. Duplicates (an answer lost with the node) are allowed by §9 and reported.
 */
class DeliveryKillIT {

    private static final int ORDERS = 30;
    private static final int TIMEOUT_SECONDS = 5;
    private static final String IMAGE = "design-1756378358-0badcafe.png";

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedOrderIsDeliveredAfterAKill() throws Exception {
        Files.createDirectories(data.resolve("images"));
        Files.write(data.resolve("images").resolve(IMAGE), TestImages.png(4, 4));
        try (ManufacturerSimulator simulator = Deliveries.simulator()) {
            Map<String, String> entries = Deliveries.manufacturerEntries(simulator);
            entries.put("pimpmycase/manufacturer/requestTimeoutSeconds", String.valueOf(TIMEOUT_SECONDS));
            simulator.answerDelay(Duration.ofSeconds(2)); // attempts stay in flight
            List<String> acknowledged = new ArrayList<>();
            Instant killedAt;
            try (WarProcess node = WarProcess.start(data, entries)) {
                ApiCaller api = new ApiCaller(node);
                for (int i = 0; i < ORDERS; i++) {
                    Deliveries.submit(api, "KILL-" + i, "PAY-KILL-" + i, IMAGE);
                    acknowledged.add("KILL-" + i);
                }
                Thread.sleep(3000); // payStatus answered (the simulator records a call when it answers), orderData in flight
                long inFlight = simulator.calls().stream().map(ManufacturerSimulator.Received::thirdId).distinct().count();
                assertTrue(inFlight > 0 && inFlight < ORDERS * 2, "some in flight, some queued: " + inFlight);
                node.kill();
                killedAt = Instant.now();
            }
            simulator.answerDelay(Duration.ZERO);

            try (WarProcess restarted = WarProcess.start(data, entries)) {
                ApiCaller api = new ApiCaller(restarted);
                Duration bound = Duration.ofSeconds(2L * TIMEOUT_SECONDS + 30);
                for (String thirdId : acknowledged) {
                    Deliveries.awaitReceived(simulator, thirdId, bound.plusSeconds(5));
                }
                Duration took = Duration.between(killedAt, Instant.now());
                assertTrue(took.compareTo(bound.plusSeconds(5)) <= 0, "all delivered " + took + " after the kill");
                for (String thirdId : acknowledged) {
                    Deliveries.awaitState(api, thirdId, "delivered", Duration.ofSeconds(10));
                }
                int duplicates = simulator.duplicates();
                System.out.println("DeliveryKillIT: " + ORDERS + " acknowledged orders all delivered " + took.toSeconds()
                        + " s after the kill; duplicates at the manufacturer: " + duplicates
                        + " (answers lost with the killed node)");
                assertEquals(List.of(), simulator.overlaps(), "two attempts of one order in flight at once");
                assertTrue(duplicates <= 8 * 2, "at most the attempts in flight at the kill repeat: " + duplicates);
            }
        }
    }
}
