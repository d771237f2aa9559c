package com.leadflow.funnel.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Notifications;
import com.leadflow.funnel.BoardService;
import com.leadflow.funnel.FunnelMoveConflictException;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import org.springframework.security.access.AccessDeniedException;

/**
 * "Reopen…" for a lost or won contact on its profile: choose the open stage it goes back to and say why; the move
 * lands in the stage history with the reason.
 */
public class ReopenContactButton extends Button {

    public ReopenContactButton(BoardService board, FunnelStageService stages, long contactId, long version,
                               Runnable reopened) {
        super(VaadinIcon.ARROW_BACKWARD.create());
        setText(getTranslation("board.reopen.button"));
        setId("reopen-contact");
        addThemeVariants(ButtonVariant.LUMO_SMALL);
        addClickListener(e -> {
            Dialog dialog = new Dialog();
            dialog.setId("reopen-dialog");
            dialog.setHeaderTitle(getTranslation("board.reopen.title"));
            Select<FunnelStage> stage = new Select<>();
            stage.setLabel(getTranslation("board.reopen.stage"));
            stage.setItems(stages.openStages());
            stage.setItemLabelGenerator(s -> s.name(getLocale()));
            stage.setId("reopen-stage");
            TextArea reason = new TextArea(getTranslation("board.reopen.reason"));
            reason.setId("reopen-reason");
            reason.setMaxLength(1000);
            reason.setRequiredIndicatorVisible(true);
            reason.setWidthFull();
            Button confirm = new Button(getTranslation("board.reopen.confirm"), click -> {
                stage.setInvalid(stage.getValue() == null);
                stage.setErrorMessage(getTranslation("board.reopen.chooseStage"));
                reason.setInvalid(reason.getValue().isBlank());
                reason.setErrorMessage(getTranslation("board.reopen.reasonRequired"));
                if (stage.isInvalid() || reason.isInvalid()) {
                    return;
                }
                try {
                    board.reopen(contactId, version, stage.getValue().code(), reason.getValue());
                    dialog.close();
                    Notifications.success(getTranslation("board.reopen.done", stage.getValue().name(getLocale())));
                } catch (FunnelMoveConflictException ex) {
                    dialog.close();
                    Notifications.error(getTranslation("board.reopen.conflict"));
                } catch (AccessDeniedException ex) {
                    Notifications.error(getTranslation("board.move.denied"));
                } catch (ValidationFailedException ex) {
                    Notifications.error(getTranslation(ex.messageKey(), ex.params()));
                }
                reopened.run();
            });
            confirm.setId("reopen-confirm");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button cancel = new Button(getTranslation("action.cancel"), click -> dialog.close());
            cancel.addClickShortcut(Key.ESCAPE);
            VerticalLayout body = new VerticalLayout(stage, reason);
            body.setPadding(false);
            dialog.add(body);
            dialog.getFooter().add(cancel, confirm);
            dialog.setWidth("28rem");
            dialog.open();
        });
    }
}
