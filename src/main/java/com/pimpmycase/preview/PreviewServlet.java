package com.pimpmycase.preview;

import com.pimpmycase.image.ImageAccess;
import com.pimpmycase.image.ImageAccessCheck;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.web.PublicUrls;
import com.pimpmycase.web.QueryStrings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * {@code GET|HEAD /preview/{filename}?token=…} (SPEC §5): the image endpoint's checks and statuses
 * ({@link ImageAccessCheck}), answered as pages for a customer instead of JSON.
 */
public final class PreviewServlet extends HttpServlet {

    private final ImageAccessCheck check;
    private final PreviewRefusals refusals;
    private final ImageStore store;
    private final Clock clock;

    public PreviewServlet(ImageAccessCheck check, PreviewRefusals refusals, ImageStore store, Clock clock) {
        this.check = check;
        this.refusals = refusals;
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ImageAccess access = check.check(request.getMethod(), request.getPathInfo(), QueryStrings.values(request.getQueryString(), "token"));
        if (access instanceof ImageAccess.Denied denied) {
            refusals.answer(request, response, denied);
            return;
        }
        ImageAccess.Granted granted = (ImageAccess.Granted) access;
        String nonce = PreviewResponses.nonce();
        if (store.find(granted.filename()) == null) {
            PreviewResponses.send(request, response, 404, PreviewRefusals.notFound(nonce), nonce);
            return;
        }
        String imageUrl = PublicUrls.imageOnThisHost(request, granted.filename(), granted.token());
        PreviewResponses.send(request, response, 200, PreviewPage.design(granted.filename(), imageUrl,
                granted.token().expiresAt(), clock.instant(), nonce), nonce);
    }
}
