package com.leadflow.rules.ui;

import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;

import java.util.ArrayList;
import java.util.List;

/** A segment membership condition: [is / is not] in segment [S]. */
final class SegmentEditor extends ConditionEditor {

    private final Select<Boolean> member;
    private final ComboBox<SegmentChoice> segment;

    SegmentEditor(BuilderContext context, SegmentCondition condition, Runnable onEdit) {
        super(context, onEdit);
        addClassName("rule-segment-condition");
        member = EditorFields.select("rule-segment-member", context.translate("ruleBuilder.membership"));
        member.setItems(true, false);
        member.setItemLabelGenerator(m -> context.translate(Boolean.TRUE.equals(m)
                ? "rules.segment.member" : "rules.segment.notMember"));
        segment = EditorFields.comboBox("rule-segment", context.translate("ruleBuilder.segment"));
        segment.setItemLabelGenerator(SegmentChoice::name);
        segment.setPlaceholder(context.translate("ruleBuilder.segment.placeholder"));
        List<SegmentChoice> items = new ArrayList<>(context.segments());
        SegmentChoice chosen = null;
        if (condition != null && condition.segmentId() > 0) {
            chosen = items.stream().filter(s -> s.id() == condition.segmentId()).findFirst().orElse(null);
            if (chosen == null) {
                // deleted meanwhile, or not offered here: still shown, so the rule is not silently changed
                chosen = new SegmentChoice(condition.segmentId(),
                        context.translate("ruleBuilder.segment.unknown", String.valueOf(condition.segmentId())));
                items.add(chosen);
            }
        }
        segment.setItems(items);
        member.setValue(condition == null || condition.member());
        segment.setValue(chosen);
        add(member, segment);
        EditorFields.onUserChange(member, onEdit);
        EditorFields.onUserChange(segment, onEdit);
    }

    @Override
    RuleNode toNode() {
        return new SegmentCondition(segment.getValue() == null ? 0 : segment.getValue().id(),
                !Boolean.FALSE.equals(member.getValue()));
    }

    @Override
    void setReadOnly(boolean readOnly) {
        member.setReadOnly(readOnly);
        segment.setReadOnly(readOnly);
    }

    @Override
    void clearMarks() {
        EditorFields.clear(member);
        EditorFields.clear(segment);
    }

    @Override
    boolean mark(String messageKey, String message) {
        if (!"rules.problem.chooseSegment".equals(messageKey)) {
            return false;
        }
        EditorFields.mark(segment, message);
        return true;
    }
}
