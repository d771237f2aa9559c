package com.leadflow.lifecycle.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Notifications;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.lifecycle.MoveBackChoice;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.function.SerializableConsumer;
import org.springframework.security.access.AccessDeniedException;

/**
 * "Move back…" for the contact profile: a button that opens a dialog to move the contact to an earlier lifecycle
 * stage with a required reason. Hidden when the user may not edit the contact or it is at the first stage. After a
 * move the callback gets the new stage (the contact's version changed: reload it).
 *
 * <pre>{@code
 * LifecycleMoveBack moveBack = new LifecycleMoveBack(lifecycleService, contactId, stage -> reloadProfile());
 * header.add(moveBack);
 * moveBack.refresh(); // after the contact changed otherwise, to re-check visibility and targets
 * }</pre>
 */
public class LifecycleMoveBack extends Composite<Button> {

    private final LifecycleService lifecycle;
    private final long contactId;
    private final SerializableConsumer<LifecycleStage> afterMove;
    private MoveBackChoice choice;
    private Dialog dialog;
    private Select<LifecycleStage> target;
    private TextArea reason;

    public LifecycleMoveBack(LifecycleService lifecycle, long contactId,
                             SerializableConsumer<LifecycleStage> afterMove) {
        this.lifecycle = lifecycle;
        this.contactId = contactId;
        this.afterMove = afterMove;
        Button button = getContent();
        button.setText(getTranslation("lifecycle.moveBack.button"));
        button.setIcon(VaadinIcon.ARROW_BACKWARD.create());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClassName("lifecycle-move-back");
        button.addClickListener(e -> open());
        refresh();
    }

    /** Re-reads where the contact is and what the user may do; shows the button only if a move back is possible. */
    public void refresh() {
        choice = lifecycle.moveBackChoice(contactId);
        getContent().setVisible(choice.possible());
    }

    /** Opens the dialog (does nothing if no move back is possible). */
    public void open() {
        refresh();
        if (!choice.possible()) {
            return;
        }
        dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("lifecycle.moveBack.title",
                getTranslation("lifecycle." + choice.current().name())));
        target = new Select<>();
        target.setLabel(getTranslation("lifecycle.moveBack.target"));
        target.setItems(choice.targets());
        target.setItemLabelGenerator(stage -> getTranslation("lifecycle." + stage.name()));
        target.setValue(choice.targets().getLast()); // one step back is the usual case
        target.setId("lifecycle-move-back-target");
        reason = new TextArea(getTranslation("lifecycle.moveBack.reason"));
        reason.setHelperText(getTranslation("lifecycle.moveBack.reasonHelp"));
        reason.setRequiredIndicatorVisible(true);
        reason.setMaxLength(LifecycleService.MAX_REASON_LENGTH);
        reason.setWidthFull();
        reason.setId("lifecycle-move-back-reason");
        VerticalLayout body = new VerticalLayout(target, reason);
        body.setPadding(false);
        dialog.add(body);

        Button confirm = new Button(getTranslation("lifecycle.moveBack.confirm"), e -> confirm());
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("lifecycle-move-back-confirm");
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        reason.focus();
    }

    private void confirm() {
        if (reason.getValue().isBlank()) {
            reason.setInvalid(true);
            reason.setErrorMessage(getTranslation("lifecycle.moveBack.reasonRequired"));
            return;
        }
        LifecycleStage to = target.getValue();
        try {
            lifecycle.moveBack(contactId, to, reason.getValue());
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
            return;
        } catch (AccessDeniedException e) {
            Notifications.error(getTranslation("lifecycle.moveBack.denied"));
            dialog.close();
            refresh();
            return;
        }
        dialog.close();
        Notifications.success(getTranslation("lifecycle.moveBack.done", getTranslation("lifecycle." + to.name())));
        refresh();
        afterMove.accept(to);
    }
}
