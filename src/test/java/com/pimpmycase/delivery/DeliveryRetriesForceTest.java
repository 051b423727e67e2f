package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pimpmycase.config.ManufacturerConfig.DeliverOn;
import com.pimpmycase.manufacturer.AttemptResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §9: {@code ?force=true} re-sends a delivered order; {@code POST /api/deliveries/retry?state=failed}
 * re-drives every failed delivery (a blocked image's stays failed). H2 and PostgreSQL.
 */
class DeliveryRetriesForceTest {

    private static final AttemptResult TRANSIENT = new AttemptResult.RetryLater(false, "HTTP 503");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void forcedAndBulkRetries(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            int[] wakes = new int[1];
            DeliveryRetries retries = new DeliveryRetries(tables.database.jdbi(), tables.clock, tables.events,
                    Set.of("blocked.png")::contains, true, () -> wakes[0]++);
            tables.store("F-DELIVERED", "P1", "ok.png");
            tables.store("F-FAILED-1", "P2", "ok.png");
            tables.store("F-FAILED-2", "P3", "ok.png");
            tables.store("F-BLOCKED", "P4", "blocked.png");
            tables.store("F-BUSY", "P5", "ok.png");
            DeliveryClaims node = tables.node();
            node.finish(node.claim(candidate(node, "F-DELIVERED")), new AttemptResult.Delivered("M", "Q", "1"), 1L);
            for (String thirdId : List.of("F-FAILED-1", "F-FAILED-2", "F-BLOCKED")) {
                node.finish(node.claim(candidate(node, thirdId)), TRANSIENT, 1L);
            }
            DeliveryClaims.Claim busy = node.claim(candidate(node, "F-BUSY"));
            tables.clock.advance(DeliveryTables.GIVE_UP.plusMinutes(5));
            for (String thirdId : List.of("F-FAILED-1", "F-FAILED-2", "F-BLOCKED")) {
                node.giveUp(candidate(node, thirdId));
                assertEquals("failed", tables.record(thirdId).state());
            }

            // force: a delivered order is sent again; still 409 while in flight.
            assertInstanceOf(DeliveryRetries.Outcome.AlreadyDelivered.class, retries.retry("F-DELIVERED", "ops", false));
            DeliveryRecord forced = ((DeliveryRetries.Outcome.Started) retries.retry("F-DELIVERED", "ops", true)).record();
            assertEquals("pending", forced.state());
            assertNull(forced.deliveredAt());
            assertEquals(List.of("stored", "delivery_attempt", "delivered", "delivery_retry"),
                    tables.eventKinds("F-DELIVERED"));
            assertInstanceOf(DeliveryRetries.Outcome.BeingDelivered.class, retries.retry("F-BUSY", "ops", true));
            assertInstanceOf(DeliveryRetries.Outcome.Blocked.class, retries.retry("F-BLOCKED", "ops", true));
            assertInstanceOf(DeliveryRetries.Outcome.NotFound.class, retries.retry("F-NONE", "ops", true));

            // every failed one at once, the blocked image's excepted
            int before = wakes[0];
            assertEquals(2, retries.retryFailed("ops"));
            assertEquals(before + 1, wakes[0]);
            assertEquals("pending", tables.record("F-FAILED-1").state());
            assertEquals("pending", tables.record("F-FAILED-2").state());
            assertEquals("failed", tables.record("F-BLOCKED").state());
            assertEquals("delivery_retry", tables.eventKinds("F-FAILED-2").get(tables.eventKinds("F-FAILED-2").size() - 1));
            assertEquals(0, retries.retryFailed("ops"));
            assertEquals(before + 1, wakes[0], "nothing to wake for");
            node.finish(busy, TRANSIENT, 1L);

            DeliveryRetries off = new DeliveryRetries(tables.database.jdbi(), tables.clock, tables.events,
                    name -> false, false, () -> { });
            assertNull(off.retryFailed("ops"));
        }
    }

    private static DeliveryClaims.Candidate candidate(DeliveryClaims node, String thirdId) throws Exception {
        return node.due(50).stream().filter(c -> c.thirdId().equals(thirdId)).findFirst().orElseThrow();
    }
}
