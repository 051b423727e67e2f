package com.pimpmycase.api;

import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The Jersey application behind {@code /api/*}: the resources and filters are plain objects built
 * by the composition root ({@code app.ServiceBootstrap}) and handed in; this adds what every API
 * answer shares (roles, the contract's error shapes). No classpath scanning, no injection
 * framework of ours.
 */
public final class ApiApplication extends ResourceConfig {

    public ApiApplication(List<Object> components) {
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        register(RolesAllowedDynamicFeature.class);
        components.forEach(this::register);
        register(ApiExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
    }
}
