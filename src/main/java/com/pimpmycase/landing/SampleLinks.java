package com.pimpmycase.landing;

import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.web.PublicUrls;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The development server's sample design ({@code src/dev/images}) behind a working, an expired and
 * a tampered token, so a newcomer sees every outcome at once (landing page and start-up log).
 */
public final class SampleLinks {

    private static final Logger LOG = Logger.getLogger(SampleLinks.class.getName());

    /** The sample design the development server ships in its image directory. */
    public static final String SAMPLE_IMAGE = "sample-design.png";

    private final TokenMinter minter;
    private final TokenMinter pastMinter;

    /** @param pastMinter mints on a clock two hours behind: a genuine token that has expired */
    private SampleLinks(TokenMinter minter, TokenMinter pastMinter) {
        this.minter = minter;
        this.pastMinter = pastMinter;
    }

    /** @param minterOn a minter with the service's keys and policies, on a given clock */
    public static SampleLinks of(Function<Clock, TokenMinter> minterOn, Clock clock) {
        return new SampleLinks(minterOn.apply(clock), minterOn.apply(Clock.offset(clock, Duration.ofHours(-2))));
    }

    /** An end_user token valid for the default hour. */
    public Token valid() {
        return minter.mint(SAMPLE_IMAGE, PartnerPolicies.END_USER);
    }

    /** A genuine end_user token that expired an hour ago. */
    Token expired() {
        return pastMinter.mint(SAMPLE_IMAGE, PartnerPolicies.END_USER);
    }

    /** A valid token with the last hex digit of its signature changed. */
    Token tampered() {
        Token valid = valid();
        String signature = valid.signature();
        char last = signature.charAt(signature.length() - 1);
        return new Token(valid.expiresAt(), valid.partnerType(),
                signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0'));
    }

    /** The development server prints working links to its sample design, valid for an hour. */
    public void announce(PublicUrls urls) {
        Token token = valid();
        LOG.info(() -> "Development server ready. Open " + urls.base() + "/ for every sample link, or:"
                + "\n  customer preview: " + urls.preview(SAMPLE_IMAGE, token)
                + "\n  image:            " + urls.image(SAMPLE_IMAGE, token));
    }
}
