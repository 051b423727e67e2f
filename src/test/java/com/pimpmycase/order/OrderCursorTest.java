package com.pimpmycase.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.token.SigningKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderCursorTest {

    static final String KEY = "cursor-test-signing-key-0123456789abcdef";
    static final String OLD = "cursor-test-retired-key-0123456789abcdef";

    @Test
    void issuedCursorsRoundTripAndSurviveKeyRotation() {
        OrderCursor before = new OrderCursor(SigningKeys.of(OLD));
        OrderCursor after = new OrderCursor(SigningKeys.of(KEY, List.of(OLD)));
        for (long seq : new long[] {0, 1, 42, Long.MAX_VALUE}) {
            assertEquals(seq, before.positionOf(before.issue(seq)));
            assertEquals(seq, after.positionOf(before.issue(seq)), "issued before the rotation");
        }
    }

    @Test
    void madeUpCursorsAreRefused() {
        OrderCursor cursors = new OrderCursor(SigningKeys.of(KEY));
        OrderCursor foreign = new OrderCursor(SigningKeys.of(OLD));
        String good = cursors.issue(7);
        char last = good.charAt(good.length() - 1);
        for (String bad : new String[] {"", "7", "not base64!", foreign.issue(7), good + "A",
            good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A'), "AAAAAAAAAAcAAAAAAAAAAAAAAAA"}) {
            assertEquals(-1, cursors.positionOf(bad), bad);
        }
    }
}
