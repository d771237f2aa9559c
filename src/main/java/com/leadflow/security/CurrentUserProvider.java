package com.leadflow.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Tells services who is calling: the authenticated {@link CurrentUser}, or nobody. */
@Component
public class CurrentUserProvider {

    public Optional<CurrentUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof LeadflowUserDetails details) {
            return Optional.of(details.user());
        }
        return Optional.empty();
    }

    public CurrentUser require() {
        return find().orElseThrow(() -> new AccessDeniedException("Not logged in"));
    }
}
