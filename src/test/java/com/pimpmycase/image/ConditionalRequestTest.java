package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 §13.2.2 evaluation order, as a table: the image has ETag "a-1" and was modified at 1000. */
class ConditionalRequestTest {

    static final String ETAG = "\"a-1\"";
    static final long MODIFIED = 1000;

    @ParameterizedTest(name = "If-Match={0} IUS={1} INM={2} IMS={3} → {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL          | -1   | NULL          | -1   | PROCEED",
        "\"a-1\"       | -1   | NULL          | -1   | PROCEED",
        "*             | -1   | NULL          | -1   | PROCEED",
        "\"x\", \"a-1\" | -1  | NULL          | -1   | PROCEED",
        "\"x\"         | -1   | NULL          | -1   | PRECONDITION_FAILED",
        "W/\"a-1\"     | -1   | NULL          | -1   | PRECONDITION_FAILED",
        "NULL          | 999  | NULL          | -1   | PRECONDITION_FAILED",
        "NULL          | 1000 | NULL          | -1   | PROCEED",
        "\"a-1\"       | 999  | NULL          | -1   | PROCEED",
        "NULL          | -1   | \"a-1\"       | -1   | NOT_MODIFIED",
        "NULL          | -1   | W/\"a-1\"     | -1   | NOT_MODIFIED",
        "NULL          | -1   | *             | -1   | NOT_MODIFIED",
        "NULL          | -1   | \"x\"         | -1   | PROCEED",
        "NULL          | -1   | NULL          | 1000 | NOT_MODIFIED",
        "NULL          | -1   | NULL          | 1001 | NOT_MODIFIED",
        "NULL          | -1   | NULL          | 999  | PROCEED",
        "NULL          | -1   | \"x\"         | 2000 | PROCEED",
        "\"x\"         | -1   | \"a-1\"       | -1   | PRECONDITION_FAILED",
        "NULL          | -1   | garbage       | -1   | PROCEED"})
    void table(String ifMatch, long ifUnmodifiedSince, String ifNoneMatch, long ifModifiedSince, String expected) {
        assertEquals(ConditionalRequest.Outcome.valueOf(expected), ConditionalRequest.evaluate(ifMatch,
                ifUnmodifiedSince, ifNoneMatch, ifModifiedSince, ETAG, MODIFIED));
    }

    @Test
    void ifRangeNeedsTheStrongTagOrTheExactDate() {
        assertTrue(ConditionalRequest.rangeApplies(null, -1, ETAG, MODIFIED));
        assertTrue(ConditionalRequest.rangeApplies("\"a-1\"", -1, ETAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies("W/\"a-1\"", -1, ETAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies("\"b-2\"", -1, ETAG, MODIFIED));
        assertTrue(ConditionalRequest.rangeApplies("Thu, 01 Jan 1970 00:16:40 GMT", 1000, ETAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies("Thu, 01 Jan 1970 00:16:41 GMT", 1001, ETAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies("yesterday", -1, ETAG, MODIFIED));
    }
}
