package com.pimpmycase.auth;

import java.security.Principal;

/** A named API client with one role; its key is kept only as a SHA-256 digest. */
public record ApiClient(String name, ApiRole role, byte[] keyDigest) implements Principal {

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name + " (" + role.roleName() + ")"; // never the digest
    }
}
