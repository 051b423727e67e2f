package com.pimpmycase.revocation;

import com.pimpmycase.token.Verdict;

/**
 * A revocation request the rules of SPEC §10 refuse, whoever asked (the API or the console):
 * each entry point maps it to its own answer, with {@link #status()} as the HTTP status.
 */
public final class RevocationRefused extends Exception {

    /** Why, in the order the rules are checked. */
    public enum Why {
        /** The reason is longer than {@link RevocationService#MAX_REASON} characters: 422. */
        REASON_TOO_LONG(422),
        /** The token fails a §2 check other than revocation ({@link #tokenRefusal()} says which): 422. */
        TOKEN_REFUSED(422),
        /** This caller may not do this (a shop blocking, or revoking a non-{@code end_user} link): 403. */
        NOT_PERMITTED(403),
        /** No stored image of that name, for a block: 404. */
        IMAGE_NOT_FOUND(404),
        /** Unblocking an image that has no active block: 404. */
        NOT_BLOCKED(404);

        private final int status;

        Why(int status) {
            this.status = status;
        }
    }

    private final Why why;
    private final Verdict.Refused tokenRefusal;

    RevocationRefused(Why why, String message, Verdict.Refused tokenRefusal) {
        super(message, null, false, false); // a refusal, not a failure: no stack trace to fill
        this.why = why;
        this.tokenRefusal = tokenRefusal;
    }

    public Why why() {
        return why;
    }

    public int status() {
        return why.status;
    }

    /** The verifier's refusal for {@link Why#TOKEN_REFUSED}, else {@code null}. */
    public Verdict.Refused tokenRefusal() {
        return tokenRefusal;
    }
}
