package com.pimpmycase.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one wait of the tests: for something another thread, process or node makes true (a
 * background refresh, a flush, a dispatcher, a server starting, a log line written). Asks again
 * every {@link #POLL} until the deadline, then fails with the last answer. Tests of asynchronous
 * effects use this instead of a fixed sleep, so a busy machine makes them slower, not red, and a
 * quick effect (the deployments' background intervals are 100 ms) is seen quickly.
 */
public final class Eventually {

    /** How long to wait before asking again. */
    public static final Duration POLL = Duration.ofMillis(25);

    /** Something to ask again; may throw (an HTTP call). */
    @FunctionalInterface
    public interface Question<T> {
        T ask() throws Exception;
    }

    /** A condition to check again; may throw (an HTTP call). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** What a failure says about the last answer (read once, when the deadline has passed). */
    @FunctionalInterface
    public interface Description {
        String text() throws Exception;
    }

    private Eventually() {
    }

    /** The first answer that {@code good} accepts within {@code deadline}. */
    public static <T> T await(Duration deadline, Question<T> question, Predicate<T> good, String what) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T answer = question.ask();
        while (!good.test(answer)) {
            if (System.nanoTime() > end) {
                fail(what + ": not within " + deadline.toMillis() + " ms; last answer: " + answer);
            }
            Thread.sleep(POLL.toMillis());
            answer = question.ask();
        }
        return answer;
    }

    /**
     * For what must NOT happen (an order sent by surprise): checks {@code condition} every {@link #POLL}
     * for the whole {@code period}, failing at the first time it does not hold. Take a period of
     * several times the interval of the background task that would break it.
     */
    public static void holds(Duration period, Condition condition, Description what) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.holds()) {
                fail(what.text());
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < end);
        if (!condition.holds()) {
            fail(what.text());
        }
    }

    /** Returns once {@code condition} holds; fails with {@code what} if it does not within {@code deadline}. */
    public static void until(Duration deadline, Condition condition, Description what) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                fail(what.text() + " (not within " + deadline.toMillis() + " ms)");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
