package com.leadflow.rules.ui;

import com.leadflow.rules.FieldDefinition;
import com.leadflow.rules.FieldType;
import com.leadflow.rules.Operator;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;

import java.util.ArrayList;
import java.util.List;

/** A contact field condition: field picker → the operators that fit its type → a value editor that fits both. */
final class FieldConditionEditor extends ConditionEditor {

    private final ComboBox<String> field;
    private final Select<Operator> operator;
    private FieldDefinition shownField;
    private Operator shownOperator;
    private FieldValueEditor values;

    FieldConditionEditor(BuilderContext context, FieldCondition condition, Runnable onEdit) {
        super(context, onEdit);
        addClassName("rule-field-condition");
        field = EditorFields.comboBox("rule-field", context.translate("ruleBuilder.field"));
        field.setItems(context.catalog().fields().stream().map(FieldDefinition::name).toList());
        field.setItemLabelGenerator(name -> {
            FieldDefinition definition = context.catalog().field(name);
            return definition == null ? name : context.translateOr(definition.labelKey(), name);
        });
        field.setPlaceholder(context.translate("ruleBuilder.field.placeholder"));
        operator = EditorFields.select("rule-operator", context.translate("ruleBuilder.operator"));
        operator.setItemLabelGenerator(o -> context.translate("rules.operator." + o.name()));
        operator.setPlaceholder(context.translate("ruleBuilder.operator.placeholder"));
        EditorFields.onUserChange(field, this::fieldChanged);
        EditorFields.onUserChange(operator, this::operatorChanged);
        add(field, operator);

        // an unknown field of a stored rule cannot be shown: the picker stays empty and validation asks for one
        FieldDefinition definition = condition == null ? null : context.catalog().field(condition.field());
        field.setValue(definition == null ? null : definition.name());
        showOperators(definition, condition == null ? null : condition.operator());
        showValues(condition == null ? List.of() : condition.values());
    }

    private void fieldChanged() {
        FieldDefinition previous = shownField;
        FieldDefinition definition = context.catalog().field(field.getValue());
        Operator current = operator.getValue();
        Operator next = definition == null ? null
                : current != null && definition.operators().contains(current) ? current : definition.operators().getFirst();
        // text, numbers and dates keep what was typed when the new field reads it the same way; enums never do
        boolean keepValues = previous != null && definition != null && previous.type() == definition.type()
                && definition.type() != FieldType.ENUM && next == current;
        List<String> kept = keepValues ? values.values() : List.of();
        showOperators(definition, next);
        showValues(kept);
        onEdit.run();
    }

    private void operatorChanged() {
        Operator.Arity from = shownOperator == null ? Operator.Arity.NONE : shownOperator.arity();
        Operator.Arity to = operator.getValue() == null ? Operator.Arity.NONE : operator.getValue().arity();
        List<String> kept = FieldValueEditor.carry(values.values(), from, to);
        shownOperator = operator.getValue();
        showValues(kept);
        onEdit.run();
    }

    private void showOperators(FieldDefinition definition, Operator value) {
        shownField = definition;
        List<Operator> items = new ArrayList<>(definition == null ? List.of() : definition.operators());
        if (value != null && !items.contains(value)) {
            items.add(value); // a stored operator the field does not allow: shown, and reported by validation
        }
        operator.setItems(items);
        operator.setValue(definition == null ? null : value);
        operator.setVisible(definition != null);
        shownOperator = operator.getValue();
    }

    private void showValues(List<String> initial) {
        if (values != null) {
            remove(values);
        }
        values = new FieldValueEditor(context, shownField, shownOperator, initial, onEdit);
        values.setReadOnly(context.readOnly());
        add(values);
    }

    @Override
    RuleNode toNode() {
        return new FieldCondition(field.getValue(), operator.getValue(), values.values());
    }

    @Override
    void setReadOnly(boolean readOnly) {
        field.setReadOnly(readOnly);
        operator.setReadOnly(readOnly);
        values.setReadOnly(readOnly);
    }

    @Override
    void clearMarks() {
        EditorFields.clear(field);
        EditorFields.clear(operator);
        values.clearMarks();
    }

    @Override
    boolean mark(String messageKey, String message) {
        switch (messageKey) {
            case "rules.problem.chooseField", "rules.problem.unknownField" -> EditorFields.mark(field, message);
            case "rules.problem.chooseOperator", "rules.problem.operatorNotAllowed" ->
                    EditorFields.mark(operator, message);
            default -> {
                if (!values.mark(messageKey, message)) {
                    EditorFields.mark(operator.isVisible() ? operator : field, message);
                }
            }
        }
        return true;
    }
}
