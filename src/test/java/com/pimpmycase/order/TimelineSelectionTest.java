package com.pimpmycase.order;

import static com.pimpmycase.order.OrderEventKind.DELIVERED;
import static com.pimpmycase.order.OrderEventKind.DELIVERY_ATTEMPT;
import static com.pimpmycase.order.OrderEventKind.DELIVERY_RETRY;
import static com.pimpmycase.order.OrderEventKind.FIRST_DOWNLOAD;
import static com.pimpmycase.order.OrderEventKind.IMAGE_BLOCKED;
import static com.pimpmycase.order.OrderEventKind.IMAGE_UNBLOCKED;
import static com.pimpmycase.order.OrderEventKind.LINK_REVOKED;
import static com.pimpmycase.order.OrderEventKind.MANUFACTURER_STATUS;
import static com.pimpmycase.order.OrderEventKind.PAYMENT_STATUS;
import static com.pimpmycase.order.OrderEventKind.STORED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC §11's rule of which events are listed, on whole timelines (no database). */
class TimelineSelectionTest {

    /** A timeline being written: ids in order, details "kind#n". */
    static final class Timeline {
        final List<TimelineSelection.Entry> entries = new ArrayList<>();

        Timeline add(OrderEventKind kind, int times) {
            for (int i = 0; i < times; i++) {
                long id = entries.size() + 1;
                entries.add(new TimelineSelection.Entry(id, new OrderEvent(Instant.ofEpochSecond(1_700_000_000L + id),
                        kind, (kind == null ? "?" : kind.wireName()) + "#" + id)));
            }
            return this;
        }

        TimelineSelection.Result select() {
            List<TimelineSelection.Entry> shuffled = new ArrayList<>(entries);
            Collections.shuffle(shuffled, new Random(entries.size())); // any order in
            return TimelineSelection.select(shuffled, entries.size());
        }
    }

    static Map<OrderEventKind, Long> counts(TimelineSelection.Result result) {
        return result.shown().stream().collect(Collectors.groupingBy(OrderEvent::kind, Collectors.counting()));
    }

    @Test
    void aQuietOrderIsListedInFullAndNothingIsOmitted() {
        Timeline t = new Timeline().add(STORED, 1).add(PAYMENT_STATUS, 2).add(DELIVERY_ATTEMPT, 3).add(DELIVERED, 1)
                .add(MANUFACTURER_STATUS, 4).add(FIRST_DOWNLOAD, 2).add(LINK_REVOKED, 1);
        TimelineSelection.Result result = t.select();
        assertEquals(t.entries.stream().map(TimelineSelection.Entry::event).toList(), result.shown(), "oldest first");
        assertEquals(0, result.omitted());
    }

    @Test
    void twoHundredShopRevocationsKeepStoredDeliveredAndTheirLastTwenty() {
        // Issue 22 item 2: four customer links a second, each revoked, for 50 s.
        Timeline t = new Timeline().add(STORED, 1).add(DELIVERY_ATTEMPT, 1).add(DELIVERED, 1).add(LINK_REVOKED, 200);
        TimelineSelection.Result result = t.select();
        assertEquals(Map.of(STORED, 1L, DELIVERY_ATTEMPT, 1L, DELIVERED, 1L, LINK_REVOKED, 20L), counts(result));
        assertEquals(180, result.omitted());
        assertEquals("stored#1", result.shown().get(0).detail());
        assertEquals("link_revoked#184", result.shown().get(3).detail(), "the last 20: 184..203");
        assertEquals("link_revoked#203", result.shown().get(22).detail());
    }

    @Test
    void theRevocationKindsShareTwentyButTheLatestOfEachKindStays() {
        // An admin's flood of blocks and unblocks, then links revoked: an old block stays listed.
        Timeline t = new Timeline().add(STORED, 1).add(IMAGE_BLOCKED, 30).add(IMAGE_UNBLOCKED, 30).add(LINK_REVOKED, 25);
        TimelineSelection.Result result = t.select();
        assertEquals(Map.of(STORED, 1L, IMAGE_BLOCKED, 1L, IMAGE_UNBLOCKED, 1L, LINK_REVOKED, 20L), counts(result));
        assertEquals(86 - 23, result.omitted());
        assertTrue(result.shown().stream().anyMatch(e -> e.detail().equals("image_blocked#31")), "the latest block");
        assertTrue(result.shown().stream().anyMatch(e -> e.detail().equals("image_unblocked#61")), "the latest unblock");
    }

    @Test
    void blocksAndUnblocksAloneAreTwentyTogether() {
        Timeline t = new Timeline().add(STORED, 1);
        for (int i = 0; i < 40; i++) {
            t.add(IMAGE_BLOCKED, 1).add(IMAGE_UNBLOCKED, 1);
        }
        TimelineSelection.Result result = t.select();
        assertEquals(Map.of(STORED, 1L, IMAGE_BLOCKED, 10L, IMAGE_UNBLOCKED, 10L), counts(result));
        assertEquals(60, result.omitted());
    }

    @Test
    void attemptsAndStatusesKeepFiftyEachAndEveryOtherKindAllOfIt() {
        Timeline t = new Timeline().add(STORED, 1);
        for (int i = 0; i < 120; i++) {
            t.add(DELIVERY_ATTEMPT, 1).add(PAYMENT_STATUS, 1).add(MANUFACTURER_STATUS, 1).add(DELIVERY_RETRY, 1);
        }
        t.add(FIRST_DOWNLOAD, 3).add(DELIVERED, 1);
        TimelineSelection.Result result = t.select();
        assertEquals(Map.of(STORED, 1L, DELIVERY_ATTEMPT, 50L, PAYMENT_STATUS, 50L, MANUFACTURER_STATUS, 50L,
                DELIVERY_RETRY, 120L, FIRST_DOWNLOAD, 3L, DELIVERED, 1L), counts(result));
        assertEquals(3 * 70, result.omitted());
    }

    @Test
    void aFloodOfOneBoundedKindLeavesTheOthersAlone() {
        Timeline t = new Timeline().add(STORED, 1).add(PAYMENT_STATUS, 3).add(MANUFACTURER_STATUS, 5000)
                .add(LINK_REVOKED, 2);
        TimelineSelection.Result result = t.select();
        assertEquals(Map.of(STORED, 1L, PAYMENT_STATUS, 3L, MANUFACTURER_STATUS, 50L, LINK_REVOKED, 2L), counts(result));
        assertEquals(4950, result.omitted());
    }

    @Test
    void eventsOfAKindThisVersionDoesNotKnowAreListedWhenGiven() {
        Timeline t = new Timeline().add(STORED, 1).add(null, 3);
        assertEquals(4, t.select().shown().size());
    }

    @Test
    void candidatesBeyondTheLimitsAnswerAsTheWholeTimeline() {
        // What OrderEvents reads (the unbounded kinds, the last limitOf of each bounded kind) gives
        // the same answer as every event: random timelines, both ways.
        Random random = new Random(22);
        OrderEventKind[] kinds = OrderEventKind.values();
        for (int run = 0; run < 200; run++) {
            Timeline t = new Timeline().add(STORED, 1);
            int events = random.nextInt(400);
            for (int i = 0; i < events; i++) {
                t.add(kinds[1 + random.nextInt(kinds.length - 1)], 1 + random.nextInt(3));
            }
            Map<OrderEventKind, List<TimelineSelection.Entry>> byKind = t.entries.stream()
                    .collect(Collectors.groupingBy(e -> e.event().kind()));
            List<TimelineSelection.Entry> read = new ArrayList<>();
            byKind.forEach((kind, list) -> read.addAll(TimelineSelection.bounded(kind)
                    ? list.subList(Math.max(0, list.size() - TimelineSelection.limitOf(kind)), list.size())
                    : list));
            TimelineSelection.Result whole = t.select();
            TimelineSelection.Result fromRead = TimelineSelection.select(read, t.entries.size());
            assertEquals(whole, fromRead, "run " + run);
            assertEquals(t.entries.size(), whole.shown().size() + whole.omitted());
            assertTrue(whole.shown().contains(t.entries.get(0).event()), "stored");
            for (OrderEventKind kind : byKind.keySet()) {
                List<TimelineSelection.Entry> ofKind = byKind.get(kind);
                assertTrue(whole.shown().contains(ofKind.get(ofKind.size() - 1).event()), "the latest " + kind);
            }
        }
    }

    @Test
    void theTotalNeverMakesANegativeCount() {
        Timeline t = new Timeline().add(STORED, 1).add(DELIVERED, 1);
        assertEquals(0, TimelineSelection.select(t.entries, 1).omitted());
        assertEquals(2, TimelineSelection.select(t.entries, 2).shown().size());
    }
}
