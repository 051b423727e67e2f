package com.pimpmycase.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "req-1.2_3", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptableIdsAreKept(String id) {
        assertEquals(id, RequestIds.accept(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a\nb", "id;drop", "é", "x/y",
        "01234567890123456789012345678901234567890123456789012345678901234"})
    void othersAreReplaced(String id) {
        String replaced = RequestIds.accept(id);
        assertNotEquals(id, replaced);
        assertTrue(RequestIds.isValid(replaced) && replaced.length() >= 16, replaced);
    }

    @Test
    void generatedIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ids.add(RequestIds.accept(null)));
        }
    }
}
