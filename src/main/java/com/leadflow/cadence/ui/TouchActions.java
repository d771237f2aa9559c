package com.leadflow.cadence.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.Notifications;
import com.leadflow.cadence.StepKind;
import com.leadflow.cadence.TaskOutcome;
import com.leadflow.cadence.TouchItem;
import com.leadflow.cadence.TouchService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;

import java.time.LocalDate;
import java.time.ZoneId;

/** The dialogs behind a touch's buttons: complete with an outcome, skip with a reason, move to another day. */
final class TouchActions {

    private TouchActions() {
    }

    /** "Done": asks how it went; the outcome and note go to the contact's timeline. */
    static void complete(TouchService touches, TouchItem touch, Runnable done) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(dialog.getTranslation("cadence.task.complete.title", touch.contactName()));
        ComboBox<TaskOutcome> outcome = new ComboBox<>(dialog.getTranslation("cadence.task.outcome"));
        outcome.setId("task-outcome");
        outcome.setItems(TaskOutcome.values());
        outcome.setItemLabelGenerator(o -> dialog.getTranslation("cadence.outcome." + o.name()));
        outcome.setRequiredIndicatorVisible(true);
        outcome.setValue(TaskOutcome.REACHED);
        TextArea note = new TextArea(dialog.getTranslation("cadence.task.note"));
        note.setId("task-note");
        note.setMaxLength(900);
        note.setWidthFull();
        Button save = new Button(dialog.getTranslation("cadence.task.complete"), e -> {
            touches.complete(touch.id(), outcome.getValue(), note.getValue());
            dialog.close();
            Notifications.success(dialog.getTranslation("cadence.task.completed"));
            done.run();
        });
        save.setId("task-complete-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(dialog);
        Button cancel = new Button(dialog.getTranslation("cadence.cancel"), e -> dialog.close());
        dialog.add(new FormLayout(outcome, note));
        dialog.getFooter().add(cancel, save);
        dialog.open();
        outcome.focus();
    }

    /** "Skip": the reason is required and shown on the touch afterwards. */
    static void skip(TouchService touches, TouchItem touch, Runnable done) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(dialog.getTranslation("cadence.touch.skip.title", touch.contactName()));
        TextArea reason = new TextArea(dialog.getTranslation("cadence.touch.skip.reason"));
        reason.setId("skip-reason");
        reason.setRequired(true);
        reason.setMaxLength(900);
        reason.setWidthFull();
        Button save = new Button(dialog.getTranslation("cadence.touch.skip"), e -> {
            touches.skip(touch.id(), reason.getValue());
            dialog.close();
            Notifications.success(dialog.getTranslation("cadence.touch.skipped"));
            done.run();
        });
        save.setId("skip-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(dialog.getTranslation("cadence.cancel"), e -> dialog.close());
        dialog.add(reason);
        dialog.getFooter().add(cancel, save);
        dialog.open();
        reason.focus();
    }

    /** "Move": the keyboard way to reschedule (the calendar also takes a drag). */
    static void reschedule(TouchService touches, TouchItem touch, ZoneId zone, Runnable done) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(dialog.getTranslation("cadence.touch.move.title", touch.contactName()));
        DatePicker day = new DatePicker(dialog.getTranslation("cadence.touch.move.day"));
        day.setId("move-day");
        day.setLocale(Formats.locale());
        day.setValue(LocalDate.ofInstant(touch.dueAt(), zone));
        day.setMin(LocalDate.now(zone));
        Button save = new Button(dialog.getTranslation("cadence.touch.move"), e -> {
            move(touches, touch, day.getValue(), zone);
            dialog.close();
            done.run();
        });
        save.setId("move-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(dialog);
        Button cancel = new Button(dialog.getTranslation("cadence.cancel"), e -> dialog.close());
        dialog.add(day);
        dialog.getFooter().add(cancel, save);
        dialog.open();
        day.focus();
    }

    static void move(TouchService touches, TouchItem touch, LocalDate day, ZoneId zone) {
        TouchItem moved = touches.reschedule(touch.id(), day, zone, touch.version());
        Notifications.success(UI.getCurrent().getTranslation("cadence.touch.moved", Formats.date(moved.dueAt())));
    }

    /** The buttons for one touch, as far as the user may act on it. */
    static HorizontalLayout buttons(TouchService touches, TouchItem touch, ZoneId zone, Runnable changed) {
        HorizontalLayout row = new HorizontalLayout();
        row.setSpacing(false);
        row.addClassName("cadence-touch-actions");
        UI ui = UI.getCurrent();
        Button open = new Button(ui.getTranslation("cadence.touch.openContact"),
                e -> ui.navigate("contact/" + touch.contactId()));
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        row.add(open);
        if (touch.open() && touches.canAct(touch)) {
            if (touch.kind() == StepKind.TASK) {
                Button done = new Button(ui.getTranslation("cadence.task.complete"), e -> complete(touches, touch, changed));
                done.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                done.addClassName("touch-complete");
                Button move = new Button(ui.getTranslation("cadence.touch.move"), e -> reschedule(touches, touch, zone, changed));
                move.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                move.addClassName("touch-move");
                row.add(done, move);
            }
            Button skip = new Button(ui.getTranslation("cadence.touch.skip"), e -> skip(touches, touch, changed));
            skip.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            skip.addClassName("touch-skip");
            row.add(skip);
        }
        return row;
    }

    /** "Call · Inactive SQLs" / "Email · Dormant MQLs", and the status when it is not simply planned. */
    static String label(TouchItem t) {
        UI ui = UI.getCurrent();
        String what = t.kind() == StepKind.EMAIL ? ui.getTranslation("cadence.kind.EMAIL")
                : ui.getTranslation("cadence.task." + (t.taskType() == null ? "REVIEW" : t.taskType().name()));
        return what + " · " + t.cadenceName();
    }

    static Span status(TouchItem t) {
        UI ui = UI.getCurrent();
        Span badge = new Span(ui.getTranslation("cadence.status." + t.status().name()));
        badge.getElement().getThemeList().add(switch (t.status()) {
            case DONE -> "badge success";
            case FAILED, CANCELLED -> "badge error";
            case SKIPPED -> "badge contrast";
            case DUE -> "badge primary";
            default -> "badge";
        });
        String why = reason(t);
        if (!why.isEmpty()) {
            badge.getElement().setAttribute("title", why);
        }
        return badge;
    }

    /** Why a touch was skipped, cancelled or failed, in words. */
    static String reason(TouchItem t) {
        UI ui = UI.getCurrent();
        if (t.statusReason() == null) {
            return "";
        }
        if ("FREQUENCY_CAP".equals(t.statusReason())) {
            return t.collidedWithCadence() == null ? ui.getTranslation("cadence.reason.FREQUENCY_CAP")
                    : ui.getTranslation("cadence.reason.collided", t.collidedWithCadence());
        }
        if ("BY_USER".equals(t.statusReason()) || t.status().name().equals("DONE")) {
            String outcome = t.status().name().equals("DONE")
                    ? ui.getTranslation("cadence.outcome." + t.statusReason()) : "";
            return (outcome + (t.note() == null ? "" : (outcome.isEmpty() ? "" : ": ") + t.note())).trim();
        }
        if (t.statusReason().startsWith("PREFERS_")) {
            return ui.getTranslation("cadence.reason.prefers",
                    ui.getTranslation("channel." + t.statusReason().substring("PREFERS_".length())));
        }
        String key = "cadence.reason." + t.statusReason();
        String text = ui.getTranslation(key);
        return text.startsWith("!") ? t.statusReason() : text;
    }
}
