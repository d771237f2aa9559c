package com.leadflow.lifecycle.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.Notifications;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.lifecycle.StageDefinition;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.ui.RuleBuilder;
import com.leadflow.rules.ui.SegmentChoice;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.List;

/** One stage of the lifecycle view: name, member count, enabled, own names and description, entry rule, save. */
class StageCard extends VerticalLayout {

    private final StageDefinition stage;
    private final LifecycleService lifecycle;
    private final Runnable reload;
    private final Checkbox enabled = new Checkbox();
    private final TextField nameEn = new TextField();
    private final TextField nameRu = new TextField();
    private final TextArea description = new TextArea();
    private final RuleBuilder builder;
    private final Button save = new Button();

    StageCard(int number, boolean first, StageDefinition stage, boolean editable, FieldCatalog catalog,
              List<SegmentChoice> segments, LifecycleService lifecycle, Runnable reload) {
        this.stage = stage;
        this.lifecycle = lifecycle;
        this.reload = reload;
        addClassName("lifecycle-stage");
        setId("stage-" + stage.stage().name());

        H3 title = new H3(number + ". " + getTranslation("lifecycle." + stage.stage().name()));
        Span members = new Span(getTranslation("lifecycle.view.members", Formats.number(stage.memberCount())));
        members.getElement().getThemeList().add("badge");
        members.addClassName("stage-members");
        enabled.setLabel(getTranslation("lifecycle.view.enabled"));
        enabled.setValue(stage.enabled());
        enabled.addClassName("stage-enabled");
        enabled.setReadOnly(!editable);
        HorizontalLayout header = new HorizontalLayout(title, members, enabled);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header);
        if (editable) {
            nameEn.setLabel(getTranslation("rules.lifecycle.nameEn"));
            nameEn.addClassName("stage-name-en");
            nameRu.setLabel(getTranslation("rules.lifecycle.nameRu"));
            nameRu.addClassName("stage-name-ru");
            for (TextField name : List.of(nameEn, nameRu)) {
                name.setMaxLength(LifecycleService.MAX_NAME_LENGTH);
                name.setPlaceholder(getTranslation("rules.lifecycle.namePlaceholder"));
            }
            nameEn.setValue(stage.nameEn() == null ? "" : stage.nameEn());
            nameRu.setValue(stage.nameRu() == null ? "" : stage.nameRu());
            nameEn.setHelperText(getTranslation("rules.lifecycle.nameHelp"));
            description.setLabel(getTranslation("rules.lifecycle.description"));
            description.addClassName("stage-description");
            description.setMaxLength(LifecycleService.MAX_DESCRIPTION_LENGTH);
            description.setValue(stage.description() == null ? "" : stage.description());
            description.setWidthFull();
            HorizontalLayout names = new HorizontalLayout(nameEn, nameRu);
            names.addClassName("stage-names");
            add(names, description);
        } else if (stage.description() != null) {
            Paragraph meaning = new Paragraph(stage.description());
            meaning.addClassName("stage-description");
            add(meaning);
        }

        if (first) {
            builder = null;
            add(new Paragraph(getTranslation("lifecycle.view.start")));
        } else {
            builder = new RuleBuilder(catalog, segments);
            builder.setRule(stage.entryRule());
            builder.setReadOnly(!editable);
            add(builder);
        }
        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("stage-save");
        save.setVisible(editable);
        save.addClickListener(e -> save());
        add(save);
    }

    private void save() {
        if (builder != null && !builder.validate().isEmpty()) {
            Notifications.error(getTranslation("lifecycle.view.fixRule"));
            return;
        }
        nameEn.setInvalid(false);
        description.setInvalid(false);
        try {
            lifecycle.save(stage.stage(), new LifecycleService.StageChanges(nameEn.getValue(), nameRu.getValue(),
                    description.getValue(), builder == null ? null : builder.getRule(), enabled.getValue()),
                    stage.version());
            Notifications.success(getTranslation("lifecycle.view.saved",
                    getTranslation("lifecycle." + stage.stage().name())));
            reload.run();
        } catch (RuleValidationException e) {
            if (builder != null) {
                builder.validate();
            }
            Notifications.error(getTranslation("lifecycle.view.fixRule"));
        } catch (ValidationFailedException e) {
            String message = getTranslation(e.messageKey(), e.params());
            TextField nameField = e.messageKey().startsWith("rules.lifecycle.name") ? nameEn : null;
            if (nameField != null) {
                nameField.setErrorMessage(message);
                nameField.setInvalid(true);
            } else if (e.messageKey().startsWith("rules.lifecycle.description")) {
                description.setErrorMessage(message);
                description.setInvalid(true);
            }
            Notifications.error(message);
        } catch (OptimisticLockingFailureException e) {
            Notifications.error(getTranslation("lifecycle.view.changedMeanwhile"));
        }
    }
}
