package com.pimpmycase.image;

import com.pimpmycase.token.Token;

/** What {@link ImageAccessCheck} decided for one request to {@code /image/*} or {@code /preview/*}. */
public sealed interface ImageAccess {

    /** The request may see {@code filename} until {@code token} expires. */
    record Granted(String filename, Token token) implements ImageAccess {}

    /**
     * The request is refused.
     *
     * @param reason a short machine word for logs and pages: {@code method_not_allowed},
     *     {@code invalid_name}, {@code missing}, or a token refusal type such as {@code token_expired}
     * @param body the JSON body of SPEC §3 for this case
     * @param filename the requested name, {@code null} when there was none
     * @param token what the log may say of the token (redacted), {@code null} when nothing
     */
    record Denied(int status, String reason, Object body, String filename, String token)
            implements ImageAccess {}
}
