package com.leadflow.security;

/** The four roles, as used in {@code @RolesAllowed} and {@code hasRole(...)}: one place for their names. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MARKETING = "MARKETING";
    public static final String SALES = "SALES";
    public static final String EXECUTIVE = "EXECUTIVE";

    /** Spring Security expressions for method security. */
    public static final String HAS_ADMIN = "hasRole('ADMIN')";
    public static final String CAN_EDIT_CONTACTS = "hasAnyRole('ADMIN','MARKETING','SALES')";

    private Roles() {
    }
}
