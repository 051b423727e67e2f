package com.pimpmycase.auth;

import java.util.Locale;

/** What an API client may do (SPEC §4). The names are the ones written in {@code pimpmycase/apiClients}. */
public enum ApiRole {
    SHOP, MANUFACTURER, ADMIN;

    public static final String SHOP_NAME = "shop";
    public static final String MANUFACTURER_NAME = "manufacturer";
    public static final String ADMIN_NAME = "admin";

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the role called {@code name}, or {@code null} */
    public static ApiRole named(String name) {
        for (ApiRole role : values()) {
            if (role.roleName().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
