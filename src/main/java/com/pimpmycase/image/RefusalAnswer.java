package com.pimpmycase.image;

import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.web.ResponseHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How an entry point answers a refused request: logged once, a token refusal counted (SPEC §11:
 * on /image and /preview alike), {@code Allow: GET, HEAD} with a 405, then the body in the entry
 * point's own form (JSON for images, a page for previews).
 */
public abstract class RefusalAnswer {

    private final RefusalLog log;
    protected final ServiceMetrics metrics;

    protected RefusalAnswer(RefusalLog log, ServiceMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    public final void answer(HttpServletRequest request, HttpServletResponse response, ImageAccess.Denied denied)
            throws IOException {
        log.refused(request, denied);
        if (denied.isTokenRefusal()) {
            metrics.tokenRefused(denied.denial().type(), denied.partnerType());
        }
        if (denied.denial() == ImageDenial.METHOD_NOT_ALLOWED) {
            ResponseHeaders.allowGetAndHead(response);
        }
        render(request, response, denied);
    }

    /** Writes the status and body of the refusal. */
    protected abstract void render(HttpServletRequest request, HttpServletResponse response,
            ImageAccess.Denied denied) throws IOException;
}
