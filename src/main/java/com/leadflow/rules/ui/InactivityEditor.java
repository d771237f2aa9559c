package com.leadflow.rules.ui;

import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.TimeUnit;
import com.leadflow.timeline.ActivityType;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** An inactivity condition: no activity [of any type / of these types] for at least [N] [days / months]. */
final class InactivityEditor extends ConditionEditor {

    static final int DEFAULT_DAYS = 30;

    private final MultiSelectComboBox<ActivityType> types;
    private final IntegerField amount;
    private final Select<TimeUnit> unit;

    InactivityEditor(BuilderContext context, InactivityCondition condition, Runnable onEdit) {
        super(context, onEdit);
        addClassName("rule-inactivity-condition");
        types = EditorFields.multiSelect("rule-inactivity-types", context.translate("ruleBuilder.inactivityTypes"));
        List<ActivityType> items = new ArrayList<>(BehaviourEditor.ENGAGEMENT_TYPES);
        if (condition != null) {
            condition.types().stream().filter(t -> t != null && !items.contains(t)).forEach(items::add);
        }
        types.setItems(items);
        types.setItemLabelGenerator(t -> context.translate("activity." + t.name()));
        types.setPlaceholder(context.translate("ruleBuilder.inactivityTypes.placeholder"));
        amount = EditorFields.integerField("rule-amount", context.translate("ruleBuilder.amount"));
        unit = EditorFields.select("rule-unit", context.translate("ruleBuilder.unit"));
        unit.setItems(TimeUnit.values());
        unit.setItemLabelGenerator(u -> context.translate("rules.unit." + u.name()));
        add(types, EditorFields.words(context.translate("ruleBuilder.forAtLeast")), amount, unit);

        if (condition == null) {
            amount.setValue(DEFAULT_DAYS);
            unit.setValue(TimeUnit.DAYS);
        } else {
            types.setValue(new LinkedHashSet<>(condition.types().stream().filter(Objects::nonNull).toList()));
            amount.setValue(condition.amount());
            unit.setValue(condition.unit());
        }
        EditorFields.onUserChange(types, onEdit);
        EditorFields.onUserChange(amount, onEdit);
        EditorFields.onUserChange(unit, onEdit);
    }

    @Override
    RuleNode toNode() {
        return new InactivityCondition(new LinkedHashSet<>(types.getValue()),
                amount.getValue() == null ? 0 : amount.getValue(), unit.getValue());
    }

    @Override
    void setReadOnly(boolean readOnly) {
        types.setReadOnly(readOnly);
        amount.setReadOnly(readOnly);
        unit.setReadOnly(readOnly);
    }

    @Override
    void clearMarks() {
        EditorFields.clear(types);
        EditorFields.clear(amount);
        EditorFields.clear(unit);
    }

    @Override
    boolean mark(String messageKey, String message) {
        switch (messageKey) {
            case "rules.problem.chooseActivityType" -> EditorFields.mark(types, message);
            case "rules.problem.needsRelativeTime" -> EditorFields.mark(unit, message);
            case "rules.problem.amountOutOfRange" -> EditorFields.mark(amount, message);
            default -> {
                return false;
            }
        }
        return true;
    }
}
