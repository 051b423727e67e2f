package com.pimpmycase.order;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored orders by {@code third_id}, so that fetching one again needs no database read.
 *
 * <p>Safe on every node of a cluster without invalidation because a stored order never changes
 * (SPEC §4: an identical re-post answers the stored order, a different one 409), and because only
 * orders that exist are kept: a {@code third_id} not found is asked of the database again next
 * time, so an order stored through another node is visible at once. What an answer derives from
 * the order per request (the fresh token, whether its image is blocked) is not cached.
 *
 * <p>Bounded by two generations, which approximates least-recently-used without a lock on the read
 * path: new entries go into the young map; when it is full it becomes the old map and the previous
 * old map is dropped; an order found in the old map is put back into the young one. So at most
 * {@code 2 × generationSize} orders are held, and an order in use stays. Concurrent turns may lose
 * an entry, which only costs a database read.
 */
final class OrderCache {

    /** About 400 bytes an order: a few MiB at most, for far more orders than are fetched in a day. */
    static final int DEFAULT_GENERATION_SIZE = 5_000;

    private final int generationSize;
    private volatile Map<String, Order> young = new ConcurrentHashMap<>();
    private volatile Map<String, Order> old = new ConcurrentHashMap<>();

    OrderCache(int generationSize) {
        if (generationSize < 1) {
            throw new IllegalArgumentException("generation size must be positive");
        }
        this.generationSize = generationSize;
    }

    /** The stored order with {@code thirdId}, or {@code null} when it is not held here. */
    Order get(String thirdId) {
        if (thirdId == null) {
            return null;
        }
        Order order = young.get(thirdId);
        if (order == null) {
            order = old.get(thirdId);
            if (order != null) {
                put(order); // still in use: keep it through the next turn
            }
        }
        return order;
    }

    /** Keeps {@code order}; only ever call it with an order that is committed to the database. */
    void put(Order order) {
        Map<String, Order> current = young;
        current.put(order.thirdId(), order);
        if (current.size() >= generationSize) {
            synchronized (this) {
                if (young == current) {
                    old = current;
                    young = new ConcurrentHashMap<>();
                }
            }
        }
    }

    /** How many orders are held (both generations), for tests. */
    int size() {
        return young.size() + old.size();
    }
}
