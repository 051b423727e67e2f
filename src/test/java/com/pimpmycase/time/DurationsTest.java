package com.pimpmycase.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"15s, 15", "15m, 900", "72h, 259200", "3d, 259200", "' 5 s ', 5", "0s, 0", "999999999s, 999999999"})
    void parse(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "15", "15x", "1.5h", "-1s", "15 s 2", "1000000000s", "15S", "1h30m"})
    void parseRefuses(String text) {
        assertNull(Durations.parse(text));
    }

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
