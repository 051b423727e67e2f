package com.pimpmycase.image;

import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.HttpStatusText;
import com.pimpmycase.web.JsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** A refused image request answered in JSON as SPEC §3's table says, logged once (SPEC §11). */
public final class ImageRefusals extends RefusalAnswer {

    private static final List<String> TOKEN_LOC = List.of("query", "token");
    private static final byte[] METHOD_NOT_ALLOWED = JsonResponses.toBytes(ErrorBodies.detail(HttpStatusText.of(405)));
    private static final byte[] INVALID_NAME = JsonResponses.toBytes(ErrorBodies.detail("Invalid image name"));
    private static final byte[] TOKEN_MISSING =
            JsonResponses.toBytes(ErrorBodies.fieldErrors(FieldError.missing("query", "token")));

    public ImageRefusals(RefusalLog log, ServiceMetrics metrics) {
        super(log, metrics);
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, ImageAccess.Denied denied)
            throws IOException {
        JsonResponses.send(request, response, denied.status(), body(denied));
    }

    /**
     * Answers an image request that {@link ImageTokenFilter} never saw (the container moved its
     * path elsewhere, {@link ImagePathGuardFilter}), and counts its outcome as the filter counts
     * every other image request.
     */
    void answerMoved(HttpServletRequest request, HttpServletResponse response, ImageAccess.Denied denied)
            throws IOException {
        answer(request, response, denied);
        metrics.imageRequest(ServiceMetrics.ImageOutcome.of(response.getStatus()));
    }

    /** The JSON body of SPEC §3 for this refusal. */
    static byte[] body(ImageAccess.Denied denied) {
        return switch (denied.denial()) {
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case INVALID_NAME -> INVALID_NAME;
            case TOKEN_MISSING -> TOKEN_MISSING;
            case TOKEN_MALFORMED, PARTNER_TYPE_UNKNOWN, TOKEN_SIGNATURE_INVALID, TOKEN_REVOKED, TOKEN_EXPIRED,
                    TOKEN_LIFETIME_EXCEEDS_POLICY -> JsonResponses.toBytes(ErrorBodies.fieldErrors(
                            FieldError.tokenRefused(denied.denial().refusal(), denied.expiredAt(), TOKEN_LOC,
                                    denied.input())));
        };
    }
}
