package com.pimpmycase.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.metrics.ServiceMetrics.ImageOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §11's {@code outcome} of an image request, by the status it was answered with. */
class ImageOutcomeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "200, SERVED",
        "206, SERVED",
        "304, NOT_MODIFIED",
        "422, REFUSED",
        "404, NOT_FOUND",
        "400, BAD_REQUEST",
        "405, BAD_REQUEST",
        "412, BAD_REQUEST",
        "416, BAD_REQUEST",
        "500, ERROR",
        "503, ERROR",
    })
    void ofStatus(int status, ImageOutcome outcome) {
        assertEquals(outcome, ImageOutcome.of(status));
    }
}
