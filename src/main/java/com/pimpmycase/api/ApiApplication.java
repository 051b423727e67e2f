package com.pimpmycase.api;

import com.pimpmycase.app.ServiceContext;
import com.pimpmycase.auth.ApiKeyFilter;
import com.pimpmycase.link.SecureLinkResource;
import com.pimpmycase.order.OrderResource;
import com.pimpmycase.upload.ImageUploadResource;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The Jersey application behind {@code /api/*}: resources are plain objects built here from the
 * service's shared parts (no classpath scanning, no injection framework of ours).
 */
public final class ApiApplication extends ResourceConfig {

    public ApiApplication(@Context ServletContext servletContext) {
        ServiceContext service = ServiceContext.from(servletContext);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);

        register(new ApiKeyFilter(service.config().apiClients()));
        register(RolesAllowedDynamicFeature.class);

        register(new OrderResource(service.orderStore(), service.imageStore(), service.minter(),
                service.publicUrls(), service.orderCursor()));
        register(new SecureLinkResource(service.imageStore(), service.minter(), service.verifier(),
                service.publicUrls()));
        register(new ImageUploadResource(service.imageUploader(), service.minter(), service.publicUrls()));

        register(ApiExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
    }
}
