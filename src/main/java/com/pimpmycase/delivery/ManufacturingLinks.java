package com.pimpmycase.delivery;

import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.PublicUrls;

/** The image link a delivery hands over: minted for the manufacturing partner at each attempt (SPEC §9). */
public record ManufacturingLinks(TokenMinter minter, PublicUrls urls) {

    /** A link and its {@code exp} (Unix seconds), recorded as the delivery's {@code pic_expires_at}. */
    public record Link(String url, long expiresAt) {
    }

    public Link mint(String pic) {
        Token token = minter.mint(pic, PartnerPolicies.CHINESE_MANUFACTURING);
        return new Link(urls.image(pic, token), token.expiresAt());
    }
}
