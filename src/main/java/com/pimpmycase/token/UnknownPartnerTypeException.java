package com.pimpmycase.token;

/** Minting was asked for a partner type that is not configured (never silently downgraded). */
public final class UnknownPartnerTypeException extends IllegalArgumentException {

    private final String partnerType;

    public UnknownPartnerTypeException(String partnerType) {
        super("Unknown partner type: " + partnerType);
        this.partnerType = partnerType;
    }

    public String partnerType() {
        return partnerType;
    }
}
