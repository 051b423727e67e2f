package com.pimpmycase.console;

import com.pimpmycase.download.HourlyCounts;
import com.pimpmycase.delivery.DeliveryRecords;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.PublicUrls;
import org.jdbi.v3.core.Jdbi;

/**
 * What the console reads and calls, handed in by the composition root: the order database and
 * timeline, images and their blocks, delivery records, token minting and public URLs (the same
 * parts the API uses), the other features' operations ({@link ConsoleServices}) and the hourly counts.
 */
public record ConsoleParts(Jdbi jdbi, OrderEvents events, ImageStore images, ImageBlocks blocks,
        DeliveryRecords deliveries, TokenMinter minter, PublicUrls urls, ConsoleServices services,
        HourlyCounts counts) {
}
