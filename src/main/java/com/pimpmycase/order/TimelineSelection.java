package com.pimpmycase.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of an order's events the timeline lists (SPEC §11), so that nothing a caller does can push
 * the order's lifecycle out of view: the {@code stored} event and the latest event of each kind
 * always; besides, {@code delivery_attempt}, {@code payment_status} and {@code manufacturer_status}
 * their last {@value #PER_KIND} each, {@code link_revoked}, {@code image_blocked} and
 * {@code image_unblocked} their last {@value #REVOCATIONS} together, and every event of every other
 * kind (of an unknown kind too, when given one). The rest is counted as omitted.
 *
 * <p>Pure: {@link #select} gets the candidates and the order's event count. The rule needs, of
 * each bounded kind, only its own last {@link #limitOf} events, which is what
 * {@link OrderEvents#timeline} reads; given every event of the order it answers the same.
 */
public final class TimelineSelection {

    /** The last events kept of each of {@link #PER_KIND_KINDS}. */
    public static final int PER_KIND = 50;
    /** The last events kept of {@link #REVOCATION_KINDS}, counted together. */
    public static final int REVOCATIONS = 20;
    /** Kinds a caller or a partner can repeat at will, bounded each on its own. */
    public static final Set<OrderEventKind> PER_KIND_KINDS = Set.of(OrderEventKind.DELIVERY_ATTEMPT,
            OrderEventKind.PAYMENT_STATUS, OrderEventKind.MANUFACTURER_STATUS);
    /** The revocation kinds, bounded together. */
    public static final Set<OrderEventKind> REVOCATION_KINDS = Set.of(OrderEventKind.LINK_REVOKED,
            OrderEventKind.IMAGE_BLOCKED, OrderEventKind.IMAGE_UNBLOCKED);

    /** An event with its position in the order's timeline (the table's id: later is larger). */
    public record Entry(long id, OrderEvent event) {}

    /** The events listed, oldest first, and how many of the order's events are not. */
    public record Result(List<OrderEvent> shown, long omitted) {}

    private TimelineSelection() {
    }

    /** Whether the kind is bounded (every other kind is listed in full). */
    public static boolean bounded(OrderEventKind kind) {
        return PER_KIND_KINDS.contains(kind) || REVOCATION_KINDS.contains(kind);
    }

    /** How many of the kind's own last events can be listed: the rule needs no more of them. */
    public static int limitOf(OrderEventKind kind) {
        return PER_KIND_KINDS.contains(kind) ? PER_KIND : REVOCATIONS;
    }

    /**
     * @param candidates events of the order, in any order: every event of an unbounded kind and at
     *        least the last {@link #limitOf} events of each bounded kind (more is fine)
     * @param total how many events the order has (at least the candidates' count)
     */
    public static Result select(Collection<Entry> candidates, long total) {
        List<Entry> newestFirst = new ArrayList<>(candidates);
        newestFirst.sort(Comparator.comparingLong(Entry::id).reversed());
        Map<Long, Entry> shown = new LinkedHashMap<>();
        Map<OrderEventKind, Integer> perKind = new EnumMap<>(OrderEventKind.class);
        int revocations = 0;
        for (Entry entry : newestFirst) {
            OrderEventKind kind = entry.event().kind();
            if (kind == null || !bounded(kind)) {
                shown.put(entry.id(), entry); // stored, and every other kind: all of it
                continue;
            }
            int ofKind = perKind.merge(kind, 1, Integer::sum);
            boolean keep;
            if (PER_KIND_KINDS.contains(kind)) {
                keep = ofKind <= PER_KIND;
            } else {
                keep = ofKind == 1 || revocations < REVOCATIONS; // the latest of each kind always
                revocations++;
            }
            if (keep) {
                shown.put(entry.id(), entry);
            }
        }
        List<OrderEvent> oldestFirst = new ArrayList<>(shown.size());
        shown.values().stream().sorted(Comparator.comparingLong(Entry::id)).forEach(e -> oldestFirst.add(e.event()));
        return new Result(List.copyOf(oldestFirst), Math.max(0, total - oldestFirst.size()));
    }
}
