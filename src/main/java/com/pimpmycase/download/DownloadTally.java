package com.pimpmycase.download;

import java.time.Instant;

/** How often one image was downloaded by one partner type, and when first and last (SPEC §11). */
public record DownloadTally(long count, Instant firstAt, Instant lastAt) {

    /** Both tallies together: counts add up, the earliest first and the latest last time win. */
    public DownloadTally plus(DownloadTally other) {
        return new DownloadTally(count + other.count,
                firstAt.isBefore(other.firstAt) ? firstAt : other.firstAt,
                lastAt.isAfter(other.lastAt) ? lastAt : other.lastAt);
    }
}
