package com.pimpmycase.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request body the answer did not need (Jersey's own 415, a 401, a
 * validation error before the body), so the connection can carry the client's next request. Left
 * unread, Jetty closes the connection after the answer without saying so, and a client that
 * reuses it (java.net.http does) sees its next request fail with no answer at all. A body larger
 * than {@value #LIMIT} bytes is not read: the answer says {@code Connection: close} instead. A
 * client that sent {@code Expect: 100-continue} has not sent its body, and reading would ask it to.
 */
public final class UnreadBodyDrain implements ContainerResponseFilter {

    static final int LIMIT = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        // Headers only: asking Jersey whether there is an entity peeks at it, which sends "100 Continue".
        if ("100-continue".equalsIgnoreCase(request.getHeaderString(HttpHeaders.EXPECT))) {
            return;
        }
        boolean chunked = request.getHeaderString("Transfer-Encoding") != null;
        if (request.getLength() <= 0 && !chunked) {
            return;
        }
        if (request.getLength() > LIMIT) {
            response.getHeaders().putSingle("Connection", "close");
            return;
        }
        InputStream rest = request.getEntityStream();
        byte[] discard = new byte[8192];
        long read = 0;
        for (int n; (n = rest.read(discard)) >= 0; ) {
            read += n;
            if (read > LIMIT) { // chunked and longer than it may be
                response.getHeaders().putSingle("Connection", "close");
                return;
            }
        }
    }
}
