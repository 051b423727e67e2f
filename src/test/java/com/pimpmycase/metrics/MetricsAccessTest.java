package com.pimpmycase.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.metrics.MetricsAccess.Decision;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may read /metrics (SPEC §11): the token or an admin key; the API's 401/403 otherwise. */
class MetricsAccessTest {

    private static final String TOKEN = "scrape-token-0123456789";
    private static final Map<String, Decision> KEYS = Map.of(
            "admin-key", Decision.ALLOWED, "shop-key", Decision.FORBIDDEN, "factory-key", Decision.FORBIDDEN);

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(nullValues = "NULL", delimiter = '|', textBlock = """
            NULL                                | true  | UNAUTHENTICATED
            ''                                  | true  | UNAUTHENTICATED
            Bearer                              | true  | UNAUTHENTICATED
            'Bearer  '                          | true  | UNAUTHENTICATED
            Basic c2NyYXBlOnRva2Vu              | true  | UNAUTHENTICATED
            Bearer scrape-token-0123456789      | true  | ALLOWED
            bearer scrape-token-0123456789      | true  | ALLOWED
            Bearer scrape-token-012345678       | true  | UNAUTHENTICATED
            Bearer scrape-token-01234567890     | true  | UNAUTHENTICATED
            Bearer SCRAPE-TOKEN-0123456789      | true  | UNAUTHENTICATED
            Bearer scrape-token-0123456789      | false | UNAUTHENTICATED
            Bearer admin-key                    | true  | ALLOWED
            Bearer admin-key                    | false | ALLOWED
            Bearer shop-key                     | true  | FORBIDDEN
            Bearer factory-key                  | false | FORBIDDEN
            Bearer unknown-key                  | true  | UNAUTHENTICATED
            """)
    void decides(String authorization, boolean tokenConfigured, Decision expected) {
        MetricsAccess access = new MetricsAccess(tokenConfigured ? TOKEN : null,
                key -> KEYS.getOrDefault(key, Decision.UNAUTHENTICATED));
        assertEquals(expected, access.decide(authorization));
    }
}
