package com.pimpmycase.app;

import com.pimpmycase.config.ServiceConfig;
import com.pimpmycase.db.Database;
import com.pimpmycase.image.ImageAccessCheck;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.order.OrderCursor;
import com.pimpmycase.order.OrderStore;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.upload.ImageUploader;
import com.pimpmycase.web.PublicUrls;
import jakarta.servlet.ServletContext;
import java.time.Clock;

/**
 * The service's shared parts, built once from configuration at startup and handed to every
 * servlet, filter and resource through the {@link ServletContext}.
 */
public final class ServiceContext {

    static final String ATTRIBUTE = ServiceContext.class.getName();

    private final ServiceConfig config;
    private final Clock clock;
    private final TokenVerifier verifier;
    private final TokenMinter minter;
    private final ImageStore imageStore;
    private final ImageAccessCheck imageAccessCheck;
    private final PublicUrls publicUrls;
    private final Database database;
    private final OrderStore orderStore;
    private final OrderCursor orderCursor;
    private final ImageUploader imageUploader;

    public ServiceContext(ServiceConfig config, Clock clock, Database database) {
        this.config = config;
        this.clock = clock;
        this.verifier = new TokenVerifier(config.signingKeys(), config.partnerPolicies(), clock,
                config.clockLeeway());
        this.minter = new TokenMinter(config.signingKeys(), config.partnerPolicies(), clock);
        this.imageStore = new ImageStore(config.imageDirectory());
        this.imageAccessCheck = new ImageAccessCheck(verifier);
        this.publicUrls = new PublicUrls(config.publicBaseUrl());
        this.database = database;
        this.orderStore = new OrderStore(database.dataSource(), clock);
        this.orderCursor = new OrderCursor(config.signingKeys());
        this.imageUploader = new ImageUploader(config.imageDirectory(), config.maxUploadBytes(), clock);
    }

    public static ServiceContext from(ServletContext servletContext) {
        ServiceContext service = (ServiceContext) servletContext.getAttribute(ATTRIBUTE);
        if (service == null) {
            throw new IllegalStateException("the service did not start: see the deployment log");
        }
        return service;
    }

    public ServiceConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    public TokenMinter minter() {
        return minter;
    }

    public ImageStore imageStore() {
        return imageStore;
    }

    public ImageAccessCheck imageAccessCheck() {
        return imageAccessCheck;
    }

    public PublicUrls publicUrls() {
        return publicUrls;
    }

    public Database database() {
        return database;
    }

    public OrderStore orderStore() {
        return orderStore;
    }

    public OrderCursor orderCursor() {
        return orderCursor;
    }

    public ImageUploader imageUploader() {
        return imageUploader;
    }
}
