package com.pimpmycase.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in lock of SPEC §12 for a container that cannot lock from its own configuration (Jetty
 * 12; Tomcat's conf/ wraps its realm in the stock {@code LockOutRealm} with the same numbers):
 * {@value #FAILURES} consecutive failures for one login name lock that name on this node until
 * {@link #LOCK} after the last failure. A try while locked counts as one more failure (so it
 * lengthens the lock, as {@code LockOutRealm} does) and is refused whatever the password.
 * (Unlike {@code LockOutRealm}, a try is counted before the realm answers, so five tries at once
 * are all the guesses there are.)
 *
 * <p>Names are compared without letter case, so {@code Olga} and {@code OLGA} share one count
 * (a realm that ignores case cannot be guessed at five times per spelling). Memory is bounded:
 * at most {@value #MAX_NAMES} names are remembered; past that, expired records go first, then the
 * oldest of those not locked, so tries at many other names do not unlock one.
 */
final class SignInLock {

    static final int FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(5);
    static final int MAX_NAMES = 10_000;

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Map<String, Failures> byName = new ConcurrentHashMap<>();

    SignInLock(Clock clock) {
        this.clock = clock;
    }

    /**
     * One sign-in try for {@code name}, counted as a failure until {@link #succeeded} says
     * otherwise: {@code false} when the name is locked (the try then counts and lengthens the lock).
     * Counting before the realm answers means parallel tries cannot get past the lock either.
     */
    boolean attempt(String name) {
        Instant now = clock.instant();
        boolean[] allowed = new boolean[1];
        byName.compute(key(name), (k, f) -> {
            Failures current = f == null || expired(f, now) ? new Failures(0, now) : f;
            allowed[0] = current.count() < FAILURES;
            return new Failures(current.count() + 1, now);
        });
        if (byName.size() > MAX_NAMES) {
            trim(now);
        }
        return allowed[0];
    }

    /** A correct password while not locked: the count starts again. */
    void succeeded(String name) {
        byName.remove(key(name));
    }

    private void trim(Instant now) {
        byName.entrySet().removeIf(e -> expired(e.getValue(), now));
        // Names that are not locked go first, oldest first: spraying other names does not unlock one.
        Comparator<Map.Entry<String, Failures>> first = Comparator
                .comparing((Map.Entry<String, Failures> e) -> e.getValue().count() >= FAILURES)
                .thenComparing(e -> e.getValue().last());
        while (byName.size() > MAX_NAMES) {
            byName.entrySet().stream().min(first).ifPresent(drop -> byName.remove(drop.getKey(), drop.getValue()));
        }
    }

    /** How many names are remembered (tests). */
    int size() {
        return byName.size();
    }

    private static boolean expired(Failures f, Instant now) {
        return !now.isBefore(f.last().plus(LOCK));
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
