package com.pimpmycase.image;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses image and preview requests that the container moved elsewhere while normalising the
 * path: Tomcat decodes {@code /image/%2e%2e} to {@code /image/..} and resolves it to {@code /},
 * which would otherwise reach another servlet. Such a name is never acceptable (SPEC §3: 400),
 * answered the way the entry point the client asked for answers (JSON or a page).
 *
 * <p>Mapped to every servlet but the image servlet (by servlet name), so the image path does not
 * pay for it: a request that reaches the image servlet was not moved.
 */
public final class ImagePathGuardFilter extends HttpFilter {

    private static final String IMAGE = "/image";
    private static final String PREVIEW = "/preview";

    private final ImageRefusals imageRefusals;
    private final RefusalAnswer previewRefusals;

    public ImagePathGuardFilter(ImageRefusals imageRefusals, RefusalAnswer previewRefusals) {
        this.imageRefusals = imageRefusals;
        this.previewRefusals = previewRefusals;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        if (movedOutOf(IMAGE, raw, request)) {
            imageRefusals.answerMoved(request, response, invalidName(raw, IMAGE));
        } else if (movedOutOf(PREVIEW, raw, request)) {
            previewRefusals.answer(request, response, invalidName(raw, PREVIEW));
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The raw path names {@code prefix/…} but the container mapped it to another servlet path. */
    private static boolean movedOutOf(String prefix, String raw, HttpServletRequest request) {
        return raw.startsWith(prefix + "/") && !prefix.equals(request.getServletPath());
    }

    private static ImageAccess.Denied invalidName(String raw, String prefix) {
        return ImageAccess.Denied.because(ImageDenial.INVALID_NAME, raw.substring(prefix.length() + 1));
    }
}
