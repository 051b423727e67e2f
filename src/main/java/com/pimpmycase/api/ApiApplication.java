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
        // The cheapest Jersey that serves the API: everything it uses is registered below, so
        // nothing is discovered (no Jackson provider: bodies are read by JsonBodies and written as
        // bytes by ApiResponses, so a lookup would only add candidates to every response), and no
        // WADL, bean validation or monitoring runs per request. Every answer states its length
        // (ApiResponses), so the 8 KiB buffer Jersey would allocate per response to count it is off.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        property(ServerProperties.MONITORING_ENABLED, false);
        property(ServerProperties.MONITORING_STATISTICS_ENABLED, false);
        property(ServerProperties.MONITORING_STATISTICS_MBEANS_ENABLED, false);
        property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
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
