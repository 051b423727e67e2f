package com.pimpmycase.auth;

import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.LogText;
import com.pimpmycase.web.RequestIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Authenticates every /api request by its {@code Authorization: Bearer <key>} before anything else
 * (401 {@code Not authenticated} otherwise), makes the client's role available to
 * {@code @RolesAllowed}, and logs one line per request through {@link ApiRequestLog}: method, path,
 * client name, status, duration and request id; never the key, the query or a body.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String BEARER = "Bearer ";
    private static final String STARTED = ApiKeyFilter.class.getName() + ".started";

    private final ApiClients clients;
    private final ApiRequestLog log;

    public ApiKeyFilter(ApiClients clients, ApiRequestLog log) {
        this.clients = clients;
        this.log = log;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        ApiClient client = clients.authenticate(bearerKey(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        if (client == null) {
            request.abortWith(Response.fromResponse(ApiResponses.json(401, ErrorBodies.detail("Not authenticated")))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new ClientSecurityContext(client, secure));
    }

    /** The key of a {@code Bearer} header (scheme case-insensitive), or {@code null}. */
    static String bearerKey(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!log.enabled()) {
            return;
        }
        Object started = request.getProperty(STARTED);
        long micros = started instanceof Long t ? (System.nanoTime() - t) / 1000 : -1;
        Principal client = request.getSecurityContext().getUserPrincipal();
        // The path is decoded: %0A in it would otherwise start a forged log line.
        log.write("api " + LogText.escape(request.getMethod()) + " /" + LogText.escape(request.getUriInfo().getPath())
                + " client=" + (client == null ? "-" : client.getName())
                + " status=" + response.getStatus() + " ms=" + (micros / 1000.0)
                + " request_id=" + RequestIds.current()); // valid ids need no escaping
    }

    private record ClientSecurityContext(ApiClient client, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return client;
        }

        @Override
        public boolean isUserInRole(String role) {
            return client.role().roleName().equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
