package com.leadflow.security;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The editable copy of a user in the admin view; a new password is only set on create or reset. */
public class UserForm {

    private Long id;
    private Long version;

    @NotBlank(message = "{validation.username.required}")
    @Size(min = 3, max = 60, message = "{validation.username.size}")
    @Pattern(regexp = "[A-Za-z0-9._-]*", message = "{validation.username.pattern}")
    private String username = "";

    @NotBlank(message = "{validation.displayName.required}")
    @Size(max = 120, message = "{validation.tooLong}")
    private String displayName = "";

    @Email(message = "{validation.email.invalid}")
    @Size(max = 254, message = "{validation.tooLong}")
    private String email;

    @NotNull(message = "{validation.role.required}")
    private Role role = Role.SALES;

    private Long teamId;
    private boolean enabled = true;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
    public Long getTeamId() { return teamId; }
    public void setTeamId(Long teamId) { this.teamId = teamId; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
