package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SPEC §12's lock where the container cannot lock (Jetty): 5 failures, 5 minutes after the last. */
class SignInLockTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final SignInLock lock = new SignInLock(clock);

    private void fail(String name, int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(lock.attempt(name), "try " + (i + 1) + " is let through");
        }
    }

    @Test
    void fiveFailuresLockTheNameUntilFiveMinutesAfterTheLastTry() {
        fail("olga", 5);
        assertFalse(lock.attempt("olga"), "the 6th try is refused, whatever the password");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertFalse(lock.attempt("olga"), "a try while locked lengthens the lock");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertFalse(lock.attempt("olga"));
        clock.advance(Duration.ofMinutes(5));
        assertTrue(lock.attempt("olga"), "5 minutes after the last try: open again");
    }

    @Test
    void aSuccessStartsTheCountAgainAndOtherNamesAreNotTouched() {
        fail("olga", 4);
        lock.succeeded("olga");
        fail("olga", 5);
        assertFalse(lock.attempt("olga"));
        assertTrue(lock.attempt("sam"));
    }

    @Test
    void letterCaseDoesNotGiveFiveMoreGuesses() {
        fail("olga", 3);
        fail("OLGA", 2);
        assertFalse(lock.attempt("Olga"));
    }

    @Test
    void failuresFurtherApartThanTheLockDoNotAddUp() {
        fail("olga", 4);
        clock.advance(Duration.ofMinutes(5));
        fail("olga", 5);
        assertFalse(lock.attempt("olga"));
    }

    @Test
    void parallelTriesGetNoMoreThanFiveGuesses() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tries.add(() -> lock.attempt("olga"));
            }
            int through = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                through += f.get() ? 1 : 0;
            }
            assertTrue(through == 5, through + " of 30 parallel tries reached the realm");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void memoryIsBoundedAndTriesAtOtherNamesDoNotUnlockOne() {
        fail("olga", 5);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < SignInLock.MAX_NAMES + 50; i++) {
            lock.attempt("spray-" + i);
        }
        assertTrue(lock.size() <= SignInLock.MAX_NAMES, String.valueOf(lock.size()));
        assertFalse(lock.attempt("olga"), "the lock on olga was dropped to make room");
    }
}
