package com.pimpmycase.console;

import com.pimpmycase.delivery.DeliveryRecords;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.PublicUrls;
import javax.sql.DataSource;

/**
 * What the console reads and calls, handed in by the composition root: the order database and
 * timeline, images and their blocks, delivery records, token minting and public URLs (the same
 * parts the API uses), and the other features' operations ({@link ConsoleServices}).
 */
public record ConsoleParts(DataSource dataSource, OrderEvents events, ImageStore images, ImageBlocks blocks,
        DeliveryRecords deliveries, TokenMinter minter, PublicUrls urls, ConsoleServices services,
        Thumbnails thumbnails, HourlyCounts counts) {
}
