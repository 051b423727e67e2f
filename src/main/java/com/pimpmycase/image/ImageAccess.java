package com.pimpmycase.image;

import com.pimpmycase.token.Token;
import java.time.Instant;

/** What {@link ImageAccessCheck} decided for one request to {@code /image/*} or {@code /preview/*}. */
public sealed interface ImageAccess {

    /** The request may see {@code filename} until {@code token} expires. */
    record Granted(String filename, Token token) implements ImageAccess {}

    /**
     * The request is refused; how to answer is the renderer's business (JSON for the image
     * endpoint, a page for the preview).
     *
     * @param filename the requested name, {@code null} when there was none
     * @param input the token parameter as sent (a string, or the list of several), for the 422 body
     * @param expiredAt when a genuine token expired ({@link ImageDenial#TOKEN_EXPIRED} only)
     * @param tokenForLog what a log line may say of the token (redacted), {@code null} when nothing
     * @param partnerType the partner type a well-formed token names (configured or not), {@code null}
     *     without one; for metrics, which count an unconfigured type as {@code unknown}
     */
    record Denied(ImageDenial denial, String filename, Object input, Instant expiredAt, String tokenForLog,
            String partnerType) implements ImageAccess {

        static Denied because(ImageDenial denial, String filename) {
            return new Denied(denial, filename, null, null, null, null);
        }

        public int status() {
            return denial.status();
        }

        /** A 422: the token is missing or refused (SPEC §11's {@code pimpmycase_token_refusals_total}). */
        public boolean isTokenRefusal() {
            return denial.status() == 422;
        }
    }
}
