package com.leadflow.ingest.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.ingest.ApiKeyService;
import com.leadflow.ingest.ApiKeySummary;
import com.leadflow.ingest.ApiScope;
import com.leadflow.ingest.CreatedApiKey;
import com.leadflow.security.Roles;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.EnumSet;
import java.util.stream.Collectors;

/** ADMIN creates and revokes the ingestion API's keys; a new key is shown once, then only its first characters. */
@Route(value = "api-keys", layout = MainLayout.class)
@Menu(title = "ingest.nav", order = 85, icon = "vaadin:key")
@RolesAllowed(Roles.ADMIN)
class ApiKeysView extends VerticalLayout implements HasDynamicTitle {

    private final ApiKeyService keys;
    private final Grid<ApiKeySummary> grid = new Grid<>();
    private final TextField name = new TextField();
    private final CheckboxGroup<ApiScope> scopes = new CheckboxGroup<>();
    private final IntegerField perMinute = new IntegerField();

    ApiKeysView(ApiKeyService keys) {
        this.keys = keys;
        addClassName("api-keys-view");
        setSizeFull();

        name.setLabel(getTranslation("ingest.key.name"));
        name.setPlaceholder(getTranslation("ingest.key.name.placeholder"));
        name.setMaxLength(120);
        name.setId("api-key-name");
        scopes.setLabel(getTranslation("ingest.key.scopes"));
        scopes.setItems(ApiScope.values());
        scopes.setItemLabelGenerator(s -> getTranslation("ingest.scope." + s.name()));
        scopes.setValue(EnumSet.of(ApiScope.EVENTS));
        scopes.setId("api-key-scopes");
        perMinute.setLabel(getTranslation("ingest.key.perMinute"));
        perMinute.setMin(1);
        perMinute.setMax(100_000);
        perMinute.setValue(ApiKeyService.DEFAULT_REQUESTS_PER_MINUTE);
        perMinute.setId("api-key-rate");
        Button create = new Button(getTranslation("ingest.key.create"), e -> create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("api-key-create");
        create.addClickShortcut(Key.ENTER);
        HorizontalLayout form = new HorizontalLayout(name, scopes, perMinute, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        grid.addColumn(ApiKeySummary::name).setHeader(getTranslation("ingest.key.name")).setFlexGrow(2);
        grid.addColumn(k -> k.prefix() + "…").setHeader(getTranslation("ingest.key.prefix"));
        grid.addColumn(k -> k.scopes().stream().map(s -> getTranslation("ingest.scope." + s.name()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("ingest.key.scopes")).setFlexGrow(2);
        grid.addColumn(ApiKeySummary::requestsPerMinute).setHeader(getTranslation("ingest.key.perMinute"));
        grid.addColumn(k -> Formats.dateTime(k.createdAt()) + (k.createdBy() == null ? "" : " · " + k.createdBy()))
                .setHeader(getTranslation("ingest.key.created")).setFlexGrow(2);
        grid.addColumn(k -> k.lastUsedAt() == null ? getTranslation("ingest.key.neverUsed") : Formats.dateTime(k.lastUsedAt()))
                .setHeader(getTranslation("ingest.key.lastUsed"));
        grid.addColumn(k -> k.active() ? getTranslation("ingest.key.active")
                        : getTranslation("ingest.key.revokedAt", Formats.dateTime(k.revokedAt())))
                .setHeader(getTranslation("ingest.key.status"));
        grid.addComponentColumn(k -> {
            Button revoke = new Button(getTranslation("ingest.key.revoke"), e -> confirmRevoke(k));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            revoke.setVisible(k.active());
            revoke.addClassName("api-key-revoke");
            return revoke;
        }).setKey("revoke");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setId("api-keys-grid");
        grid.setSizeFull();

        Paragraph help = new Paragraph(getTranslation("ingest.help"));
        help.addClassName("api-keys-help");
        add(help, form, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(keys.list()); // a handful of keys: no paging needed
    }

    private void create() {
        try {
            CreatedApiKey created = keys.create(name.getValue(), scopes.getValue(),
                    perMinute.getValue() == null ? 0 : perMinute.getValue());
            name.clear();
            refresh();
            showOnce(created);
        } catch (ValidationFailedException invalid) {
            Notifications.error(getTranslation(invalid.messageKey(), invalid.params()));
        }
    }

    /** The only time the key is visible: it is stored hashed. */
    private void showOnce(CreatedApiKey created) {
        Dialog dialog = new Dialog();
        dialog.setId("api-key-created");
        dialog.setHeaderTitle(getTranslation("ingest.key.createdTitle", created.key().name()));
        TextField secret = new TextField();
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidth("36em");
        secret.setId("api-key-secret");
        secret.setAriaLabel(getTranslation("ingest.key.secret"));
        dialog.add(new Paragraph(getTranslation("ingest.key.shownOnce")), secret);
        Button done = new Button(getTranslation("ingest.key.done"), e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
        secret.focus();
    }

    private void confirmRevoke(ApiKeySummary key) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("ingest.key.revokeTitle", key.name()));
        confirm.setText(getTranslation("ingest.key.revokeText"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("ingest.key.revoke"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            keys.revoke(key.id());
            refresh();
            Notifications.success(getTranslation("ingest.key.revoked", key.name()));
        });
        confirm.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ingest.title") + " · " + getTranslation("app.name");
    }
}
