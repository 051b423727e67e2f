package com.pimpmycase.image;

import com.pimpmycase.web.JsonResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses image requests that the container moved out of {@code /image/*} while normalising the
 * path: Tomcat decodes {@code /image/%2e%2e} to {@code /image/..} and resolves it to {@code /},
 * which would otherwise reach another servlet. Such a name is never acceptable (SPEC §3: 400).
 */
public final class ImagePathGuardFilter extends HttpFilter {

    private static final String IMAGE_SERVLET_PATH = "/image";

    private String rawImagePrefix;

    @Override
    public void init() {
        rawImagePrefix = getServletContext().getContextPath() + IMAGE_SERVLET_PATH + "/";
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getRequestURI().startsWith(rawImagePrefix)
                && !IMAGE_SERVLET_PATH.equals(request.getServletPath())) {
            ImageAccess.Denied denied = new ImageAccess.Denied(400, "invalid_name", ImageAccessCheck.INVALID_NAME,
                    request.getRequestURI().substring(rawImagePrefix.length()), null);
            ImageTokenFilter.logRefusal(request, denied);
            JsonResponses.sendError(request, response, 400, denied.body());
            return;
        }
        chain.doFilter(request, response);
    }
}
