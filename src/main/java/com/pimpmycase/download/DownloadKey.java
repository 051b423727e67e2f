package com.pimpmycase.download;

import java.util.Comparator;

/** What downloads are counted by: the image and the partner type of the token that opened it. */
record DownloadKey(String filename, String partnerType) {

    /**
     * The order keys are written in. Every node writes in this order, so two nodes flushing the
     * same keys lock the rows in the same order and cannot deadlock each other.
     */
    static final Comparator<DownloadKey> WRITE_ORDER =
            Comparator.comparing(DownloadKey::filename).thenComparing(DownloadKey::partnerType);
}
