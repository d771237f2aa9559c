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
    /** Importing contacts from a file: marketing and ADMIN. */
    public static final String CAN_IMPORT = "hasAnyRole('ADMIN','MARKETING')";
    /** API keys (ingestion API): what a key's scopes allow. */
    public static final String API_EVENTS = "hasAuthority('SCOPE_EVENTS')";
    public static final String API_FORMS = "hasAuthority('SCOPE_FORMS')";
    public static final String API_EVENTS_OR_FORMS = "hasAnyAuthority('SCOPE_EVENTS','SCOPE_FORMS')";

    private Roles() {
    }
}
