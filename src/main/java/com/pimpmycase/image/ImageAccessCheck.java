package com.pimpmycase.image;

import com.pimpmycase.token.Refusal;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.token.Verdict;
import java.util.List;

/**
 * The checks in front of every image (SPEC §3), in the contract's order: method, filename, token.
 * The token is checked before any file is looked up, so a refusal tells nothing about which images
 * exist. Plain logic: the image filter and the preview page render its decision as JSON or HTML.
 */
public final class ImageAccessCheck {

    private final TokenVerifier verifier;

    public ImageAccessCheck(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @param pathInfo the decoded path after the servlet's prefix, e.g. {@code /design.png}
     * @param tokens every value of the {@code token} query parameter, {@code null} when absent
     */
    public ImageAccess check(String method, String pathInfo, String[] tokens) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return ImageAccess.Denied.because(ImageDenial.METHOD_NOT_ALLOWED, null);
        }
        String filename = pathInfo == null || pathInfo.isEmpty() ? "" : pathInfo.substring(1);
        if (!ImageName.isValid(filename)) {
            return ImageAccess.Denied.because(ImageDenial.INVALID_NAME, filename);
        }
        if (tokens == null || tokens.length == 0) {
            return ImageAccess.Denied.because(ImageDenial.TOKEN_MISSING, filename);
        }
        if (tokens.length > 1) {
            // Never guess which of several tokens counts.
            return new ImageAccess.Denied(ImageDenial.of(Refusal.MALFORMED), filename, List.of(tokens), null,
                    tokens.length + " tokens", null);
        }
        Verdict verdict = verifier.verify(filename, tokens[0]);
        if (verdict instanceof Verdict.Accepted accepted) {
            return new ImageAccess.Granted(filename, accepted.token());
        }
        Verdict.Refused refused = (Verdict.Refused) verdict;
        String forLog = refused.token() != null
                ? refused.token().redacted()
                : "malformed (" + tokens[0].length() + " chars)";
        return new ImageAccess.Denied(ImageDenial.of(refused.reason()), filename, tokens[0], refused.expiredAt(),
                forLog, refused.token() == null ? null : refused.token().partnerType());
    }
}
