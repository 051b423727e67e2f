package com.pimpmycase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pimpmycase.manufacturer.AttemptResult;
import com.pimpmycase.order.OrderEventKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §9's delivery policy as tables: lease 30 s, giveUpAfter 1 h, the n-th retry waits n
 * minutes. Times are minutes from now (before an attempt) or from the attempt's end (after it).
 */
class DeliveryTransitionTest {

    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    static final DeliveryTransition POLICY = new DeliveryTransition(Duration.ofSeconds(30), Duration.ofHours(1),
            n -> Duration.ofMinutes(n));

    @ParameterizedTest(name = "give_up_at={0} blocked_since={1} image blocked={2} → {3}, give_up_at {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // the first attempt starts the giveUpAfter clock
        "NULL | NULL | false | ATTEMPT  | 60",
        "10   | NULL | false | ATTEMPT  | 10",
        // no attempt starts once giveUpAfter has passed
        "0    | NULL | false | GIVE_UP  | NULL",
        "-5   | NULL | false | GIVE_UP  | NULL",
        // a paused clock (blocked image, config answer) is pushed back by the pause, never run out
        "-5   | -20  | false | ATTEMPT  | 15",
        "10   | 0    | false | ATTEMPT  | 10",
        // a blocked image waits, whatever its clock says
        "10   | NULL | true  | PAUSE    | NULL",
        "-5   | NULL | true  | PAUSE    | NULL",
        "NULL | NULL | true  | PAUSE    | NULL"})
    void beforeAnAttempt(Integer giveUpAt, Integer blockedSince, boolean imageBlocked, String expected,
            Integer expectedGiveUpAt) {
        DeliveryClaims.Candidate due = new DeliveryClaims.Candidate("T-1", 4, DeliveryState.PENDING, 2, 2,
                minutes(NOW, giveUpAt), minutes(NOW, blockedSince), null);
        DeliveryTransition.Start start = POLICY.start(due, imageBlocked, NOW);
        switch (expected) {
            case "ATTEMPT" -> {
                DeliveryTransition.Attempt attempt = assertInstanceOf(DeliveryTransition.Attempt.class, start);
                assertEquals(minutes(NOW, expectedGiveUpAt), attempt.giveUpAt());
                assertEquals(NOW.plusSeconds(30), attempt.leaseUntil());
            }
            case "GIVE_UP" -> assertEquals(new DeliveryTransition.Event(OrderEventKind.FAILED,
                    "not delivered within PT1H of its first attempt"),
                    assertInstanceOf(DeliveryTransition.GiveUp.class, start).event());
            default -> assertEquals(new DeliveryTransition.Pause(NOW, NOW.plusSeconds(2), "image blocked"),
                    assertInstanceOf(DeliveryTransition.Pause.class, start));
        }
    }

    @ParameterizedTest(name = "{0} after {1} failures, give-up in {2} min → {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // result   | failures | give-up | state     | failures | next | due  | blocked | outcome   | last_error
        "delivered  | 2        | 30      | DELIVERED | 2        | NULL | NULL | NULL    | DELIVERED | NULL",
        "rejected   | 2        | 30      | REJECTED  | 2        | NULL | NULL | NULL    | REJECTED  | bad model",
        // a failure: retried after the next delay, or at the give-up time when that comes first
        "transient  | 2        | 30      | PENDING   | 3        | 3    | 3    | NULL    | NULL      | HTTP 503",
        "auth       | 0        | 30      | PENDING   | 1        | 1    | 1    | NULL    | NULL      | login failed",
        "transient  | 2        | 2       | PENDING   | 3        | 3    | 2    | NULL    | NULL      | HTTP 503",
        // an attempt that ends at or after the give-up time makes it failed at once
        "transient  | 2        | 0       | FAILED    | 3        | NULL | NULL | NULL    | FAILED    | HTTP 503",
        "transient  | 2        | -5      | FAILED    | 3        | NULL | NULL | NULL    | FAILED    | HTTP 503",
        // our configuration is wrong: retried with the give-up clock paused from now, never failed
        "config     | 2        | 30      | PENDING   | 3        | 3    | 3    | 0       | NULL      | Data signature failed",
        "config     | 2        | 1       | PENDING   | 3        | 3    | 3    | 0       | NULL      | Data signature failed",
        "config     | 2        | -5      | PENDING   | 3        | 3    | 3    | 0       | NULL      | Data signature failed"})
    void afterAnAttempt(String result, int failures, int giveUpIn, String state, int failuresAfter, Integer next,
            Integer due, Integer blockedSince, String outcome, String lastError) {
        Instant end = NOW;
        DeliveryClaims.Claim claim = new DeliveryClaims.Claim("T-1", "lease-1", 3, failures, end.plus(Duration.ofMinutes(giveUpIn)),
                null);
        DeliveryTransition.Finish finish = POLICY.finish(claim, result(result), 1_800_000_000L, end);
        DeliveryTransition.Row row = finish.row();
        assertEquals(DeliveryState.valueOf(state), row.state());
        assertEquals(failuresAfter, row.failures());
        assertEquals(minutes(end, next), row.nextAttemptAt());
        assertEquals(minutes(end, due), row.dueAt());
        assertEquals(minutes(end, blockedSince), row.blockedSince());
        assertEquals(lastError, row.lastError());
        assertEquals(1_800_000_000L, row.picExpiresAt());
        assertEquals(outcome == null ? null : OrderEventKind.valueOf(outcome),
                finish.outcome() == null ? null : finish.outcome().kind());
        assertEquals(OrderEventKind.DELIVERY_ATTEMPT, finish.attempt().kind());
        assertEquals(state.equals("DELIVERED"), row.delivered() != null);
    }

    @Test
    void theWordsOfTheTimeline() {
        DeliveryClaims.Claim claim = new DeliveryClaims.Claim("T-1", "lease-1", 3, 0, NOW.plusSeconds(60), null);
        assertEquals("attempt 3: transient (HTTP 503)", POLICY.finish(claim, result("transient"), 1, NOW).attempt().detail());
        DeliveryTransition.Finish delivered = POLICY.finish(claim, result("delivered"), 1, NOW);
        assertEquals("attempt 3: delivered", delivered.attempt().detail());
        assertEquals("manufacturer order M-1, queue Q-7", delivered.outcome().detail());
        assertEquals("not delivered within PT1H of its first attempt",
                POLICY.finish(claim, result("transient"), 1, NOW.plusSeconds(60)).outcome().detail());
    }

    @Test
    void aDeliveredAnswerKeepsItsStatusOnlyWhenItIsANumber() {
        DeliveryClaims.Claim claim = new DeliveryClaims.Claim("T-1", "lease-1", 1, 0, NOW.plusSeconds(60), null);
        DeliveryTransition.Handover numbered = POLICY.finish(claim,
                new AttemptResult.Delivered("M-1", "Q-7", " 2 ", "MSPY-1"), 1, NOW).row().delivered();
        assertEquals(new DeliveryTransition.Handover(NOW, "M-1", "Q-7", "MSPY-1", 2, NOW), numbered);
        DeliveryTransition.Handover worded = POLICY.finish(claim,
                new AttemptResult.Delivered("M-1", "Q-7", "queued"), 1, NOW).row().delivered();
        assertNull(worded.manufacturerStatus());
        assertNull(worded.manufacturerStatusAt(), "the recorded status and its time are kept");
        assertNull(worded.manufacturerPaymentId());
    }

    private static AttemptResult result(String kind) {
        return switch (kind) {
            case "delivered" -> new AttemptResult.Delivered("M-1", "Q-7", "2");
            case "rejected" -> new AttemptResult.Rejected("bad model");
            case "auth" -> new AttemptResult.RetryLater(true, "login failed");
            case "config" -> new AttemptResult.Misconfigured("Data signature failed", null);
            default -> new AttemptResult.RetryLater(false, "HTTP 503");
        };
    }

    private static Instant minutes(Instant from, Integer minutes) {
        return minutes == null ? null : from.plus(Duration.ofMinutes(minutes));
    }
}
