package com.pimpmycase.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"0, 0 s", "45, 45 s", "60, 1 min", "719, 11 min", "3600, 1 h", "3660, 1 h 1 min",
        "172740, 47 h 59 min", "259200, 72 h", "359999, 99 h 59 min", "360000, 4 d 4 h", "604800, 7 d",
        "-7200, 2 h"})
    void text(long seconds, String expected) {
        assertEquals(expected, Durations.text(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource({"3600, 1 h", "604800, 168 h", "1800, 30 min", "90, 90 s"})
    void policy(long seconds, String expected) {
        assertEquals(expected, Durations.policy(Duration.ofSeconds(seconds)));
    }
}
