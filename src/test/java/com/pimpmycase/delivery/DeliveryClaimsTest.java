package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.JdbcManufacturerReports;
import com.pimpmycase.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.ManufacturerConfig.DeliverOn;
import com.pimpmycase.manufacturer.AttemptResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.testing.BrokenClock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claim ("lease") of SPEC §9 straight on the database, H2 and PostgreSQL: two "nodes" are two
 * {@link DeliveryClaims} on one database; a {@link MutableClock} expires leases and give-up times.
 */
class DeliveryClaimsTest {

    private static final AttemptResult TRANSIENT = new AttemptResult.RetryLater(false, "HTTP 503");
    private static final AttemptResult DELIVERED = new AttemptResult.Delivered("M-1", "Q-7", "2");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void neverTwoClaimsOfOneOrder(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            int orders = 40;
            for (int i = 0; i < orders; i++) {
                tables.store("RACE-" + i);
            }
            List<DeliveryClaims> nodes = List.of(tables.node(), tables.node(), tables.node());
            // Every node reads the same due rows, then all claim them at the same moment.
            List<List<DeliveryClaims.Candidate>> seen = new ArrayList<>();
            for (DeliveryClaims node : nodes) {
                seen.add(node.due(orders));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
            try {
                List<Future<List<DeliveryClaims.Claim>>> results = new ArrayList<>();
                for (int n = 0; n < nodes.size(); n++) {
                    DeliveryClaims node = nodes.get(n);
                    List<DeliveryClaims.Candidate> candidates = seen.get(n);
                    results.add(threads.submit(() -> {
                        start.await();
                        List<DeliveryClaims.Claim> won = new ArrayList<>();
                        for (DeliveryClaims.Candidate candidate : candidates) {
                            DeliveryClaims.Claim claim = node.claim(candidate);
                            if (claim != null) {
                                won.add(claim);
                            }
                        }
                        return won;
                    }));
                }
                start.countDown();
                List<String> claimed = new ArrayList<>();
                for (Future<List<DeliveryClaims.Claim>> result : results) {
                    result.get().forEach(c -> claimed.add(c.thirdId()));
                }
                assertEquals(orders, claimed.size(), "each order claimed exactly once: " + claimed);
                assertEquals(orders, claimed.stream().distinct().count(), "an order claimed twice: " + claimed);
            } finally {
                threads.shutdownNow();
            }
            assertEquals(List.of(), tables.node().due(orders), "claimed rows are not due while the lease lasts");
            assertEquals("delivering", tables.record("RACE-0").state());
            assertEquals(1, tables.record("RACE-0").attempts());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anExpiredLeaseIsTakenOverAndTheFirstNodeCanNoLongerWrite(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("DEAD-1");
            DeliveryClaims a = tables.node();
            DeliveryClaims b = tables.node();
            DeliveryClaims.Claim first = a.claim(a.due(10).get(0));
            assertNotNull(first);

            tables.clock.advance(DeliveryTables.LEASE.minusSeconds(1));
            assertEquals(List.of(), b.due(10), "not due while the lease lasts");
            tables.clock.advance(Duration.ofSeconds(2)); // A died: its lease ran out
            List<DeliveryClaims.Candidate> due = b.due(10);
            assertEquals(1, due.size());
            DeliveryClaims.Claim second = b.claim(due.get(0));
            assertNotNull(second, "B takes the expired claim over");
            assertEquals(2, second.attempt());

            assertFalse(a.renew(first), "A's claim is gone");
            assertEquals(DeliveryClaims.Applied.CLAIM_LOST, a.finish(first, TRANSIENT, 1L));
            assertEquals("delivering", tables.record("DEAD-1").state(), "A's late result changed nothing");
            assertEquals(DeliveryClaims.Applied.WRITTEN, b.finish(second, DELIVERED, 2L));
            DeliveryRecord record = tables.record("DEAD-1");
            assertEquals("delivered", record.state());
            assertEquals("M-1", record.manufacturerOrderId());
            assertEquals("Q-7", record.queueNo());
            assertEquals(2, record.manufacturerStatus());
            assertEquals(2L, record.picExpiresAt());
            assertEquals(2, record.attempts());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void renewalKeepsTheClaimPastItsFirstExpiry(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("SLOW-1");
            DeliveryClaims a = tables.node();
            DeliveryClaims.Claim claim = a.claim(a.due(10).get(0));
            for (int i = 0; i < 5; i++) { // a slow call: renewed every 2/3 of the lease
                tables.clock.advance(DeliveryTables.LEASE.multipliedBy(2).dividedBy(3));
                assertTrue(a.renew(claim));
                assertEquals(List.of(), tables.node().due(10), "a renewed claim is not taken over");
            }
            assertEquals(DeliveryClaims.Applied.WRITTEN, a.finish(claim, DELIVERED, 1L));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oldestFirstAndAFailingOrderDoesNotHoldBackTheOthers(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            for (int i = 1; i <= 4; i++) {
                tables.store("OLD-" + i);
            }
            DeliveryClaims node = tables.node();
            assertEquals(List.of("OLD-1", "OLD-2", "OLD-3", "OLD-4"), ids(node.due(10)));
            DeliveryClaims.Claim failing = node.claim(node.due(1).get(0));
            assertEquals("OLD-1", failing.thirdId());
            node.finish(failing, TRANSIENT, 1L); // retried in a minute
            assertEquals(List.of("OLD-2", "OLD-3", "OLD-4"), ids(node.due(10)));
            DeliveryRecord record = tables.record("OLD-1");
            assertEquals("pending", record.state());
            assertEquals("HTTP 503", record.lastError());
            assertEquals("2026-12-02T08:01:00Z", record.nextAttemptAt());
            tables.clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("OLD-1", "OLD-2", "OLD-3", "OLD-4"), ids(node.due(10)), "due again: oldest first");
            assertEquals(List.of("stored", "delivery_attempt"), tables.eventKinds("OLD-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aBlockedImageWaitsWithItsGiveUpClockPaused(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("BLOCK-1");
            DeliveryClaims node = tables.node();
            DeliveryClaims.Claim claim = node.claim(node.due(1).get(0));
            node.finish(claim, TRANSIENT, 1L); // giveUpAfter clock runs from this first attempt
            tables.clock.advance(Duration.ofMinutes(1));

            // The image is blocked for longer than giveUpAfter: no attempt, not failed.
            assertTrue(node.pauseBlocked(node.due(1).get(0)));
            assertEquals("image blocked", tables.record("BLOCK-1").lastError());
            assertEquals(List.of(), node.due(10), "not looked at again at once");
            tables.clock.advance(DeliveryTransition.BLOCKED_RECHECK);
            assertEquals(1, node.due(10).size(), "looked at again within 5 s, so a lift is noticed");
            tables.clock.advance(DeliveryTables.GIVE_UP.plusHours(1));
            DeliveryClaims.Candidate stillBlocked = node.due(1).get(0);
            assertFalse(node.isPastGivingUp(stillBlocked), "the give-up clock is paused while blocked");
            assertTrue(node.pauseBlocked(stillBlocked));

            // Lifted: attempted, and the time blocked does not count against giveUpAfter.
            tables.clock.advance(DeliveryTransition.BLOCKED_RECHECK);
            DeliveryClaims.Candidate lifted = node.due(1).get(0);
            assertFalse(node.isPastGivingUp(lifted));
            DeliveryClaims.Claim again = node.claim(lifted);
            assertNotNull(again);
            assertEquals(tables.clock.instant().plus(DeliveryTables.GIVE_UP).minusSeconds(60), again.giveUpAt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void failedOnceGiveUpAfterHasPassedSinceTheFirstAttempt(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("GIVEUP-1");
            tables.store("GIVEUP-2");
            DeliveryClaims node = tables.node();
            // 1: a retry that would start after the give-up time is not attempted: failed at that time.
            DeliveryClaims.Claim first = node.claim(node.due(1).get(0));
            node.finish(first, TRANSIENT, 1L);
            tables.clock.advance(DeliveryTables.GIVE_UP.minusSeconds(30));
            DeliveryClaims.Claim late = node.claim(node.due(1).get(0));
            node.finish(late, TRANSIENT, 1L); // next in a minute, give-up in 30 s
            assertEquals("pending", tables.record("GIVEUP-1").state());
            tables.clock.advance(Duration.ofSeconds(30));
            DeliveryClaims.Candidate due = node.due(1).get(0);
            assertEquals("GIVEUP-1", due.thirdId());
            assertTrue(node.isPastGivingUp(due));
            assertTrue(node.giveUp(due));
            assertEquals("failed", tables.record("GIVEUP-1").state());
            assertNull(tables.record("GIVEUP-1").nextAttemptAt());
            assertEquals(List.of("stored", "delivery_attempt", "delivery_attempt", "failed"),
                    tables.eventKinds("GIVEUP-1"));

            // 2: an attempt that ends after the give-up time makes it failed at once.
            DeliveryClaims.Claim slow = node.claim(node.due(1).get(0));
            assertEquals("GIVEUP-2", slow.thirdId());
            tables.clock.advance(DeliveryTables.GIVE_UP);
            node.finish(slow, TRANSIENT, 1L);
            assertEquals("failed", tables.record("GIVEUP-2").state());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aStatusReportMakesItDeliveredAndAnAttemptInFlightCannotUndoIt(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("HOOK-1");
            DeliveryClaims node = tables.node();
            DeliveryClaims.Claim claim = node.claim(node.due(1).get(0));
            JdbcManufacturerReports reports = tables.reports(() -> { });
            assertTrue(reports.orderStatus("HOOK-1", 5, "Q-9", "M-9"));
            assertFalse(reports.orderStatus("NO-SUCH", 5, null, null));
            DeliveryRecord delivered = tables.record("HOOK-1");
            assertEquals("delivered", delivered.state());
            assertEquals("M-9", delivered.manufacturerOrderId());
            assertEquals(5, delivered.manufacturerStatus());

            assertEquals(DeliveryClaims.Applied.CLAIM_LOST, node.finish(claim, TRANSIENT, 1L));
            assertEquals("delivered", tables.record("HOOK-1").state());
            assertFalse(node.renew(claim));

            // An identical repeat changes nothing, manufacturer_status_at included.
            String at = tables.record("HOOK-1").manufacturerStatusAt();
            tables.clock.advance(Duration.ofMinutes(5));
            assertTrue(reports.orderStatus("HOOK-1", 5, null, null));
            assertEquals(at, tables.record("HOOK-1").manufacturerStatusAt());
            assertTrue(reports.orderStatus("HOOK-1", 6, null, null));
            assertEquals("2026-12-02T08:05:00Z", tables.record("HOOK-1").manufacturerStatusAt());
            assertEquals(List.of("stored", "manufacturer_status", "delivered", "delivery_attempt", "manufacturer_status"),
                    tables.eventKinds("HOOK-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void paymentModeWaitsForThePaymentBeforeOrAfterTheOrder(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.PAYMENT)) {
            int[] wakes = new int[1];
            JdbcManufacturerReports reports = tables.reports(() -> wakes[0]++);
            tables.store("PAY-A1", "PAID-LATER", "a.png");
            tables.store("PAY-A2", "PAID-LATER", "b.png");
            assertEquals("awaiting_payment", tables.record("PAY-A1").state());
            assertEquals(List.of(), tables.node().due(10));

            reports.paymentStatus("PAID-LATER", 2);
            assertEquals("awaiting_payment", tables.record("PAY-A1").state());
            assertEquals(2, tables.records.paymentStatus("PAID-LATER"));
            reports.paymentStatus("PAID-LATER", 3);
            assertEquals("pending", tables.record("PAY-A1").state());
            assertEquals("pending", tables.record("PAY-A2").state());
            assertEquals(1, wakes[0], "the dispatcher is woken once the deliveries are due");
            assertEquals(List.of("PAY-A1", "PAY-A2"), ids(tables.node().due(10)));

            reports.paymentStatus("PAID-FIRST", 3); // no order yet: recorded anyway
            assertEquals(3, tables.records.paymentStatus("PAID-FIRST"));
            tables.store("PAY-B1", "PAID-FIRST", "c.png");
            assertEquals("pending", tables.record("PAY-B1").state(), "stored on a paid third_pay_id: starts at once");
            assertNull(tables.records.paymentStatus("NEVER-REPORTED"));
            assertEquals(List.of("stored", "payment_status", "payment_status"), tables.eventKinds("PAY-A1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void deliveryOffRecordsOff(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, null)) {
            tables.store("OFF-1");
            assertEquals("off", tables.record("OFF-1").state());
            assertEquals(List.of(), tables.node().due(10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRoundClaimsUpToItsFreeWorkersPausesBlockedImagesAndFailsWhatIsPastGivingUp(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            for (String id : List.of("ROUND-1", "ROUND-2", "ROUND-3", "ROUND-4", "ROUND-5")) {
                tables.store(id);
            }
            DeliveryClaims node = tables.node();
            DeliveryClaims.Claim late = node.claim(node.due(10).get(0)); // ROUND-1: first attempt now
            node.finish(late, TRANSIENT, 1L);
            tables.clock.advance(DeliveryTables.GIVE_UP); // its giveUpAfter has passed

            // Rounds as the dispatcher runs them: until nothing is handled or no worker is free.
            // (On PostgreSQL a round locks only as many rows as it has workers, plus the busy ones.)
            List<String> claimed = new ArrayList<>();
            int free = 2;
            DeliveryClaims.Round round;
            do {
                round = node.claimDue(free - claimed.size(), Set.of("ROUND-3"), "round-2.png"::equals);
                round.claimed().forEach(c -> claimed.add(c.thirdId()));
            } while (round.handled() > 0 && claimed.size() < free);
            assertEquals(List.of("ROUND-4", "ROUND-5"), claimed,
                    "ROUND-3 is busy on this node; oldest first, up to the free workers");
            assertEquals("failed", tables.record("ROUND-1").state());
            assertEquals("image blocked", tables.record("ROUND-2").lastError());
            assertEquals("pending", tables.record("ROUND-3").state());
            assertEquals("delivering", tables.record("ROUND-4").state());
            assertEquals(List.of("ROUND-3"), ids(node.due(10)), "paused, failed and claimed rows are not due now");
            assertEquals(0, node.claimDue(2, Set.of("ROUND-3"), pic -> false).handled(), "nothing more to start");
        }
    }

    @Test
    void onPostgresqlRoundsOfTwoNodesAtOnceTakeDifferentRows() throws Exception {
        try (DeliveryTables tables = DeliveryTables.postgres(DeliverOn.SUBMIT)) {
            for (int i = 1; i <= 4; i++) {
                tables.store("LOCK-" + i);
            }
            DeliveryTable table = new DeliveryTable(tables.database.jdbi());
            assertTrue(table.skipsLocked());
            try (Handle a = tables.database.jdbi().open()) {
                a.begin();
                // Node A's round holds the two oldest rows (its transaction is still open) …
                assertEquals(List.of("LOCK-1", "LOCK-2"), ids(table.lockDue(a, tables.clock.instant(), 2)));
                // … so node B's round neither waits for them nor claims them: it takes the next ones.
                DeliveryClaims.Round b = tables.node().claimDue(2, Set.of(), pic -> false);
                assertEquals(List.of("LOCK-3", "LOCK-4"), b.claimed().stream().map(DeliveryClaims.Claim::thirdId).toList());
                a.rollback();
            }
            assertEquals(List.of("LOCK-1", "LOCK-2"), ids(tables.node().due(10)), "A's rows are due once it let go");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aResultWhoseEventCannotBeWrittenChangesNothing(String kind) throws Exception {
        try (DeliveryTables tables = DeliveryTables.open(kind, directory, DeliverOn.SUBMIT)) {
            tables.store("ROLLBACK-1");
            DeliveryClaims node = tables.node();
            DeliveryClaims.Claim claim = node.claim(node.due(1).get(0));
            DeliveryClaims broken = new DeliveryClaims(tables.database.jdbi(), tables.clock,
                    new OrderEvents(tables.database.jdbi(), BrokenClock.INSTANCE),
                    new DeliveryTransition(DeliveryTables.LEASE, DeliveryTables.GIVE_UP, n -> Duration.ofMinutes(1)));
            // The row is written first, then the event: a RuntimeException there takes the row back.
            assertThrows(IllegalStateException.class, () -> broken.finish(claim, DELIVERED, 1L));
            assertEquals("delivering", tables.record("ROLLBACK-1").state());
            assertEquals(DeliveryClaims.Applied.WRITTEN, node.finish(claim, DELIVERED, 1L), "the claim is still held");
        }
    }

    private static List<String> ids(List<DeliveryClaims.Candidate> candidates) {
        return candidates.stream().map(DeliveryClaims.Candidate::thirdId).toList();
    }
}
