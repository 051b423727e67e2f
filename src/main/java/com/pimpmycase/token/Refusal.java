package com.pimpmycase.token;

/** Why a token was refused: the {@code type} of the 422 body (SPEC §3), in verification order. */
public enum Refusal {
    MALFORMED("token_malformed",
            "Token is malformed; expected <expiry>:<partner_type>:<signature>"),
    PARTNER_TYPE_UNKNOWN("partner_type_unknown",
            "Token partner type is not one this service knows"),
    SIGNATURE_INVALID("token_signature_invalid",
            "Token signature is not valid for this image"),
    /** A revoked link, or any link to a blocked image (SPEC §10). */
    REVOKED("token_revoked",
            "Token has been revoked"),
    EXPIRED("token_expired",
            "Token has expired; request a new link"),
    LIFETIME_EXCEEDS_POLICY("token_lifetime_exceeds_policy",
            "Token lifetime is longer than the partner policy allows");

    private final String type;
    private final String message;

    Refusal(String type, String message) {
        this.type = type;
        this.message = message;
    }

    /** The machine-readable type, e.g. {@code token_expired}. */
    public String type() {
        return type;
    }

    /** The same in plain words. */
    public String message() {
        return message;
    }
}
