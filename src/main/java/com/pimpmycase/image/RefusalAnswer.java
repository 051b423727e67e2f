package com.pimpmycase.image;

import com.pimpmycase.web.ResponseHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How an entry point answers a refused request: logged once, {@code Allow: GET, HEAD} with a 405,
 * then the body in the entry point's own form (JSON for images, a page for previews).
 */
public abstract class RefusalAnswer {

    private final RefusalLog log;

    protected RefusalAnswer(RefusalLog log) {
        this.log = log;
    }

    public final void answer(HttpServletRequest request, HttpServletResponse response, ImageAccess.Denied denied)
            throws IOException {
        log.refused(request, denied);
        if (denied.denial() == ImageDenial.METHOD_NOT_ALLOWED) {
            ResponseHeaders.allowGetAndHead(response);
        }
        render(request, response, denied);
    }

    /** Writes the status and body of the refusal. */
    protected abstract void render(HttpServletRequest request, HttpServletResponse response,
            ImageAccess.Denied denied) throws IOException;
}
