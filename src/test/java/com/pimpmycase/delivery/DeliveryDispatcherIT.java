package com.pimpmycase.delivery;

import com.pimpmycase.testing.Eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.manufacturer.HttpManufacturerApi;
import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.PublicUrls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's side of the claim: a node whose claim was taken over (its renewal fails)
 * abandons the attempt at once — the call to the manufacturer is interrupted long before its own
 * timeout — and writes nothing. Two dispatchers' worth of claims on one H2 database; node B's clock
 * runs ahead, so it sees A's lease expired while A is still calling the (hanging) simulator.
 */
class DeliveryDispatcherIT {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @TempDir
    Path directory;

    @Test
    void aNodeThatCannotRenewItsClaimAbandonsTheAttempt() throws Exception {
        ManufacturerSimulator simulator = Deliveries.simulator();
        try (AutoCloseable closing = () -> Deliveries.closeQuietly(simulator);
                DeliveryTables tables = DeliveryTables.h2(directory, ManufacturerConfig.DeliverOn.SUBMIT)) {
            simulator.failOrder("ABANDON-1", Fault.hang(Duration.ofSeconds(40)));
            ManufacturerConfig config = new ManufacturerConfig(URI.create(simulator.baseUrl()), Deliveries.ACCOUNT,
                    Deliveries.PASSWORD, Deliveries.FIXED_KEY, Deliveries.SYSTEM_NAME, "en",
                    ManufacturerConfig.DeliverOn.SUBMIT, false, Duration.ofSeconds(30), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofHours(1));
            Clock real = Clock.systemUTC();
            DeliveryClaims nodeA = new DeliveryClaims(tables.database.jdbi(), real, tables.events,
                    new DeliveryTransition(LEASE, config.giveUpAfter(), n -> Duration.ofSeconds(1)));
            ServiceMetrics metrics = new ServiceMetrics(List.of("missing"), List.of(PartnerPolicies.CHINESE_MANUFACTURING));
            HttpManufacturerApi api = new HttpManufacturerApi(config, real);
            DeliveryDispatcher dispatcher = new DeliveryDispatcher(nodeA, new DeliveryDispatcher.Attempts(api,
                    new ManufacturingLinks(new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
                            PartnerPolicies.defaults(), real), new PublicUrls(Deliveries.PUBLIC_BASE)),
                    ImageBlocks.NONE, real), new DeliveryDispatcher.Outcomes(metrics, null),
                    new DeliveryDispatcher.Pace(Duration.ofMillis(200), 2));
            ScheduledExecutorService control = Executors.newScheduledThreadPool(2);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                tables.clock.advance(Duration.between(tables.clock.instant(), real.instant())); // B starts in step
                tables.store("ABANDON-1");
                dispatcher.start(control, workers);
                await(() -> dispatcher.inFlight() == 1, "A's attempt in flight");
                // A's orderData call hangs in the simulator, so the abandon interrupts a call: the
                // simulator records a sign on arrival, and the login's sign and token came before.
                await(() -> simulator.logins() == 1 && simulator.secretsSeen().size() >= 3, "A's call hanging");
                Thread.sleep(1500); // A renews its claim meanwhile (every second)
                assertEquals("delivering", tables.record("ABANDON-1").state());

                // Node B, its clock ahead by more than a lease, takes the claim over.
                tables.clock.advance(LEASE.plusSeconds(5));
                DeliveryClaims nodeB = tables.node();
                List<DeliveryClaims.Candidate> due = nodeB.due(10);
                assertEquals(1, due.size(), "B sees A's claim expired");
                DeliveryClaims.Claim taken = nodeB.claim(due.get(0));
                assertNotNull(taken);

                long before = System.nanoTime();
                await(() -> dispatcher.inFlight() == 0, "A abandons its attempt");
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                // Renewal runs every second; the bound leaves a busy machine room. Ending at the 30 s
                // timeout instead would come about 28 s from here (the call began just before the 1.5 s
                // above) and fail the 20 s await; B's lease (30 s) keeps A from claiming it again meanwhile.
                assertTrue(tookMillis < 15000, "abandoned within its next renewal, not at the 30 s timeout: " + tookMillis);
                assertEquals("delivering", tables.record("ABANDON-1").state(), "A wrote nothing");
                assertEquals(2, tables.record("ABANDON-1").attempts());
                assertEquals(List.of("stored"), tables.eventKinds("ABANDON-1"));
                assertEquals(DeliveryClaims.Applied.WRITTEN,
                        nodeB.finish(taken, new com.pimpmycase.manufacturer.AttemptResult.Delivered("M", "Q", "1"), 1L));
            } finally {
                dispatcher.close();
                control.shutdownNow();
                workers.shutdownNow();
                api.close();
                metrics.close();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        Eventually.until(Duration.ofSeconds(20), condition::getAsBoolean, () -> "never: " + what);
    }
}
