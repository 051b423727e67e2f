package com.pimpmycase.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimingsTest {

    @Test
    void namedTimingsReplaceTheirDefaultsAndTheRestStay() {
        Timings timings = Timings.parse(" downloadFlush = 200ms, countsRefresh=1s ,");
        assertEquals(Duration.ofMillis(200), timings.downloadFlush());
        assertEquals(Duration.ofSeconds(1), timings.countsRefresh());
        assertEquals(Timings.DEFAULTS.revocationRefresh(), timings.revocationRefresh());
        assertEquals(Duration.ofMillis(500), Timings.DEFAULTS.deliveryPoll());
    }

    @Test
    void anUnknownNameAZeroOrAMissingUnitIsRefused() {
        assertEquals("unknown timing 'downloadFlsh' (known: [revocationRefresh, revocationPrune, downloadFlush, "
                + "hourlyCountsFlush, countsRefresh, paymentSweep, deliveryPoll])",
                assertThrows(IllegalArgumentException.class, () -> Timings.parse("downloadFlsh=1s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timings.parse("downloadFlush=0ms"));
        assertThrows(IllegalArgumentException.class, () -> Timings.parse("downloadFlush=5"));
    }
}
