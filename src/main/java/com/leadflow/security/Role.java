package com.leadflow.security;

/** A user's role; each user has exactly one. */
public enum Role {
    ADMIN, MARKETING, SALES, EXECUTIVE;

    public String authority() {
        return "ROLE_" + name();
    }
}
