package com.pimpmycase.download;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Download times as the API shows them: ISO-8601 UTC to the second, like an order's {@code created_at}. */
public final class DownloadTimes {

    private DownloadTimes() {
    }

    public static String text(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
