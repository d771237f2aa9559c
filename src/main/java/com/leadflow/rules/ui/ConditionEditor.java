package com.leadflow.rules.ui;

import com.leadflow.rules.RuleNode;
import com.vaadin.flow.component.html.Div;

/** The controls of one kind of condition, after the kind picker of its row. */
abstract sealed class ConditionEditor extends Div
        permits FieldConditionEditor, BehaviourEditor, InactivityEditor, SegmentEditor {

    final BuilderContext context;
    /** Called after every change the user makes. */
    final Runnable onEdit;

    ConditionEditor(BuilderContext context, Runnable onEdit) {
        this.context = context;
        this.onEdit = onEdit;
        addClassName("rule-condition-controls");
    }

    /** The condition as edited; missing parts stay null or empty for the validator to report. */
    abstract RuleNode toNode();

    abstract void setReadOnly(boolean readOnly);

    abstract void clearMarks();

    /**
     * Shows a validator problem on the control it is about.
     *
     * @return false if no control of this editor fits it
     */
    abstract boolean mark(String messageKey, String message);
}
