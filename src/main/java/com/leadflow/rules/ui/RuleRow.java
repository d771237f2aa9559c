package com.leadflow.rules.ui;

import com.leadflow.rules.Combinator;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleProblem;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

import java.util.Map;

/**
 * One entry of a group in the builder, a nested group or a condition, with what both have: its position as the
 * validator numbers it ("2.1"), a NOT toggle and a remove button.
 */
abstract sealed class RuleRow extends Div permits GroupRow, ConditionRow {

    final BuilderContext context;
    final GroupRow parent;
    final Checkbox not = new Checkbox();
    final Span position = new Span();
    final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
    private String path = "";

    RuleRow(BuilderContext context, GroupRow parent, boolean negated) {
        this.context = context;
        this.parent = parent;
        getElement().setAttribute("role", "group");
        position.addClassName("rule-position");
        position.getElement().setAttribute("aria-hidden", "true"); // the row's own label says it
        not.setLabel(context.translate("rules.not"));
        not.setValue(negated);
        not.addClassName("rule-not");
        EditorFields.onUserChange(not, () -> {
            context.structureChanged(); // a negation is one level deeper
            edited();
        });
        remove.addClassName("rule-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_SMALL);
        remove.addClickListener(e -> parent.removeRow(this));
        remove.setVisible(parent != null);
    }

    /** The row for a node of a stored rule; double negations cancel out. */
    static RuleRow of(BuilderContext context, GroupRow parent, RuleNode node) {
        boolean negated = false;
        while (node instanceof Not negation) {
            negated = !negated;
            node = negation.child();
        }
        if (node instanceof Group group) {
            GroupRow row = new GroupRow(context, parent, group.combinator(), negated);
            for (RuleNode child : group.children()) {
                row.append(of(context, row, child));
            }
            return row;
        }
        return new ConditionRow(context, parent, node, negated, null);
    }

    /** The root group for a stored rule: a rule that is one condition is shown inside an ALL group. */
    static GroupRow root(BuilderContext context, RuleNode node) {
        if (node == null) {
            return new GroupRow(context, null, Combinator.ALL, false);
        }
        RuleNode inner = node;
        while (inner instanceof Not negation) {
            inner = negation.child();
        }
        if (inner instanceof Group) {
            return (GroupRow) of(context, null, node);
        }
        GroupRow root = new GroupRow(context, null, Combinator.ALL, false);
        root.append(of(context, root, node));
        return root;
    }

    /** The node as edited, incomplete parts included (nulls and empty values that the validator reports). */
    abstract RuleNode toNode();

    final RuleNode negatedIfChosen(RuleNode node) {
        return not.getValue() ? new Not(node) : node;
    }

    /** Sets the position ("" for the root) and the tree level this row's node starts at (the root is level 1). */
    void renumber(String path, int level) {
        this.path = path;
        position.setText(path);
    }

    String path() {
        return path;
    }

    /** The level of what the NOT toggle applies to. */
    final int innerLevel(int level) {
        return not.getValue() ? level + 1 : level;
    }

    /** Every row of this subtree by its path. */
    abstract void collect(Map<String, RuleRow> rows);

    void applyReadOnly(boolean readOnly) {
        not.setReadOnly(readOnly);
        remove.setVisible(parent != null && !readOnly);
    }

    /** Removes the problems shown on this row (not on the rows inside it). */
    abstract void clearMarks();

    /** Shows a problem the validator found at this row's path. */
    abstract void mark(RuleProblem problem, String message);

    abstract void focusFirst();

    /** The user changed this row: its old problems no longer apply. */
    void edited() {
        clearMarks();
        context.edited();
    }
}
