package com.leadflow.rules.ui;

import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.SegmentCondition;

/** What a condition row checks; picking one decides the controls that follow it. */
enum ConditionKind {
    FIELD("rules.condition.field"),
    BEHAVIOUR("rules.condition.behaviour"),
    INACTIVITY("rules.condition.inactivity"),
    SEGMENT("rules.condition.segment");

    private final String labelKey;

    ConditionKind(String labelKey) {
        this.labelKey = labelKey;
    }

    String labelKey() {
        return labelKey;
    }

    /** The kind of a condition node; null for anything else (a missing condition). */
    static ConditionKind of(RuleNode node) {
        return switch (node) {
            case FieldCondition ignored -> FIELD;
            case BehaviourCondition ignored -> BEHAVIOUR;
            case InactivityCondition ignored -> INACTIVITY;
            case SegmentCondition ignored -> SEGMENT;
            case null, default -> null;
        };
    }
}
