package com.pimpmycase.revocation;

/** What a revocation covers (SPEC §10), with its wire name. */
public enum RevocationScope {
    /** One link: one token for one image. */
    LINK("link"),
    /** An image: every link to it, expired or not, until the block is lifted. */
    IMAGE("image");

    private final String wireName;

    RevocationScope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static RevocationScope of(String wireName) {
        return LINK.wireName.equals(wireName) ? LINK : IMAGE.wireName.equals(wireName) ? IMAGE : null;
    }
}
