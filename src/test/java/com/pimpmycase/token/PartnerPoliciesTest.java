package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartnerPoliciesTest {

    @Test
    void defaultsAreTheContractsTable() {
        PartnerPolicies p = PartnerPolicies.defaults();
        assertEquals(new PartnerPolicy("end_user", Duration.ofHours(1), Duration.ofHours(4)), p.find("end_user"));
        assertEquals(new PartnerPolicy("chinese_manufacturing", Duration.ofHours(48), Duration.ofHours(72)),
                p.find("chinese_manufacturing"));
        assertEquals(new PartnerPolicy("admin", Duration.ofHours(24), Duration.ofHours(168)), p.find("admin"));
        assertNull(p.find("reseller"));
    }

    @Test
    void everyUnitAndLooseWhitespace() {
        PartnerPolicies p = PartnerPolicies.parse(" a=30s/90s ,b = 5m / 2h,c=1d/7d, ");
        assertEquals(Duration.ofSeconds(30), p.find("a").defaultLifetime());
        assertEquals(Duration.ofSeconds(90), p.find("a").maxLifetime());
        assertEquals(Duration.ofMinutes(5), p.find("b").defaultLifetime());
        assertEquals(Duration.ofHours(2), p.find("b").maxLifetime());
        assertEquals(Duration.ofDays(7), p.find("c").maxLifetime());
    }

    @Test
    void configuredEntriesOverrideDefaultsTypeByType() {
        PartnerPolicies p = PartnerPolicies.withOverrides("end_user=10m/30m, reseller=1h/2h");
        assertEquals(Duration.ofMinutes(30), p.find("end_user").maxLifetime());
        assertEquals(Duration.ofHours(72), p.find("chinese_manufacturing").maxLifetime());
        assertTrue(p.types().contains("reseller"));
    }

    @Test
    void unparsableTextIsRefusedWithTheEntry() {
        for (String bad : new String[] {"", "   ", "end_user", "end_user=1h", "end_user=1h/4", "end_user=1x/4h",
                "end_user=4h/1h", "end_user=0s/1h", "end:user=1h/4h", "end_user=-1h/4h", "a=1h/2h,a=1h/3h",
                "end_user=1h/4h;admin=1h/2h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PartnerPolicies.withOverrides(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
    }

    /** A type longer than a token can carry (SPEC §2: 1–64 characters) would mint unreadable tokens. */
    @Test
    void aTypeIsAtMostSixtyFourCharacters() {
        String longest = "t".repeat(64);
        assertEquals(longest, PartnerPolicies.parse(longest + "=1h/2h").find(longest).type());
        assertThrows(IllegalArgumentException.class, () -> PartnerPolicies.parse("t".repeat(65) + "=1h/2h"));
    }
}
