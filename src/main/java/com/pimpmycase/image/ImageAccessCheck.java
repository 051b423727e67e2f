package com.pimpmycase.image;

import com.pimpmycase.token.Refusal;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.token.Verdict;
import com.pimpmycase.web.ErrorBodies;
import com.pimpmycase.web.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * The checks in front of every image (SPEC §3), in the contract's order: method, filename, token.
 * The token is checked before any file is looked up, so a refusal tells nothing about which images
 * exist. Plain logic: the filter and the preview page render its decision as JSON or HTML.
 */
public final class ImageAccessCheck {

    public static final String ALLOW = "GET, HEAD";

    static final Object METHOD_NOT_ALLOWED = ErrorBodies.detail("Method Not Allowed");
    static final Object INVALID_NAME = ErrorBodies.detail("Invalid image name");
    static final Object MISSING_TOKEN = ErrorBodies.fieldErrors(FieldError.missing("query", "token"));
    private static final List<String> TOKEN_LOC = List.of("query", "token");

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
            return new ImageAccess.Denied(405, "method_not_allowed", METHOD_NOT_ALLOWED, null, null);
        }
        String filename = pathInfo == null || pathInfo.isEmpty() ? "" : pathInfo.substring(1);
        if (!ImageName.isValid(filename)) {
            return new ImageAccess.Denied(400, "invalid_name", INVALID_NAME, filename, null);
        }
        if (tokens == null || tokens.length == 0) {
            return new ImageAccess.Denied(422, "missing", MISSING_TOKEN, filename, null);
        }
        if (tokens.length > 1) {
            // Never guess which of several tokens counts.
            return refused(Refusal.MALFORMED, null, List.of(tokens), filename, tokens.length + " tokens");
        }
        Verdict verdict = verifier.verify(filename, tokens[0]);
        if (verdict instanceof Verdict.Accepted accepted) {
            return new ImageAccess.Granted(filename, accepted.token());
        }
        Verdict.Refused refused = (Verdict.Refused) verdict;
        String forLog = refused.token() != null
                ? refused.token().redacted()
                : "malformed (" + tokens[0].length() + " chars)";
        return refused(refused.reason(), refused.expiredAt(), tokens[0], filename, forLog);
    }

    private static ImageAccess.Denied refused(Refusal reason, Instant expiredAt, Object input, String filename,
            String forLog) {
        FieldError error = FieldError.tokenRefused(reason, expiredAt, TOKEN_LOC, input);
        return new ImageAccess.Denied(422, reason.type(), ErrorBodies.fieldErrors(error), filename, forLog);
    }
}
