package com.pimpmycase.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for something another thread or node makes true (a background refresh, a flush, a
 * dispatcher): asks again every 100 ms until the deadline, then fails with the last answer. Tests
 * of asynchronous effects use this instead of a fixed sleep, so a busy machine makes them slower,
 * not red.
 */
public final class Eventually {

    /** Something to ask again; may throw (an HTTP call). */
    @FunctionalInterface
    public interface Question<T> {
        T ask() throws Exception;
    }

    private Eventually() {
    }

    /** The first answer that {@code good} accepts within {@code deadline}. */
    public static <T> T await(Duration deadline, Question<T> question, Predicate<T> good, String what) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T answer = question.ask();
        while (!good.test(answer)) {
            if (System.nanoTime() > end) {
                fail(what + ": not within " + deadline.toSeconds() + " s; last answer: " + answer);
            }
            Thread.sleep(100);
            answer = question.ask();
        }
        return answer;
    }
}
