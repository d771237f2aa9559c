package com.leadflow.rules.ui;

import com.leadflow.rules.Combinator;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleProblem;
import com.leadflow.rules.RuleValidator;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A group of the rule: ALL or ANY of its rows, optionally negated, with buttons to add conditions and groups. */
final class GroupRow extends RuleRow {

    private final Select<Combinator> combinator;
    private final Button addCondition = new Button(VaadinIcon.PLUS.create());
    private final Button addGroup = new Button(VaadinIcon.PLUS_SQUARE_O.create());
    private final Span message = new Span();
    private final Span empty = new Span();
    private final Div children = new Div();
    private final List<RuleRow> rows = new ArrayList<>();

    GroupRow(BuilderContext context, GroupRow parent, Combinator value, boolean negated) {
        super(context, parent, negated);
        addClassName("rule-group");
        combinator = EditorFields.select("rule-combinator", context.translate("ruleBuilder.combinator"));
        combinator.setItems(Combinator.values());
        combinator.setItemLabelGenerator(c -> context.translate("rules.combinator." + c.name()));
        combinator.setValue(value);
        EditorFields.onUserChange(combinator, this::edited);

        addCondition.setText(context.translate("ruleBuilder.addCondition"));
        addCondition.addClassName("rule-add-condition");
        addCondition.addClickListener(e -> {
            ConditionRow row = new ConditionRow(context, this, null, false, ConditionKind.FIELD);
            added(row);
        });
        addGroup.setText(context.translate("ruleBuilder.addGroup"));
        addGroup.addClassName("rule-add-group");
        addGroup.addClickListener(e -> {
            GroupRow group = new GroupRow(context, this, Combinator.ALL, false);
            group.append(new ConditionRow(context, group, null, false, ConditionKind.FIELD));
            added(group);
        });
        for (Button button : List.of(addCondition, addGroup)) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        remove.addClassName("rule-remove-group");

        Div header = new Div(position, not, combinator, addCondition, addGroup, remove);
        header.addClassName("rule-group-header");
        message.addClassName("rule-message");
        message.getElement().setAttribute("role", "alert");
        message.setVisible(false);
        empty.addClassName("rule-empty");
        empty.setText(context.translate("ruleBuilder.emptyGroup"));
        children.addClassName("rule-group-children");
        children.add(empty);
        add(header, message, children);
    }

    /** Adds a row of a stored rule. */
    void append(RuleRow row) {
        rows.add(row);
        children.add(row);
        empty.setVisible(false);
    }

    private void added(RuleRow row) {
        append(row);
        row.applyReadOnly(context.readOnly());
        context.structureChanged();
        row.focusFirst();
        edited();
    }

    void removeRow(RuleRow row) {
        int index = rows.indexOf(row);
        if (index < 0) {
            return;
        }
        rows.remove(index);
        children.remove(row);
        empty.setVisible(rows.isEmpty());
        context.structureChanged();
        // keep the keyboard where the user was: on the next row, the one before, or this group's first button
        if (index < rows.size()) {
            rows.get(index).focusFirst();
        } else if (index > 0) {
            rows.get(index - 1).focusFirst();
        } else {
            addCondition.focus();
        }
        edited();
    }

    @Override
    RuleNode toNode() {
        return negatedIfChosen(new Group(combinator.getValue(), rows.stream().map(RuleRow::toNode).toList()));
    }

    @Override
    void renumber(String path, int level) {
        super.renumber(path, level);
        boolean root = path.isEmpty();
        getElement().setAttribute("aria-label", root ? context.translate("ruleBuilder.rule")
                : context.translate("ruleBuilder.group", path));
        addCondition.setAriaLabel(root ? context.translate("ruleBuilder.addCondition.toRule")
                : context.translate("ruleBuilder.addCondition.toGroup", path));
        addGroup.setAriaLabel(root ? context.translate("ruleBuilder.addGroup.toRule")
                : context.translate("ruleBuilder.addGroup.toGroup", path));
        remove.setAriaLabel(context.translate("ruleBuilder.removeGroup", path));
        remove.setTooltipText(remove.getAriaLabel().orElse(null));
        int inner = innerLevel(level);
        // a new group and a condition in it must stay within the validator's depth
        addGroup.setEnabled(inner + 2 <= RuleValidator.MAX_DEPTH);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).renumber(root ? String.valueOf(i + 1) : path + "." + (i + 1), inner + 1);
        }
    }

    @Override
    void collect(Map<String, RuleRow> all) {
        all.put(path(), this);
        rows.forEach(row -> row.collect(all));
    }

    @Override
    void applyReadOnly(boolean readOnly) {
        super.applyReadOnly(readOnly);
        combinator.setReadOnly(readOnly);
        addCondition.setVisible(!readOnly);
        addGroup.setVisible(!readOnly);
        rows.forEach(row -> row.applyReadOnly(readOnly));
    }

    @Override
    void clearMarks() {
        EditorFields.clear(combinator);
        message.setText("");
        message.setVisible(false);
        removeClassName("rule-invalid");
    }

    void clearMarksDeep() {
        clearMarks();
        for (RuleRow row : rows) {
            if (row instanceof GroupRow group) {
                group.clearMarksDeep();
            } else {
                row.clearMarks();
            }
        }
    }

    @Override
    void mark(RuleProblem problem, String text) {
        addClassName("rule-invalid");
        if ("rules.problem.chooseCombinator".equals(problem.messageKey())) {
            EditorFields.mark(combinator, text);
            return;
        }
        message.setText(message.getText().isEmpty() ? text : message.getText() + " " + text);
        message.setVisible(true);
    }

    @Override
    void focusFirst() {
        combinator.focus();
    }
}
