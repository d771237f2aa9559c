package com.leadflow.security.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.security.Role;
import com.leadflow.security.Roles;
import com.leadflow.security.TeamSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.security.UserForm;
import com.leadflow.security.UserSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** ADMIN's user management: create, edit role and team, disable, reset password; create teams. */
@Route(value = "admin/users", layout = MainLayout.class)
@Menu(title = "nav.users", order = 90, icon = "vaadin:user-card")
@RolesAllowed(Roles.ADMIN)
class UsersView extends VerticalLayout implements HasDynamicTitle {

    private final UserAccountService accounts;
    private final Grid<UserSummary> grid = new Grid<>(UserSummary.class, false);

    UsersView(UserAccountService accounts) {
        this.accounts = accounts;
        setSizeFull();
        addClassName("users-view");

        Button create = new Button(getTranslation("users.new"), VaadinIcon.PLUS.create(), e -> openEditor(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-user");
        Button newTeam = new Button(getTranslation("users.newTeam"), VaadinIcon.GROUP.create(), e -> openTeamDialog());
        newTeam.setId("new-team");

        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserSummary::displayName).setHeader(getTranslation("users.name")).setSortable(true);
        grid.addColumn(UserSummary::username).setHeader(getTranslation("users.username")).setSortable(true);
        grid.addColumn(u -> getTranslation("role." + u.role().name())).setHeader(getTranslation("users.role"))
                .setSortable(true);
        grid.addColumn(u -> u.teamName() == null ? "" : u.teamName()).setHeader(getTranslation("users.team"))
                .setSortable(true);
        grid.addColumn(u -> getTranslation(u.enabled() ? "users.active" : "users.disabled"))
                .setHeader(getTranslation("users.status"));
        grid.addItemClickListener(e -> openEditor(e.getItem()));
        grid.setSizeFull();

        add(new HorizontalLayout(create, newTeam), grid);
        refresh();
    }

    private void refresh() {
        // the team's people: a bounded list (tens to hundreds of rows), not a contact-sized table
        grid.setItems(accounts.listUsers());
    }

    private void openEditor(UserSummary existing) {
        boolean isNew = existing == null;
        UserForm form = isNew ? new UserForm() : accounts.edit(existing.id());
        List<TeamSummary> teams = accounts.listTeams();
        Map<Long, TeamSummary> teamsById = teams.stream().collect(Collectors.toMap(TeamSummary::id, Function.identity()));

        Dialog dialog = new Dialog();
        dialog.setId("user-editor");
        dialog.setHeaderTitle(getTranslation(isNew ? "users.new" : "users.edit"));
        TextField username = new TextField(getTranslation("users.username"));
        username.setId("user-username");
        username.setReadOnly(!isNew);
        TextField displayName = new TextField(getTranslation("users.name"));
        displayName.setId("user-displayName");
        EmailField email = new EmailField(getTranslation("users.email"));
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("users.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setId("user-role");
        ComboBox<TeamSummary> team = new ComboBox<>(getTranslation("users.team"), teams);
        team.setItemLabelGenerator(TeamSummary::name);
        team.setClearButtonVisible(true);
        team.setId("user-team");
        Checkbox enabled = new Checkbox(getTranslation("users.enabled"));
        enabled.setId("user-enabled");
        PasswordField password = new PasswordField(getTranslation("users.password"));
        password.setId("user-password");
        password.setHelperText(getTranslation("users.password.help"));
        password.setVisible(isNew);

        BeanValidationBinder<UserForm> binder = new BeanValidationBinder<>(UserForm.class);
        binder.forField(username).bind("username");
        binder.forField(displayName).bind("displayName");
        binder.forField(email).withNullRepresentation("").bind("email");
        binder.forField(role).bind("role");
        binder.forField(team).bind(f -> f.getTeamId() == null ? null : teamsById.get(f.getTeamId()),
                (f, t) -> f.setTeamId(t == null ? null : t.id()));
        binder.forField(enabled).bind("enabled");
        binder.readBean(form);

        FormLayout layout = new FormLayout(username, displayName, email, role, team, password, enabled);
        dialog.add(layout);

        Button save = new Button(getTranslation("action.save"), e -> {
            if (!binder.writeBeanIfValid(form)) {
                return;
            }
            try {
                if (isNew) {
                    accounts.create(form, password.getValue());
                } else {
                    accounts.update(form);
                }
                Notifications.success(getTranslation("users.saved", form.getDisplayName()));
                dialog.close();
                refresh();
            } catch (ValidationFailedException ex) {
                Notifications.error(getTranslation(ex.messageKey(), ex.params()));
            } catch (OptimisticLockingFailureException ex) {
                Notifications.error(getTranslation("users.changedMeanwhile"));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("user-save");
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        if (!isNew) {
            Button reset = new Button(getTranslation("users.resetPassword"), e -> openResetPassword(existing));
            reset.setId("user-reset-password");
            dialog.getFooter().addComponentAsFirst(reset);
        }
        dialog.open();
    }

    private void openResetPassword(UserSummary user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.resetPassword.title", user.displayName()));
        PasswordField password = new PasswordField(getTranslation("users.password"));
        password.setHelperText(getTranslation("users.password.help"));
        password.setId("reset-password");
        dialog.add(password);
        Button save = new Button(getTranslation("users.resetPassword"), e -> {
            try {
                accounts.resetPassword(user.id(), password.getValue());
                Notifications.success(getTranslation("users.passwordReset", user.displayName()));
                dialog.close();
            } catch (ValidationFailedException ex) {
                password.setInvalid(true);
                password.setErrorMessage(getTranslation(ex.messageKey(), ex.params()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("reset-password-save");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void openTeamDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.newTeam"));
        TextField name = new TextField(getTranslation("users.teamName"));
        name.setId("team-name");
        dialog.add(name);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                accounts.createTeam(name.getValue());
                Notifications.success(getTranslation("users.teamCreated", name.getValue().trim()));
                dialog.close();
            } catch (ValidationFailedException ex) {
                name.setInvalid(true);
                name.setErrorMessage(getTranslation(ex.messageKey(), ex.params()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("team-save");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.users") + " · " + getTranslation("app.name");
    }
}
