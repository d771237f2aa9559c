package com.leadflow.scoring.ui;

import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.ui.RuleBuilder;
import com.leadflow.rules.ui.SegmentChoice;
import com.leadflow.scoring.ScoreGroup;
import com.leadflow.scoring.ScoringRule;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.function.Consumer;

/** Edits one scoring rule — name, group, points and its condition in the rule builder — and hands back a copy. */
class ScoringRuleDialog extends Dialog {

    final TextField name = new TextField();
    final Select<ScoreGroup> group = new Select<>();
    final IntegerField points = new IntegerField();
    final RuleBuilder builder;
    final Button ok = new Button();

    ScoringRuleDialog(ScoringRule rule, FieldCatalog catalog, List<SegmentChoice> segments, boolean editable,
                      Consumer<ScoringRule> onSave) {
        setHeaderTitle(getTranslation(rule.name() == null ? "scoring.rule.new" : "scoring.rule.edit"));
        setWidth("min(60em, 95vw)");
        name.setLabel(getTranslation("scoring.rule.name"));
        name.setId("scoring-rule-name");
        name.setMaxLength(120);
        name.setRequiredIndicatorVisible(true);
        name.setValue(rule.name() == null ? "" : rule.name());
        group.setLabel(getTranslation("scoring.rule.group"));
        group.setId("scoring-rule-group");
        group.setItems(ScoreGroup.values());
        group.setItemLabelGenerator(g -> getTranslation("scoring.group." + g.name()));
        group.setValue(rule.group() == null ? ScoreGroup.FIT : rule.group());
        points.setLabel(getTranslation("scoring.rule.points"));
        points.setId("scoring-rule-points");
        points.setHelperText(getTranslation("scoring.rule.points.help"));
        points.setMin(-1000);
        points.setMax(1000);
        points.setStepButtonsVisible(true);
        points.setValue(rule.points());
        builder = new RuleBuilder(catalog, segments);
        builder.setRule(rule.rule());
        builder.setReadOnly(!editable);
        name.setReadOnly(!editable);
        group.setReadOnly(!editable);
        points.setReadOnly(!editable);
        add(new FormLayout(name, group, points), builder);

        ok.setText(getTranslation("scoring.rule.apply"));
        ok.setId("scoring-rule-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setVisible(editable);
        ok.addClickListener(e -> {
            boolean valid = true;
            if (name.getValue().isBlank()) {
                name.setInvalid(true);
                name.setErrorMessage(getTranslation("scoring.ruleNameInvalid"));
                valid = false;
            }
            if (points.getValue() == null || points.getValue() == 0 || Math.abs(points.getValue()) > 1000) {
                points.setInvalid(true);
                points.setErrorMessage(getTranslation("scoring.rule.points.invalid"));
                valid = false;
            }
            if (!builder.validate().isEmpty()) {
                valid = false;
            }
            if (valid) {
                onSave.accept(new ScoringRule(rule.id(), group.getValue(), name.getValue().trim(), points.getValue(),
                        builder.getRule()));
                close();
            }
        });
        Button cancel = new Button(getTranslation(editable ? "action.cancel" : "scoring.close"), e -> close());
        getFooter().add(cancel, ok);
    }
}
