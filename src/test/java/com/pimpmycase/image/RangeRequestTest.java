package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeRequestTest {

    /** Renders an outcome as "whole", "416" or "a-b,c-d". */
    static String render(RangeRequest.Outcome outcome) {
        if (outcome instanceof RangeRequest.Whole) {
            return "whole";
        }
        if (outcome instanceof RangeRequest.Unsatisfiable) {
            return "416";
        }
        List<ByteRange> ranges = ((RangeRequest.Partial) outcome).ranges();
        return ranges.stream().map(r -> r.first() + "-" + r.last()).collect(Collectors.joining(";"));
    }

    @ParameterizedTest(name = "{0} of {1} bytes → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL              | 1000 | whole",
        "bytes=0-99        | 1000 | 0-99",
        "bytes=0-0         | 1000 | 0-0",
        "bytes=900-        | 1000 | 900-999",
        "bytes=-100        | 1000 | 900-999",
        "bytes=-5000       | 1000 | 0-999",
        "bytes=990-5000    | 1000 | 990-999",
        "BYTES=0-1         | 1000 | 0-1",
        "bytes= 0-1 , 5-6  | 1000 | 0-1;5-6",
        "bytes=5-6,0-1     | 1000 | 5-6;0-1",
        "bytes=0-1,2000-   | 1000 | 0-1",
        "bytes=1000-       | 1000 | 416",
        "bytes=1000-2000   | 1000 | 416",
        "bytes=-0          | 1000 | 416",
        "bytes=0-          | 0    | 416",
        "bytes=-1          | 0    | 416",
        "bytes=99999999999999999999999- | 1000 | 416",
        "bytes=0-99999999999999999999999 | 1000 | 0-999",
        "bytes=5-1         | 1000 | whole",
        "bytes=a-b         | 1000 | whole",
        "bytes=1           | 1000 | whole",
        "bytes=            | 1000 | whole",
        "bytes=0-1,        | 1000 | whole",
        "items=0-1         | 1000 | whole",
        "bytes=-1-2        | 1000 | whole",
        "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13,14-14,15-15,16-16 | 1000 | whole"})
    void table(String header, long length, String expected) {
        assertEquals(expected, render(RangeRequest.evaluate(header, length)));
    }
}
