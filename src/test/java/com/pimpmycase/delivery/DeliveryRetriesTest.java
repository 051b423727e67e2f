package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.pimpmycase.config.ManufacturerConfig.DeliverOn;
import com.pimpmycase.manufacturer.AttemptResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry request's outcomes in §9's order (404 before any 409), on H2. */
class DeliveryRetriesTest {

    @TempDir
    Path directory;

    @Test
    void everyOutcomeOfARetryRequest() throws Exception {
        try (DeliveryTables tables = DeliveryTables.h2(directory, DeliverOn.SUBMIT)) {
            Set<String> blocked = Set.of("blocked.png");
            int[] wakes = new int[1];
            DeliveryRetries retries = new DeliveryRetries(tables.database.jdbi(), tables.clock, tables.events,
                    blocked::contains, true, () -> wakes[0]++);
            tables.store("R-BLOCKED", "P1", "blocked.png");
            tables.store("R-DELIVERED", "P2", "ok.png");
            tables.store("R-BUSY", "P3", "ok.png");
            tables.store("R-REJECTED", "P4", "ok.png");
            DeliveryClaims node = tables.node();
            deliver(tables, node, "R-DELIVERED", new AttemptResult.Delivered("M", "Q", "1"));
            node.claim(candidate(node, "R-BUSY"));
            deliver(tables, node, "R-REJECTED", new AttemptResult.Rejected("bad model"));

            assertInstanceOf(DeliveryRetries.Outcome.NotFound.class, retries.retry("R-NONE", "ops"));
            assertEquals(new DeliveryRetries.Outcome.Blocked("blocked.png"), retries.retry("R-BLOCKED", "ops"));
            assertInstanceOf(DeliveryRetries.Outcome.AlreadyDelivered.class, retries.retry("R-DELIVERED", "ops"));
            assertInstanceOf(DeliveryRetries.Outcome.BeingDelivered.class, retries.retry("R-BUSY", "ops"));
            assertEquals(0, wakes[0]);

            tables.clock.advance(Duration.ofMinutes(3));
            DeliveryRetries.Outcome started = retries.retry("R-REJECTED", "ops");
            DeliveryRecord record = ((DeliveryRetries.Outcome.Started) started).record();
            assertEquals("pending", record.state());
            assertEquals("2026-12-02T08:03:00Z", record.nextAttemptAt());
            assertEquals(1, wakes[0], "the dispatcher is woken");
            assertEquals(List.of("stored", "delivery_attempt", "rejected", "delivery_retry"),
                    tables.eventKinds("R-REJECTED"));
            // A fresh giveUpAfter clock: the next claim starts it again from now.
            DeliveryClaims.Claim again = node.claim(candidate(node, "R-REJECTED"));
            assertEquals(tables.clock.instant().plus(DeliveryTables.GIVE_UP), again.giveUpAt());

            DeliveryRetries off = new DeliveryRetries(tables.database.jdbi(), tables.clock, tables.events,
                    blocked::contains, false, () -> { });
            assertInstanceOf(DeliveryRetries.Outcome.NotFound.class, off.retry("R-NONE", "ops"), "404 before 409");
            assertInstanceOf(DeliveryRetries.Outcome.NotConfigured.class, off.retry("R-DELIVERED", "ops"));
        }
    }

    private static void deliver(DeliveryTables tables, DeliveryClaims node, String thirdId, AttemptResult result)
            throws SQLException {
        node.finish(node.claim(candidate(node, thirdId)), result, 1L);
    }

    private static DeliveryClaims.Candidate candidate(DeliveryClaims node, String thirdId) throws SQLException {
        return node.due(50).stream().filter(c -> c.thirdId().equals(thirdId)).findFirst().orElseThrow();
    }
}
