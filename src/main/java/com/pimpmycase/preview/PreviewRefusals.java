package com.pimpmycase.preview;

import com.pimpmycase.image.ImageAccess;
import com.pimpmycase.image.ImageDenial;
import com.pimpmycase.image.RefusalAnswer;
import com.pimpmycase.image.RefusalLog;
import com.pimpmycase.metrics.ServiceMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A refused preview answered as a page for the customer (SPEC §5): the image endpoint's status,
 * what happened and what to do, in plain words; logged once like an image refusal.
 */
public final class PreviewRefusals extends RefusalAnswer {

    private static final String ASK_THE_SHOP = "Ask the shop for a new preview link.";

    public PreviewRefusals(RefusalLog log, ServiceMetrics metrics) {
        super(log, metrics);
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, ImageAccess.Denied denied)
            throws IOException {
        String nonce = PreviewResponses.nonce();
        PreviewResponses.send(request, response, denied.status(), page(denied.denial(), nonce), nonce);
    }

    /** What a customer reads for each refusal: what happened, then what to do. */
    static String page(ImageDenial denial, String nonce) {
        return switch (denial) {
            case METHOD_NOT_ALLOWED -> PreviewPage.problem("This page can only be viewed",
                    "Open the preview link in your browser.", nonce);
            case INVALID_NAME -> PreviewPage.problem("This link does not point to a design",
                    "Check that you copied the whole link, or ask the shop for a new preview link.", nonce);
            case TOKEN_MISSING -> PreviewPage.problem("This preview link is incomplete",
                    "The link is missing its access code. Copy the whole link again, or ask the shop for a new "
                            + "preview link.", nonce);
            case TOKEN_REVOKED -> PreviewPage.problem("This preview link has been withdrawn",
                    "The shop has switched this link off, so the design cannot be shown with it. "
                            + "If you still need to see your design, ask the shop for a new preview link.", nonce);
            case TOKEN_EXPIRED -> PreviewPage.problem("This preview link has expired",
                    "Preview links only work for a limited time. " + ASK_THE_SHOP, nonce);
            case TOKEN_MALFORMED, PARTNER_TYPE_UNKNOWN, TOKEN_SIGNATURE_INVALID, TOKEN_LIFETIME_EXCEEDS_POLICY ->
                    PreviewPage.problem("This preview link is not valid", "The link may have been cut short or "
                            + "changed. Copy the whole link again, or ask the shop for a new preview link.", nonce);
        };
    }

    /**
     * An error the container raised for a preview path (Tomcat refuses {@code TRACE} itself) as
     * the customer's page with that status.
     */
    public void containerError(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        String nonce = PreviewResponses.nonce();
        String page = switch (status) {
            case 405 -> page(ImageDenial.METHOD_NOT_ALLOWED, nonce);
            case 400 -> page(ImageDenial.INVALID_NAME, nonce);
            case 404 -> notFound(nonce);
            default -> PreviewPage.problem("This page cannot be shown right now", "Try again in a moment. "
                    + "If it keeps happening, " + ASK_THE_SHOP.toLowerCase(java.util.Locale.ROOT), nonce);
        };
        PreviewResponses.send(request, response, status, page, nonce);
    }

    /** The design is gone (a valid link to a removed image). */
    static String notFound(String nonce) {
        return PreviewPage.problem("This design is no longer available", ASK_THE_SHOP, nonce);
    }
}
