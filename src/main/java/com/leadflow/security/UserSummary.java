package com.leadflow.security;

import java.io.Serializable;

/** A user as lists and pickers show it. */
public record UserSummary(long id, String username, String displayName, String email, Role role,
                          Long teamId, String teamName, boolean enabled) implements Serializable {
}
