package com.pimpmycase.link;

import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.token.PartnerPolicies;

/** Which API role may mint or refresh links of which partner type (SPEC §4). */
final class LinkPermissions {

    private LinkPermissions() {
    }

    /** A shop mints customer links, a manufacturer manufacturing links, an admin any type. */
    static boolean mayMint(ApiRole role, String partnerType) {
        return switch (role) {
            case ADMIN -> true;
            case SHOP -> PartnerPolicies.END_USER.equals(partnerType);
            case MANUFACTURER -> PartnerPolicies.CHINESE_MANUFACTURING.equals(partnerType);
        };
    }
}
