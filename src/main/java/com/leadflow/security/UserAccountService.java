package com.leadflow.security;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Users and teams: ADMIN manages them; everybody may read the list of people and save their language. */
@Service
@PreAuthorize("isAuthenticated()")
public class UserAccountService {

    static final String AUDIT_TYPE = "USER";
    static final int MIN_PASSWORD_LENGTH = 8;

    private final AppUserRepository users;
    private final TeamRepository teams;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;
    private final CurrentUserProvider currentUser;

    UserAccountService(AppUserRepository users, TeamRepository teams, PasswordEncoder passwordEncoder,
                       AuditLog auditLog, CurrentUserProvider currentUser) {
        this.users = users;
        this.teams = teams;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    public List<UserSummary> listUsers() {
        return users.findAllByOrderByDisplayNameAsc().stream().map(UserAccountService::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public List<TeamSummary> listTeams() {
        return teams.findAllByOrderByNameAsc().stream().map(t -> new TeamSummary(t.getId(), t.getName())).toList();
    }

    @Transactional
    public void saveMyLocale(String languageTag) {
        users.findById(currentUser.require().id()).ifPresent(u -> u.setLocale(languageTag));
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional(readOnly = true)
    public UserForm edit(long id) {
        AppUser user = users.findById(id).orElseThrow(() -> new ValidationFailedException("user.notFound"));
        UserForm form = new UserForm();
        form.setId(user.getId());
        form.setVersion(user.getVersion());
        form.setUsername(user.getUsername());
        form.setDisplayName(user.getDisplayName());
        form.setEmail(user.getEmail());
        form.setRole(user.getRole());
        form.setTeamId(user.getTeam() == null ? null : user.getTeam().getId());
        form.setEnabled(user.isEnabled());
        return form;
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public UserSummary create(UserForm form, String password) {
        checkPassword(password);
        String username = form.getUsername().trim();
        if (users.existsByUsername(username)) {
            throw new ValidationFailedException("user.usernameTaken", username);
        }
        AppUser user = new AppUser(username, form.getDisplayName().trim(), passwordEncoder.encode(password),
                form.getRole());
        apply(form, user);
        users.saveAndFlush(user);
        auditLog.record(AUDIT_TYPE, user.getId(), "CREATE", List.of(
                new FieldChange("username", null, user.getUsername()),
                new FieldChange("role", null, user.getRole().name()),
                new FieldChange("team", null, teamName(user.getTeam()))));
        return toSummary(user);
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public UserSummary update(UserForm form) {
        AppUser user = users.findById(form.getId()).orElseThrow(() -> new ValidationFailedException("user.notFound"));
        if (form.getVersion() != null && form.getVersion() != user.getVersion()) {
            throw new OptimisticLockingFailureException("user changed meanwhile");
        }
        if (user.getId().equals(currentUser.require().id()) && (!form.isEnabled() || form.getRole() != Role.ADMIN)) {
            throw new ValidationFailedException("user.cannotDemoteSelf");
        }
        List<FieldChange> changes = new ArrayList<>();
        diff(changes, "displayName", user.getDisplayName(), form.getDisplayName().trim());
        diff(changes, "email", user.getEmail(), blankToNull(form.getEmail()));
        diff(changes, "role", user.getRole().name(), form.getRole().name());
        String oldTeam = teamName(user.getTeam());
        diff(changes, "enabled", String.valueOf(user.isEnabled()), String.valueOf(form.isEnabled()));
        user.setDisplayName(form.getDisplayName().trim());
        apply(form, user);
        diff(changes, "team", oldTeam, teamName(user.getTeam()));
        users.flush();
        if (!changes.isEmpty()) {
            auditLog.record(AUDIT_TYPE, user.getId(), "UPDATE", changes);
        }
        return toSummary(user);
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public void resetPassword(long userId, String newPassword) {
        checkPassword(newPassword);
        AppUser user = users.findById(userId).orElseThrow(() -> new ValidationFailedException("user.notFound"));
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        auditLog.record(AUDIT_TYPE, user.getId(), "PASSWORD_RESET", List.of());
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public TeamSummary createTeam(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new ValidationFailedException("team.nameInvalid");
        }
        if (teams.findByName(trimmed).isPresent()) {
            throw new ValidationFailedException("team.nameTaken", trimmed);
        }
        Team team = teams.saveAndFlush(new Team(trimmed));
        auditLog.record("TEAM", team.getId(), "CREATE", List.of(new FieldChange("name", null, trimmed)));
        return new TeamSummary(team.getId(), team.getName());
    }

    private void apply(UserForm form, AppUser user) {
        user.setEmail(blankToNull(form.getEmail()));
        user.setRole(form.getRole());
        user.setEnabled(form.isEnabled());
        user.setTeam(form.getTeamId() == null ? null
                : teams.findById(form.getTeamId()).orElseThrow(() -> new ValidationFailedException("team.notFound")));
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationFailedException("user.passwordTooShort", MIN_PASSWORD_LENGTH);
        }
    }

    private static void diff(List<FieldChange> changes, String field, String oldValue, String newValue) {
        if (!Objects.equals(oldValue, newValue)) {
            changes.add(new FieldChange(field, oldValue, newValue));
        }
    }

    private static String teamName(Team team) {
        return team == null ? null : team.getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static UserSummary toSummary(AppUser u) {
        return new UserSummary(u.getId(), u.getUsername(), u.getDisplayName(), u.getEmail(), u.getRole(),
                u.getTeam() == null ? null : u.getTeam().getId(), teamName(u.getTeam()), u.isEnabled());
    }
}
