package com.leadflow.security;

import java.io.Serializable;
import java.util.Locale;

/** The logged-in user as the rest of the application sees it: who, which role, which team. */
public record CurrentUser(long id, String username, String displayName, Role role, Long teamId, String locale)
        implements Serializable {

    public Locale preferredLocale() {
        return locale == null ? null : Locale.forLanguageTag(locale);
    }
}
