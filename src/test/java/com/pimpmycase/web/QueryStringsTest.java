package com.pimpmycase.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 22.8a: the token read from the raw query with SPEC §3's rules, never by the container. */
class QueryStringsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                         | NULL
            ''                           | NULL
            x=1                          | NULL
            token=1:a:b                  | 1:a:b
            token=1%3Aa%3Ab              | 1:a:b
            token=                       | ''
            token                        | ''
            token=a&token=b              | a,b
            tok%65n=a                    | a
            token=a+b                    | a b
            x=%zz&token=1:a:b            | 1:a:b
            %zz&token=1:a:b              | 1:a:b
            token=1:a:b%zz               | 1:a:b%zz
            token=1:a:b%                 | 1:a:b%
            token=1:a:b%2                | 1:a:b%2
            token=1:a:b%C0%AF            | 1:a:b%C0%AF
            token=1:a:b%u0041            | 1:a:b%u0041
            token=%E2%82%AC              | €
            token=1:a:b%٣٣               | 1:a:b%٣٣
            &&token=a&&                  | a
            """)
    void tokenValues(String query, String expected) {
        String[] values = QueryStrings.values(query, "token");
        if (expected == null) {
            assertNull(values);
        } else {
            assertArrayEquals(expected.isEmpty() ? new String[] {""} : expected.split(","), values);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                  | false
            ''                    | false
            a=b&c=d               | false
            a=%41%42              | false
            a=%2527               | false
            a=%zz                 | true
            %zz                   | true
            a=%                   | true
            a=%4                  | true
            a=b%                  | true
            a=%C0%AF              | true
            a=%FF                 | true
            a=%u0041              | true
            x=%E2%82%AC&b=%g1     | true
            """)
    void malformedQueries(String query, boolean malformed) {
        assertEquals(malformed, QueryStrings.isMalformed(query));
    }
}
