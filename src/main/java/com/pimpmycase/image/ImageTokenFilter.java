package com.pimpmycase.image;

import com.pimpmycase.app.ServiceContext;
import com.pimpmycase.web.JsonResponses;
import com.pimpmycase.web.LogText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Guards {@code /image/*}: only a request with a valid token for the named file reaches
 * {@link ImageServlet}. The request and response pass on unwrapped, so the container keeps its
 * zero-copy path.
 */
public final class ImageTokenFilter extends HttpFilter {

    /** Request attribute carrying the {@link ImageAccess.Granted} (filename and verified token) to the servlet. */
    public static final String GRANTED_ATTRIBUTE = ImageTokenFilter.class.getName() + ".granted";

    private static final Logger LOG = Logger.getLogger(ImageTokenFilter.class.getName());

    private ImageAccessCheck check;

    @Override
    public void init() {
        check = ServiceContext.from(getServletContext()).imageAccessCheck();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ImageAccess access = check.check(request.getMethod(), request.getPathInfo(),
                request.getParameterValues("token"));
        if (access instanceof ImageAccess.Granted granted) {
            request.setAttribute(GRANTED_ATTRIBUTE, granted);
            chain.doFilter(request, response);
            return;
        }
        ImageAccess.Denied denied = (ImageAccess.Denied) access;
        logRefusal(request, denied);
        if (denied.status() == 405) {
            response.setHeader("Allow", ImageAccessCheck.ALLOW);
        }
        JsonResponses.sendError(request, response, denied.status(), denied.body());
    }

    /** One line per refusal: reason and file, and at most a redacted token. */
    public static void logRefusal(HttpServletRequest request, ImageAccess.Denied denied) {
        // Method, path, name and token come from the request: escaped, or a CR/LF forges a line.
        LOG.info(() -> "refused " + LogText.escape(request.getMethod()) + " " + LogText.escape(request.getServletPath())
                + " status=" + denied.status() + " reason=" + denied.reason()
                + " file=" + ImageName.forLog(denied.filename())
                + (denied.token() == null ? "" : " token=" + LogText.escape(denied.token()))
                + " from=" + request.getRemoteAddr());
    }
}
