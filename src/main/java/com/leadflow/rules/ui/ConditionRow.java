package com.leadflow.rules.ui;

import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.rules.RuleProblem;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;

import java.util.Map;

/** A condition of the rule: a kind picker, then the controls of that kind. */
final class ConditionRow extends RuleRow {

    private final Select<ConditionKind> kind;
    private final Div body = new Div();
    private ConditionEditor editor;

    /**
     * @param condition   a condition of a stored rule, or null for a new or missing one
     * @param initialKind the kind of a new condition; null leaves it to the user
     */
    ConditionRow(BuilderContext context, GroupRow parent, RuleNode condition, boolean negated,
                 ConditionKind initialKind) {
        super(context, parent, negated);
        addClassName("rule-condition");
        kind = EditorFields.select("rule-kind", context.translate("ruleBuilder.kind"));
        kind.setItems(ConditionKind.values());
        kind.setItemLabelGenerator(k -> context.translate(k.labelKey()));
        kind.setPlaceholder(context.translate("ruleBuilder.kind.placeholder"));
        kind.setValue(condition != null ? ConditionKind.of(condition) : initialKind);
        EditorFields.onUserChange(kind, () -> {
            showEditor(null);
            edited();
        });
        body.addClassName("rule-condition-body");
        showEditor(condition);
        add(position, not, kind, body, remove);
    }

    private void showEditor(RuleNode condition) {
        body.removeAll();
        ConditionKind chosen = kind.getValue();
        editor = chosen == null ? null : switch (chosen) {
            case FIELD -> new FieldConditionEditor(context, (FieldCondition) condition, this::edited);
            case BEHAVIOUR -> new BehaviourEditor(context, (BehaviourCondition) condition, this::edited);
            case INACTIVITY -> new InactivityEditor(context, (InactivityCondition) condition, this::edited);
            case SEGMENT -> new SegmentEditor(context, (SegmentCondition) condition, this::edited);
        };
        if (editor != null) {
            editor.setReadOnly(context.readOnly());
            body.add(editor);
        }
    }

    ConditionEditor editor() {
        return editor;
    }

    @Override
    RuleNode toNode() {
        return negatedIfChosen(editor == null ? null : editor.toNode());
    }

    @Override
    void renumber(String path, int level) {
        super.renumber(path, level);
        getElement().setAttribute("aria-label", context.translate("ruleBuilder.condition", path));
        remove.setAriaLabel(context.translate("ruleBuilder.removeCondition", path));
        remove.setTooltipText(remove.getAriaLabel().orElse(null));
    }

    @Override
    void collect(Map<String, RuleRow> rows) {
        rows.put(path(), this);
    }

    @Override
    void applyReadOnly(boolean readOnly) {
        super.applyReadOnly(readOnly);
        kind.setReadOnly(readOnly);
        if (editor != null) {
            editor.setReadOnly(readOnly);
        }
    }

    @Override
    void clearMarks() {
        EditorFields.clear(kind);
        if (editor != null) {
            editor.clearMarks();
        }
        removeClassName("rule-invalid");
    }

    @Override
    void mark(RuleProblem problem, String message) {
        addClassName("rule-invalid");
        if (editor == null || !editor.mark(problem.messageKey(), message)) {
            EditorFields.mark(kind, message);
        }
    }

    @Override
    void focusFirst() {
        kind.focus();
    }
}
