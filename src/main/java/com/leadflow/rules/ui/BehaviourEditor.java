package com.leadflow.rules.ui;

import com.leadflow.rules.Comparison;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleValidator;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.timeline.ActivityType;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.leadflow.timeline.ActivityType.*;

/**
 * A behaviour condition: "[content download] [at least] [1] times in the last [30] days", optionally only those
 * activities whose detail matches ([asset] is […]; for a survey question also the answer).
 */
final class BehaviourEditor extends ConditionEditor {

    /** What the contact does; system entries (field changes, segment moves) are not behaviour. */
    static final List<ActivityType> ENGAGEMENT_TYPES = List.of(PAGE_VIEW, CONTENT_DOWNLOAD, EMAIL_OPEN, EMAIL_CLICK,
            FORM_SUBMIT, SURVEY_ANSWER, CALL, MEETING, NOTE);
    static final int DEFAULT_COUNT = 1;
    static final int DEFAULT_DAYS = 30;

    private final Select<ActivityType> type;
    private final Select<Comparison> comparison;
    private final IntegerField count;
    private final IntegerField withinDays;
    private final Select<String> attribute;
    private final TextField attributeValue;
    private final TextField answer;

    BehaviourEditor(BuilderContext context, BehaviourCondition condition, Runnable onEdit) {
        super(context, onEdit);
        addClassName("rule-behaviour-condition");
        type = EditorFields.select("rule-activity-type", context.translate("ruleBuilder.activityType"));
        List<ActivityType> types = new ArrayList<>(ENGAGEMENT_TYPES);
        if (condition != null && condition.type() != null && !types.contains(condition.type())) {
            types.add(condition.type()); // stored by hand or by an older version: shown as it is
        }
        type.setItems(types);
        type.setItemLabelGenerator(t -> context.translate("activity." + t.name()));
        type.setPlaceholder(context.translate("ruleBuilder.activityType.placeholder"));

        comparison = EditorFields.select("rule-comparison", context.translate("ruleBuilder.comparison"));
        comparison.setItems(Comparison.values());
        comparison.setItemLabelGenerator(c -> context.translate("rules.comparison." + c.name()));
        count = EditorFields.integerField("rule-count", context.translate("ruleBuilder.count"));
        withinDays = EditorFields.integerField("rule-within-days", context.translate("ruleBuilder.withinDays"));

        attribute = EditorFields.select("rule-attribute", context.translate("ruleBuilder.attribute"));
        attribute.setEmptySelectionAllowed(true);
        attribute.setEmptySelectionCaption(context.translate("ruleBuilder.attribute.any"));
        attribute.setItemLabelGenerator(a -> a == null ? context.translate("ruleBuilder.attribute.any")
                : context.translateOr("rules.attribute." + a, a));
        attributeValue = EditorFields.textField("rule-attribute-value",
                context.translate("ruleBuilder.attributeValue"));
        answer = EditorFields.textField("rule-answer", context.translate("ruleBuilder.answer"));
        answer.setPlaceholder(context.translate("ruleBuilder.answer"));

        add(type, comparison, count, EditorFields.words(context.translate("ruleBuilder.timesWithin")), withinDays,
                EditorFields.words(context.translate("ruleBuilder.days")), attribute, attributeValue, answer);

        if (condition == null) {
            comparison.setValue(Comparison.AT_LEAST);
            count.setValue(DEFAULT_COUNT);
            withinDays.setValue(DEFAULT_DAYS);
            showAttributes(null);
        } else {
            type.setValue(condition.type());
            comparison.setValue(condition.comparison());
            count.setValue(condition.count());
            withinDays.setValue(condition.withinDays());
            showAttributes(emptyToNull(condition.attribute()));
            attributeValue.setValue(nullToEmpty(condition.attributeValue()));
            answer.setValue(nullToEmpty(condition.answerValue()));
        }
        showAttributeValue();

        EditorFields.onUserChange(type, () -> {
            String current = attribute.getValue();
            showAttributes(current != null && attributesOf(type.getValue()).contains(current) ? current : null);
            showAttributeValue();
            onEdit.run();
        });
        EditorFields.onUserChange(attribute, () -> {
            showAttributeValue();
            onEdit.run();
        });
        EditorFields.onUserChange(comparison, onEdit);
        EditorFields.onUserChange(count, onEdit);
        EditorFields.onUserChange(withinDays, onEdit);
        EditorFields.onUserChange(attributeValue, onEdit);
        EditorFields.onUserChange(answer, onEdit);
    }

    /** The details activities of that type carry (a URL, an asset …), in the catalog's order. */
    private static List<String> attributesOf(ActivityType activityType) {
        List<String> attributes = new ArrayList<>();
        for (Map.Entry<String, Set<ActivityType>> entry : FieldCatalog.ACTIVITY_ATTRIBUTES.entrySet()) {
            if (activityType != null && entry.getValue().contains(activityType)) {
                attributes.add(entry.getKey());
            }
        }
        return attributes;
    }

    private void showAttributes(String value) {
        List<String> items = attributesOf(type.getValue());
        if (value != null && !items.contains(value)) {
            items.add(value); // a stored detail the type does not have: shown, and reported by validation
        }
        attribute.setItems(items);
        attribute.setValue(value);
        attribute.setVisible(!items.isEmpty());
    }

    private void showAttributeValue() {
        String chosen = attribute.getValue();
        attributeValue.setVisible(chosen != null);
        boolean contains = chosen != null && FieldCatalog.CONTAINS_ATTRIBUTES.contains(chosen);
        attributeValue.setPlaceholder(context.translate(contains
                ? "ruleBuilder.attributeValue.contains" : "ruleBuilder.attributeValue.equals"));
        answer.setVisible("question".equals(chosen));
    }

    /** An emptied count field; the condition then holds -1 so that it never passes validation unnoticed. */
    boolean countMissing() {
        return count.getValue() == null;
    }

    @Override
    RuleNode toNode() {
        String chosen = attribute.getValue();
        return new BehaviourCondition(type.getValue(),
                withinDays.getValue() == null ? 0 : withinDays.getValue(),
                chosen,
                chosen == null ? null : emptyToNull(attributeValue.getValue()),
                comparison.getValue(),
                count.getValue() == null ? -1 : count.getValue(),
                "question".equals(chosen) ? emptyToNull(answer.getValue()) : null);
    }

    @Override
    void setReadOnly(boolean readOnly) {
        List.<AbstractField<?, ?>>of(type, comparison, count, withinDays, attribute, attributeValue, answer)
                .forEach(field -> field.setReadOnly(readOnly));
    }

    @Override
    void clearMarks() {
        List.<HasValidationProperties>of(type, comparison, count, withinDays, attribute, attributeValue, answer)
                .forEach(EditorFields::clear);
    }

    @Override
    boolean mark(String messageKey, String message) {
        switch (messageKey) {
            case "rules.problem.chooseActivityType" -> EditorFields.mark(type, message);
            case "rules.problem.daysOutOfRange" -> EditorFields.mark(withinDays, message);
            case "rules.problem.chooseComparison" -> EditorFields.mark(comparison, message);
            case "rules.problem.countNegative", "rules.problem.countTooLarge", RuleBuilder.COUNT_MISSING ->
                    EditorFields.mark(count, message);
            case "rules.problem.unknownAttribute", "rules.problem.attributeNotForType",
                 "rules.problem.answerWithoutQuestion" -> EditorFields.mark(attribute, message);
            case "rules.problem.needsAttributeValue" -> EditorFields.mark(attributeValue, message);
            case "rules.problem.textTooLong", "rules.problem.invalidText" ->
                    EditorFields.mark(answer.isVisible() && attributeValueFits(messageKey) ? answer : attributeValue,
                            message);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether the detail's text is free of the problem, so that it must be the answer's: the validator decides. */
    private boolean attributeValueFits(String messageKey) {
        BehaviourCondition probe = new BehaviourCondition(SURVEY_ANSWER, 1, "question", attributeValue.getValue(),
                Comparison.AT_LEAST, 1);
        return new RuleValidator(context.catalog()).validate(Rule.of(probe)).stream()
                .noneMatch(problem -> problem.messageKey().equals(messageKey));
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
