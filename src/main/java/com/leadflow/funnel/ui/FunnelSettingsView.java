package com.leadflow.funnel.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.funnel.LostReasonOption;
import com.leadflow.funnel.LostReasonService;
import com.leadflow.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * Funnel settings for MARKETING and ADMIN: the stages (names in both languages, order, colour, win probability,
 * days-in-stage warning, closing or not) and the lost-reason list (names, whether a note is needed, retired or not).
 */
@Route(value = "funnel-settings", layout = MainLayout.class)
@Menu(title = "board.settings.nav", order = 45, icon = "vaadin:funnel")
@RolesAllowed({Roles.ADMIN, Roles.MARKETING})
class FunnelSettingsView extends VerticalLayout implements HasDynamicTitle {

    private final FunnelStageService stages;
    private final LostReasonService reasons;
    private final Grid<FunnelStage> stageGrid = new Grid<>();
    private final Grid<LostReasonOption> reasonGrid = new Grid<>();

    FunnelSettingsView(FunnelStageService stages, LostReasonService reasons) {
        this.stages = stages;
        this.reasons = reasons;
        addClassName("funnel-settings-view");

        Button addStage = new Button(getTranslation("board.settings.addStage"), VaadinIcon.PLUS.create(),
                e -> editStage(null));
        addStage.setId("add-stage");
        stageGrid.setId("stage-grid");
        stageGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        stageGrid.setAllRowsVisible(true);
        stageGrid.addComponentColumn(this::stageName).setHeader(getTranslation("board.settings.name"))
                .setFlexGrow(2);
        stageGrid.addColumn(FunnelStage::nameEn).setHeader(getTranslation("board.settings.nameEn")).setFlexGrow(2);
        stageGrid.addColumn(FunnelStage::nameRu).setHeader(getTranslation("board.settings.nameRu")).setFlexGrow(2);
        stageGrid.addColumn(s -> s.winProbability() == null ? "" : s.winProbability() + " %")
                .setHeader(getTranslation("board.settings.probability"));
        stageGrid.addColumn(s -> s.warnAfterDays() == null ? "" : getTranslation("board.card.days", s.warnAfterDays()))
                .setHeader(getTranslation("board.settings.warnAfter"));
        stageGrid.addColumn(s -> s.terminal() ? getTranslation("board.settings.closing") : "")
                .setHeader(getTranslation("board.settings.terminal"));
        stageGrid.addComponentColumn(this::stageActions).setKey("actions").setAutoWidth(true).setFlexGrow(0);

        Button addReason = new Button(getTranslation("board.settings.addReason"), VaadinIcon.PLUS.create(),
                e -> editReason(null));
        addReason.setId("add-reason");
        reasonGrid.setId("reason-grid");
        reasonGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        reasonGrid.setAllRowsVisible(true);
        reasonGrid.addColumn(LostReasonOption::nameEn).setHeader(getTranslation("board.settings.nameEn"));
        reasonGrid.addColumn(LostReasonOption::nameRu).setHeader(getTranslation("board.settings.nameRu"));
        reasonGrid.addColumn(r -> r.noteRequired() ? getTranslation("board.settings.yes") : "")
                .setHeader(getTranslation("board.settings.noteRequired"));
        reasonGrid.addColumn(r -> getTranslation(r.active() ? "board.settings.active" : "board.settings.retired"))
                .setHeader(getTranslation("board.settings.state"));
        reasonGrid.addComponentColumn(r -> {
            Button edit = new Button(VaadinIcon.EDIT.create(), e -> editReason(r));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            edit.setAriaLabel(getTranslation("board.settings.edit", r.name(getLocale())));
            edit.setId("edit-reason-" + r.code());
            return edit;
        }).setKey("actions").setAutoWidth(true).setFlexGrow(0);

        add(new Paragraph(getTranslation("board.settings.intro")),
                new H3(getTranslation("board.settings.stages")), stageGrid, addStage,
                new H3(getTranslation("board.settings.reasons")), reasonGrid, addReason);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("board.settings.title");
    }

    private void refresh() {
        stageGrid.setItems(stages.stages());
        reasonGrid.setItems(reasons.all());
    }

    private Component stageName(FunnelStage stage) {
        Span swatch = new Span();
        swatch.addClassName("funnel-stage-swatch");
        if (stage.color() != null) {
            swatch.getStyle().set("background", stage.color());
        }
        HorizontalLayout name = new HorizontalLayout(swatch, new Span(stage.name(getLocale())));
        name.setSpacing(true);
        name.setAlignItems(Alignment.CENTER);
        return name;
    }

    private Component stageActions(FunnelStage stage) {
        Button up = icon(VaadinIcon.ARROW_UP, "board.settings.up", stage, e -> run(() -> stages.move(stage.code(), true)));
        up.setId("up-" + stage.code());
        Button down = icon(VaadinIcon.ARROW_DOWN, "board.settings.down", stage,
                e -> run(() -> stages.move(stage.code(), false)));
        down.setId("down-" + stage.code());
        Button edit = icon(VaadinIcon.EDIT, "board.settings.edit", stage, e -> editStage(stage));
        edit.setId("edit-stage-" + stage.code());
        Button delete = icon(VaadinIcon.TRASH, "board.settings.delete", stage, e -> confirmDelete(stage));
        delete.setId("delete-stage-" + stage.code());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setVisible(!stage.isSystemStage());
        return new HorizontalLayout(up, down, edit, delete);
    }

    private Button icon(VaadinIcon icon, String labelKey, FunnelStage stage,
                        com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> click) {
        Button b = new Button(icon.create(), click);
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        b.setAriaLabel(getTranslation(labelKey, stage.name(getLocale())));
        b.setTooltipText(getTranslation(labelKey, stage.name(getLocale())));
        return b;
    }

    private void confirmDelete(FunnelStage stage) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("board.settings.deleteTitle"),
                getTranslation("board.settings.deleteText", stage.name(getLocale())),
                getTranslation("action.delete"), e -> run(() -> stages.delete(stage.code())));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    /** Runs a change; a refusal shows its reason, and the grids show what is stored either way. */
    private boolean run(Runnable change) {
        try {
            change.run();
            return true;
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
            return false;
        } finally {
            refresh();
        }
    }

    private void editStage(FunnelStage stage) {
        boolean isNew = stage == null;
        Dialog dialog = new Dialog();
        dialog.setId("stage-dialog");
        dialog.setHeaderTitle(getTranslation(isNew ? "board.settings.addStage" : "board.settings.editStage"));
        TextField code = new TextField(getTranslation("board.settings.code"));
        code.setId("stage-code");
        code.setHelperText(getTranslation("board.settings.code.help"));
        code.setVisible(isNew);
        TextField nameEn = new TextField(getTranslation("board.settings.nameEn"));
        nameEn.setId("stage-name-en");
        TextField nameRu = new TextField(getTranslation("board.settings.nameRu"));
        nameRu.setId("stage-name-ru");
        IntegerField probability = new IntegerField(getTranslation("board.settings.probability"));
        probability.setId("stage-probability");
        probability.setMin(0);
        probability.setMax(100);
        probability.setSuffixComponent(new Span("%"));
        TextField color = new TextField(getTranslation("board.settings.color"));
        color.setId("stage-color");
        color.setPlaceholder("#3aa0c8");
        IntegerField warn = new IntegerField(getTranslation("board.settings.warnAfter"));
        warn.setId("stage-warn");
        warn.setMin(1);
        warn.setHelperText(getTranslation("board.settings.warnAfter.help"));
        Checkbox terminal = new Checkbox(getTranslation("board.settings.terminal.label"));
        terminal.setId("stage-terminal");
        if (!isNew) {
            nameEn.setValue(stage.nameEn());
            nameRu.setValue(stage.nameRu());
            probability.setValue(stage.winProbability());
            color.setValue(stage.color() == null ? "" : stage.color());
            warn.setValue(stage.warnAfterDays());
            terminal.setValue(stage.terminal());
            terminal.setEnabled(!stage.isSystemStage());
        } else {
            terminal.setVisible(false); // a new stage is an open one; it can be made closing once it exists
        }
        FormLayout form = new FormLayout(code, nameEn, nameRu, probability, color, warn, terminal);
        dialog.add(form);
        Button save = new Button(getTranslation("action.save"), e -> {
            FunnelStage edited = new FunnelStage(isNew ? code.getValue().trim().toUpperCase() : stage.code(),
                    isNew ? 0 : stage.position(), terminal.getValue(), probability.getValue(), color.getValue(),
                    nameEn.getValue(), nameRu.getValue(), warn.getValue());
            if (probability.isInvalid() || warn.isInvalid()) {
                Notifications.error(getTranslation("board.settings.fixErrors"));
                return;
            }
            if (run(() -> stages.save(edited))) {
                dialog.close();
            }
        });
        save.setId("stage-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        cancel.addClickShortcut(Key.ESCAPE);
        dialog.getFooter().add(cancel, save);
        dialog.open();
        TextField first = isNew ? code : nameEn;
        first.focus();
    }

    private void editReason(LostReasonOption reason) {
        boolean isNew = reason == null;
        Dialog dialog = new Dialog();
        dialog.setId("reason-dialog");
        dialog.setHeaderTitle(getTranslation(isNew ? "board.settings.addReason" : "board.settings.editReason"));
        TextField code = new TextField(getTranslation("board.settings.code"));
        code.setId("reason-code");
        code.setHelperText(getTranslation("board.settings.code.help"));
        code.setVisible(isNew);
        TextField nameEn = new TextField(getTranslation("board.settings.nameEn"));
        nameEn.setId("reason-name-en");
        TextField nameRu = new TextField(getTranslation("board.settings.nameRu"));
        nameRu.setId("reason-name-ru");
        Checkbox noteRequired = new Checkbox(getTranslation("board.settings.noteRequired"));
        noteRequired.setId("reason-note-required");
        Checkbox active = new Checkbox(getTranslation("board.settings.active.label"));
        active.setId("reason-active");
        active.setValue(true);
        active.setVisible(!isNew);
        if (!isNew) {
            nameEn.setValue(reason.nameEn());
            nameRu.setValue(reason.nameRu());
            noteRequired.setValue(reason.noteRequired());
            active.setValue(reason.active());
        }
        dialog.add(new FormLayout(code, nameEn, nameRu, noteRequired, active));
        Button save = new Button(getTranslation("action.save"), e -> {
            LostReasonOption edited = new LostReasonOption(isNew ? code.getValue().trim().toUpperCase() : reason.code(),
                    nameEn.getValue(), nameRu.getValue(), isNew ? 0 : reason.position(), noteRequired.getValue(),
                    active.getValue());
            if (run(() -> reasons.save(edited))) {
                dialog.close();
            }
        });
        save.setId("reason-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        cancel.addClickShortcut(Key.ESCAPE);
        dialog.getFooter().add(cancel, save);
        dialog.open();
        TextField first = isNew ? code : nameEn;
        first.focus();
    }

}
