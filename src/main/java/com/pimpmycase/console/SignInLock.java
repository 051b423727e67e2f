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
 *
 * <p>Names are compared without letter case, so {@code Olga} and {@code OLGA} share one count
 * (a realm that ignores case cannot be guessed at five times per spelling). Memory is bounded:
 * at most {@value #MAX_NAMES} names are remembered; past that, the expired and then the oldest
 * records are dropped first.
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

    /** Whether {@code name} may not sign in now, whatever the password. */
    boolean isLocked(String name) {
        Failures f = byName.get(key(name));
        return f != null && f.count() >= FAILURES && !expired(f, clock.instant());
    }

    /** A wrong password, an unknown name, or a try while locked. */
    void failed(String name) {
        Instant now = clock.instant();
        byName.compute(key(name), (k, f) -> f == null || expired(f, now) ? new Failures(1, now)
                : new Failures(f.count() + 1, now));
        if (byName.size() > MAX_NAMES) {
            trim(now);
        }
    }

    /** A correct password while not locked: the count starts again. */
    void succeeded(String name) {
        byName.remove(key(name));
    }

    private void trim(Instant now) {
        byName.entrySet().removeIf(e -> expired(e.getValue(), now));
        while (byName.size() > MAX_NAMES) {
            byName.entrySet().stream().min(Comparator.comparing(e -> e.getValue().last()))
                    .ifPresent(oldest -> byName.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    private static boolean expired(Failures f, Instant now) {
        return !now.isBefore(f.last().plus(LOCK));
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
