package com.leadflow.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads users from the database for login; a throttled username comes back locked. */
@Service
class LeadflowUserDetailsService implements UserDetailsService {

    private final AppUserRepository users;
    private final LoginThrottle throttle;

    LeadflowUserDetailsService(AppUserRepository users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        AppUser user = users.findByUsername(username.trim())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return new LeadflowUserDetails(toCurrentUser(user), user.getPasswordHash(), user.isEnabled(),
                throttle.isLocked(username));
    }

    static CurrentUser toCurrentUser(AppUser user) {
        return new CurrentUser(user.getId(), user.getUsername(), user.getDisplayName(), user.getRole(),
                user.getTeam() == null ? null : user.getTeam().getId(), user.getLocale());
    }
}
