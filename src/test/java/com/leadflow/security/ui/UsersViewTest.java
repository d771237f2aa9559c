package com.leadflow.security.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.audit.AuditEntry;
import com.leadflow.audit.AuditLog;
import com.leadflow.security.Role;
import com.leadflow.security.TeamSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.security.UserForm;
import com.leadflow.security.UserSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersViewTest extends AbstractViewTest {

    @Autowired
    UserAccountService accounts;
    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    @SuppressWarnings("unchecked")
    void adminCreatesARepInATeam() {
        login("admin");
        UI.getCurrent().navigate("admin/users");
        String username = "rep" + UUID.randomUUID().toString().substring(0, 6);

        _click(_get(Button.class, spec -> spec.withId("new-user")));
        _setValue(_get(TextField.class, spec -> spec.withId("user-username")), username);
        _setValue(_get(TextField.class, spec -> spec.withId("user-displayName")), "Rita Repova");
        _setValue(_get(Select.class, spec -> spec.withId("user-role")), Role.SALES);
        ComboBox<TeamSummary> team = _get(ComboBox.class, spec -> spec.withId("user-team"));
        TeamSummary south = accounts.listTeams().stream().filter(t -> t.name().equals("South")).findFirst().orElseThrow();
        _setValue(team, south);
        _setValue(_get(PasswordField.class, spec -> spec.withId("user-password")), "long-enough-1");
        _click(_get(Button.class, spec -> spec.withId("user-save")));

        Grid<UserSummary> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        UserSummary created = _findAll(grid).stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow();
        assertThat(created.role()).isEqualTo(Role.SALES);
        assertThat(created.teamName()).isEqualTo("South");
        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class, created.id());
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches("long-enough-1", hash)).isTrue();
        List<AuditEntry> audit = auditLog.entriesFor("USER", created.id());
        assertThat(audit).extracting(AuditEntry::getAction).containsExactly("CREATE");
    }

    @Test
    void tooShortPasswordIsRefusedAndNothingIsCreated() {
        login("admin");
        UserForm form = new UserForm();
        form.setUsername("shorty" + UUID.randomUUID().toString().substring(0, 4));
        form.setDisplayName("Short Pass");
        form.setRole(Role.SALES);
        assertThatThrownBy(() -> accounts.create(form, "short"))
                .hasMessage("user.passwordTooShort");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class,
                form.getUsername())).isZero();
    }

    @Test
    void adminDisablesAUserAndResetsAPasswordWithOldToNewAudit() {
        login("admin");
        UserForm form = new UserForm();
        form.setUsername("temp" + UUID.randomUUID().toString().substring(0, 6));
        form.setDisplayName("Temp Person");
        form.setRole(Role.MARKETING);
        UserSummary user = accounts.create(form, "first-password");

        UserForm edit = accounts.edit(user.id());
        edit.setEnabled(false);
        edit.setRole(Role.EXECUTIVE);
        accounts.update(edit);
        accounts.resetPassword(user.id(), "second-password");

        List<AuditEntry> audit = auditLog.entriesFor("USER", user.id());
        assertThat(audit).extracting(AuditEntry::getAction).containsExactly("CREATE", "UPDATE", "PASSWORD_RESET");
        assertThat(audit.get(1).getChanges()).contains("\"field\":\"role\"", "\"oldValue\":\"MARKETING\"",
                "\"newValue\":\"EXECUTIVE\"", "\"field\":\"enabled\"", "\"oldValue\":\"true\"", "\"newValue\":\"false\"");
        assertThat(audit.get(2).getChanges()).isNull(); // never the password itself
        assertThat(userDetailsService.loadUserByUsername(form.getUsername()).isEnabled()).isFalse();
    }

    @Test
    void nonAdminsAreRefusedByTheService() {
        login("maria");
        UserForm form = new UserForm();
        form.setUsername("sneaky");
        form.setDisplayName("Sneaky");
        assertThatThrownBy(() -> accounts.create(form, "password-123")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> accounts.resetPassword(1L, "password-123"))
                .isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void adminCannotLockThemselvesOut() {
        var admin = login("admin");
        UserForm me = accounts.edit(admin.user().id());
        me.setEnabled(false);
        assertThatThrownBy(() -> accounts.update(me)).hasMessage("user.cannotDemoteSelf");
    }
}
