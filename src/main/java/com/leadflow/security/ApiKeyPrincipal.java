package com.leadflow.security;

import java.io.Serializable;
import java.util.Set;

/**
 * An external system calling the ingestion API with one API key: who it is (the key's name) and what it may do.
 * Services see it as the authenticated principal; timeline entries it writes are authored by the key.
 */
public record ApiKeyPrincipal(long keyId, String name, Set<String> scopes) implements Serializable {

    /** The authority a scope grants, for {@code hasAuthority(...)}. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
