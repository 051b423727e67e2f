package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryScheduleTest {

    private static RetrySchedule schedule(String first, String longest, double random) {
        return new RetrySchedule(Duration.parse(first), Duration.parse(longest), () -> random);
    }

    @ParameterizedTest(name = "{0}..{1}, retry {2}: {3} ms")
    @CsvSource({
        // first, longest, n, base wait in ms: min(longest, first × 2^(n−1))
        "PT15S, PT15M, 1, 15000",
        "PT15S, PT15M, 2, 30000",
        "PT15S, PT15M, 3, 60000",
        "PT15S, PT15M, 6, 480000",
        "PT15S, PT15M, 7, 900000",      // 960 s capped at 15 min
        "PT15S, PT15M, 8, 900000",
        "PT15S, PT15M, 40, 900000",
        "PT15S, PT15M, 63, 900000",     // 2^62: would overflow a long of milliseconds
        "PT15S, PT15M, 64, 900000",
        "PT15S, PT15M, 65, 900000",     // a shift by 64 is a shift by 0 in Java
        "PT15S, PT15M, 129, 900000",
        "PT15S, PT15M, 2147483647, 900000",
        "PT1S, PT1S, 1, 1000",
        "PT1S, PT1S, 5, 1000",
        "PT0.001S, PT2562047H, 44, 8796093022208", // 1 ms × 2^43, still below longest
        "PT0.001S, PT2562047H, 45, 9223369200000", // 2^44 ms is above it
    })
    void doublesUpToTheLongest(String first, String longest, int n, long millis) {
        RetrySchedule noJitter = schedule(first, longest, 0.5);
        assertEquals(Duration.ofMillis(millis), noJitter.base(n));
        assertEquals(Duration.ofMillis(millis), noJitter.delay(n));
    }

    @ParameterizedTest(name = "random {0}: {1} ms")
    @CsvSource({
        "0.0, 48000",      // −20 %
        "0.25, 54000",     // −10 %
        "0.5, 60000",
        "0.75, 66000",     // +10 %
        "0.99, 71760",      // +19.6 %
    })
    void jitterIsTwentyPercentEitherWay(double random, long millis) {
        assertEquals(Duration.ofMillis(millis), schedule("PT15S", "PT15M", random).delay(3));
    }

    @Test
    void jitterAppliesToTheCappedWaitToo() {
        assertEquals(Duration.ofMinutes(12), schedule("PT15S", "PT15M", 0.0).delay(100));
        assertEquals(Duration.ofMillis(1_076_400), schedule("PT15S", "PT15M", 0.99).delay(100));
    }

    @Test
    void retriesCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> schedule("PT15S", "PT15M", 0.5).delay(0));
    }

    @Test
    void firstMustBePositiveAndNotLongerThanLongest() {
        assertThrows(IllegalArgumentException.class, () -> schedule("PT0S", "PT15M", 0.5));
        assertThrows(IllegalArgumentException.class, () -> schedule("PT16M", "PT15M", 0.5));
    }
}
