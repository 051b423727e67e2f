package com.pimpmycase.token;

import java.time.Instant;

/** The outcome of verifying a token for one filename. */
public sealed interface Verdict {

    /** The token is genuine, unexpired and within its partner's policy. */
    record Accepted(Token token) implements Verdict {}

    /**
     * The token is refused.
     *
     * @param expiredAt set for {@link Refusal#EXPIRED} only (a genuine token whose time is up)
     */
    record Refused(Refusal reason, Token token, Instant expiredAt) implements Verdict {
        static Refused because(Refusal reason, Token token) {
            return new Refused(reason, token, null);
        }
    }
}
