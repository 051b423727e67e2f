package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Overlapping or adjacent ranges are merged (ascending); parts no smaller than the image are the image. */
    @ParameterizedTest(name = "{0} of {1} bytes → {2}")
    @CsvSource(delimiter = '|', value = {
        // issue 14: sixteen times the whole file is one range, not sixteen copies
        "bytes=0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0- | 3145739 | 0-3145738",
        "bytes=-3000,-3000,-3000                               | 3145739 | 3142739-3145738",
        "bytes=0-999,0-999                                     | 100000  | 0-999",
        // overlapping: merged and sorted
        "bytes=500-1500,0-999                                  | 100000  | 0-1500",
        "bytes=0-10,5-20,100-200,150-300                       | 100000  | 0-20;100-300",
        "bytes=0-10,5-20,100-200,150-                          | 100000  | whole",
        "bytes=0-100,1-101,2-102,3-103,4-104,5-105,6-106,7-107 | 100000  | 0-107",
        "bytes=50000-,-60000                                   | 100000  | 40000-99999",
        // adjacent: merged too
        "bytes=0-999,1000-1999,2000-                           | 100000  | 0-99999",
        "bytes=2000-2999,1000-1999                             | 100000  | 1000-2999",
        "bytes=0-9,10-19,30-39                                 | 100000  | 0-19;30-39",
        // once one pair overlaps, every range goes out ascending
        "bytes=9000-9099,0-9,5-14                              | 100000  | 0-14;9000-9099",
        // disjoint: as asked, in request order (gap of one byte is not adjacent)
        "bytes=0-9,11-20                                       | 100000  | 0-9;11-20",
        "bytes=90000-90009,0-9                                 | 100000  | 90000-90009;0-9",
        // parts plus their headers no smaller than the image: the whole image
        "bytes=0-0,2-                                          | 1000    | whole",
        "bytes=0-399,500-                                      | 1000    | whole",
        "bytes=-1,0-0                                          | 150     | whole",
        "bytes=-1,0-0                                          | 300     | 299-299;0-0",
        // a single range is never turned into the whole image
        "bytes=0-                                              | 10      | 0-9"})
    void overlappingAndAdjacentRangesAreCoalesced(String header, long length, String expected) {
        assertEquals(expected, render(RangeRequest.evaluate(header, length)));
    }

    /** Whatever the header, a 206 never carries more bytes than the image, nor any byte twice. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-",
        "bytes=0-200000,1-200001,2-200002,3-200003,4-200004,5-200005,6-200006,7-200007",
        "bytes=-100000,-99999,-99998,-99997,0-,1-,2-,3-",
        "bytes=0-1,2-3,4-5,6-7,8-9,10-11,12-13,14-15,16-17,18-19,20-21,22-23,24-25,26-27,28-29,30-31"})
    void neverMoreThanTheImage(String header) {
        long length = 300_000;
        if (RangeRequest.evaluate(header, length) instanceof RangeRequest.Partial partial) {
            long total = 0;
            List<ByteRange> sorted = new java.util.ArrayList<>(partial.ranges());
            sorted.sort(java.util.Comparator.comparingLong(ByteRange::first));
            for (int i = 0; i < sorted.size(); i++) {
                total += sorted.get(i).length();
                if (i > 0) {
                    assertTrue(sorted.get(i).first() > sorted.get(i - 1).last() + 1, header);
                }
            }
            assertTrue(total <= length, header + ": " + total);
        }
    }
}
