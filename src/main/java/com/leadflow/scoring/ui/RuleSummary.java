package com.leadflow.scoring.ui;

import com.leadflow.rules.Combinator;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldDefinition;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** One line of text saying what a rule checks, for the scoring table (the rule builder shows the whole tree). */
final class RuleSummary {

    private final FieldCatalog catalog;
    private final BiFunction<String, Object[], String> translate;

    RuleSummary(FieldCatalog catalog, BiFunction<String, Object[], String> translate) {
        this.catalog = catalog;
        this.translate = translate;
    }

    String of(Rule rule) {
        return rule == null || rule.root() == null ? "" : node(rule.root(), true);
    }

    private String node(RuleNode node, boolean top) {
        return switch (node) {
            case null -> "…";
            case RuleNode.Group group -> {
                if (group.children().size() == 1) {
                    yield node(group.children().getFirst(), top);
                }
                String joined = group.children().stream().map(child -> node(child, false)).collect(Collectors.joining(
                        " " + t(group.combinator() == Combinator.ANY ? "scoring.summary.or" : "scoring.summary.and")
                                + " "));
                yield top ? joined : "(" + joined + ")";
            }
            case RuleNode.Not not -> t("scoring.summary.not", node(not.child(), false));
            case RuleNode.FieldCondition c -> field(c);
            case RuleNode.BehaviourCondition c -> t("scoring.summary.behaviour",
                    c.type() == null ? "…" : t("activity." + c.type().name()),
                    c.comparison() == null ? "…" : t("rules.comparison." + c.comparison().name()), c.count(),
                    c.withinDays())
                    + (c.attributeValue() == null || c.attributeValue().isEmpty() ? "" : " “" + c.attributeValue() + "”");
            case RuleNode.InactivityCondition c -> t("scoring.summary.inactivity", c.amount(),
                    c.unit() == null ? "…" : t("rules.unit." + c.unit().name()));
            case RuleNode.SegmentCondition c -> t(c.member() ? "scoring.summary.inSegment"
                    : "scoring.summary.notInSegment", c.segmentId());
        };
    }

    private String field(RuleNode.FieldCondition condition) {
        FieldDefinition field = catalog.field(condition.field());
        String label = field == null ? String.valueOf(condition.field()) : t(field.labelKey());
        Operator operator = condition.operator();
        if (operator == null) {
            return label + " …";
        }
        List<String> values = condition.values().stream().map(v -> value(field, v)).toList();
        String shown = switch (operator.arity()) {
            case NONE -> "";
            case RELATIVE_TIME -> values.size() < 2 ? "…" : values.get(0) + " "
                    + t("rules.unit." + condition.values().get(1));
            case TWO -> String.join(" – ", values);
            default -> String.join(", ", values);
        };
        return (label + " " + t("rules.operator." + operator.name()) + " " + shown).trim();
    }

    private String value(FieldDefinition field, String value) {
        if (field != null && value != null && catalog.idLabels(field.name()).containsKey(value)) {
            return catalog.idLabels(field.name()).get(value); // a person's or team's name, not their id
        }
        String key = field == null || value == null ? null : field.valueLabelKey(value);
        return key == null ? "“" + value + "”" : t(key);
    }

    private String t(String key, Object... params) {
        return translate.apply(key, params);
    }
}
