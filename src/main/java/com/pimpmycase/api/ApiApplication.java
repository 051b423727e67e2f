package com.pimpmycase.api;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The Jersey application behind {@code /api/*}: the resources and filters are plain objects built
 * by the composition root ({@code app.ServiceBootstrap}) and handed over in the servlet context
 * under {@link #COMPONENTS}; this adds what every API answer shares (roles, the contract's error
 * shapes). No classpath scanning, no injection framework of ours.
 *
 * <p>Jersey instantiates this class itself (servlet init parameter), as it must for resource
 * instances to be taken as resources: a ResourceConfig built outside and given to the
 * ServletContainer treats them as providers and warns at every start (Jersey issue 3700).
 */
public final class ApiApplication extends ResourceConfig {

    /** Servlet context attribute: the {@code List<Object>} of resources and filters to register. */
    public static final String COMPONENTS = ApiApplication.class.getName() + ".components";

    public ApiApplication(@Context ServletContext servletContext) {
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        register(RolesAllowedDynamicFeature.class);
        register(UnreadBodyDrain.class);
        for (Object component : (List<?>) servletContext.getAttribute(COMPONENTS)) {
            register(component);
        }
        register(ApiExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
    }
}
