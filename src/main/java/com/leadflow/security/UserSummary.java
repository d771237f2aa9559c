package com.leadflow.security;

import java.io.Serializable;

/** A user as lists and pickers show it. */
public record UserSummary(long id, String username, String displayName, String email, Role role,
                          Long teamId, String teamName, boolean enabled) implements Serializable {

    public String initials() {
        String[] parts = displayName.trim().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length && sb.length() < 2; i++) {
            if (!parts[i].isEmpty()) {
                sb.append(Character.toUpperCase(parts[i].charAt(0)));
            }
        }
        return sb.toString();
    }
}
