package com.leadflow.funnel.ui;

import com.leadflow.funnel.LostReasonOption;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;

import java.util.List;
import java.util.function.BiConsumer;

/** Asks why a contact is lost: a reason from the list, and a note (required for reasons such as "Other"). */
class LostReasonDialog extends Dialog {

    LostReasonDialog(String contactName, List<LostReasonOption> reasons, BiConsumer<String, String> confirmed) {
        setId("lost-dialog");
        setHeaderTitle(getTranslation("board.lost.title", contactName));
        ComboBox<LostReasonOption> reason = new ComboBox<>(getTranslation("contact.lostReason"));
        reason.setItems(reasons);
        reason.setItemLabelGenerator(r -> r.name(getLocale()));
        reason.setId("lost-reason");
        reason.setRequiredIndicatorVisible(true);
        reason.setWidthFull();
        TextArea note = new TextArea(getTranslation("contact.lostNote"));
        note.setId("lost-note");
        note.setMaxLength(1000);
        note.setWidthFull();
        reason.addValueChangeListener(e -> note.setRequiredIndicatorVisible(e.getValue() != null
                && e.getValue().noteRequired()));

        Button confirm = new Button(getTranslation("board.lost.confirm"), e -> {
            LostReasonOption chosen = reason.getValue();
            reason.setInvalid(chosen == null);
            reason.setErrorMessage(getTranslation("contact.lostReasonRequired"));
            boolean noteMissing = chosen != null && chosen.noteRequired() && note.getValue().isBlank();
            note.setInvalid(noteMissing);
            note.setErrorMessage(getTranslation("board.lost.noteRequired"));
            if (chosen == null || noteMissing) {
                return;
            }
            close();
            confirmed.accept(chosen.code(), note.getValue());
        });
        confirm.setId("lost-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        cancel.setId("lost-cancel");
        cancel.addClickShortcut(Key.ESCAPE);
        getFooter().add(cancel, confirm);
        VerticalLayout body = new VerticalLayout(reason, note);
        body.setPadding(false);
        add(body);
        setWidth("28rem");
        reason.focus();
    }
}
