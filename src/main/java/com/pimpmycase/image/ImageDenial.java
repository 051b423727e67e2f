package com.pimpmycase.image;

import com.pimpmycase.token.Refusal;

/**
 * Why a request for an image or a preview is refused (SPEC §3), in the order the checks run, with
 * the status each answers. Rendered as JSON by {@link ImageRefusals} and as a customer's page by
 * the preview; both switch over every value, so a new outcome does not compile until both say it.
 */
public enum ImageDenial {
    METHOD_NOT_ALLOWED(405, "method_not_allowed", null),
    INVALID_NAME(400, "invalid_name", null),
    TOKEN_MISSING(422, "missing", null),
    TOKEN_MALFORMED(422, Refusal.MALFORMED),
    PARTNER_TYPE_UNKNOWN(422, Refusal.PARTNER_TYPE_UNKNOWN),
    TOKEN_SIGNATURE_INVALID(422, Refusal.SIGNATURE_INVALID),
    TOKEN_REVOKED(422, Refusal.REVOKED),
    TOKEN_EXPIRED(422, Refusal.EXPIRED),
    TOKEN_LIFETIME_EXCEEDS_POLICY(422, Refusal.LIFETIME_EXCEEDS_POLICY);

    private final int status;
    private final String type;
    private final Refusal refusal;

    ImageDenial(int status, Refusal refusal) {
        this(status, refusal.type(), refusal);
    }

    ImageDenial(int status, String type, Refusal refusal) {
        this.status = status;
        this.type = type;
        this.refusal = refusal;
    }

    public int status() {
        return status;
    }

    /** The word in logs, and for a 422 the body's {@code type}: {@code missing}, {@code token_expired}, … */
    public String type() {
        return type;
    }

    /** The token's refusal behind a 422 other than {@code missing}; {@code null} otherwise. */
    public Refusal refusal() {
        return refusal;
    }

    /** The denial for a token the verifier refused. */
    public static ImageDenial of(Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> TOKEN_MALFORMED;
            case PARTNER_TYPE_UNKNOWN -> PARTNER_TYPE_UNKNOWN;
            case SIGNATURE_INVALID -> TOKEN_SIGNATURE_INVALID;
            case REVOKED -> TOKEN_REVOKED;
            case EXPIRED -> TOKEN_EXPIRED;
            case LIFETIME_EXCEEDS_POLICY -> TOKEN_LIFETIME_EXCEEDS_POLICY;
        };
    }
}
