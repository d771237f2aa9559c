package com.leadflow.rules;

import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.rules.RuleProblem.Label;
import com.leadflow.timeline.ActivityType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Says what is wrong with a rule, in words a marketer understands: which condition (by its position) and what to
 * fix. A rule without problems can be compiled to SQL and evaluated; one with problems is refused by both.
 */
public class RuleValidator {

    public static final int MAX_DEPTH = 10;
    public static final int MAX_CONDITIONS = 100;
    public static final int MAX_WITHIN_DAYS = 3650;
    public static final int MAX_COUNT = 100_000;

    private final FieldCatalog catalog;

    public RuleValidator(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    public List<RuleProblem> validate(Rule rule) {
        List<RuleProblem> problems = new ArrayList<>();
        if (rule == null || rule.root() == null) {
            problems.add(problem("", "rules.problem.ruleEmpty"));
            return problems;
        }
        if (rule.schemaVersion() != Rule.CURRENT_SCHEMA_VERSION) {
            problems.add(problem("", "rules.problem.schemaVersion", rule.schemaVersion()));
        }
        int depth = depth(rule.root(), 1);
        if (depth > MAX_DEPTH) {
            // a deeper tree is not walked: nobody builds one by hand, and a hostile one could exhaust the stack
            problems.add(problem("", "rules.problem.tooDeep", MAX_DEPTH));
            return problems;
        }
        if (conditions(rule.root()) > MAX_CONDITIONS) {
            problems.add(problem("", "rules.problem.tooManyConditions", MAX_CONDITIONS));
        }
        check(rule.root(), "", problems);
        return problems;
    }

    /** Throws a {@link RuleValidationException} listing the problems, if there are any. */
    public void requireValid(Rule rule) {
        List<RuleProblem> problems = validate(rule);
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
    }

    /** Levels from here down, counting groups, negations and conditions; stops looking past the limit. */
    private static int depth(RuleNode node, int level) {
        if (level > MAX_DEPTH) {
            return level;
        }
        return switch (node) {
            case Group group -> {
                int deepest = level;
                for (RuleNode child : group.children()) {
                    if (child != null) {
                        deepest = Math.max(deepest, depth(child, level + 1));
                    }
                }
                yield deepest;
            }
            case Not not -> not.child() == null ? level : depth(not.child(), level + 1);
            default -> level;
        };
    }

    private static int conditions(RuleNode node) {
        return switch (node) {
            case null -> 0;
            case Group group -> group.children().stream().mapToInt(RuleValidator::conditions).sum();
            case Not not -> conditions(not.child());
            default -> 1;
        };
    }

    /** Positions count from 1 within each group; a negation keeps the position of what it negates. */
    private void check(RuleNode node, String path, List<RuleProblem> problems) {
        switch (node) {
            case null -> problems.add(problem(path, "rules.problem.missingCondition", shown(path)));
            case Group group -> checkGroup(group, path, problems);
            case Not not -> check(not.child(), path, problems);
            case FieldCondition condition -> checkField(condition, shown(path), problems);
            case BehaviourCondition condition -> checkBehaviour(condition, shown(path), problems);
            case InactivityCondition condition -> checkInactivity(condition, shown(path), problems);
            case SegmentCondition condition -> {
                if (condition.segmentId() <= 0) {
                    problems.add(problem(shown(path), "rules.problem.chooseSegment", shown(path)));
                }
            }
        }
    }

    private void checkGroup(Group group, String path, List<RuleProblem> problems) {
        if (group.combinator() == null) {
            problems.add(problem(path, "rules.problem.chooseCombinator", shown(path)));
        }
        if (group.children().isEmpty()) {
            problems.add(path.isEmpty() ? problem("", "rules.problem.ruleEmpty")
                    : problem(path, "rules.problem.groupEmpty", path));
        }
        for (int i = 0; i < group.children().size(); i++) {
            check(group.children().get(i), path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1), problems);
        }
    }

    private void checkField(FieldCondition condition, String path, List<RuleProblem> problems) {
        if (condition.field() == null || condition.field().isEmpty()) {
            problems.add(problem(path, "rules.problem.chooseField", path));
            return;
        }
        FieldDefinition field = catalog.field(condition.field());
        if (field == null) {
            problems.add(problem(path, "rules.problem.unknownField", path, shorten(condition.field())));
            return;
        }
        Label label = new Label(field.labelKey());
        Operator operator = condition.operator();
        if (operator == null) {
            problems.add(problem(path, "rules.problem.chooseOperator", path, label));
            return;
        }
        if (!field.operators().contains(operator)) {
            problems.add(problem(path, "rules.problem.operatorNotAllowed", path, label,
                    new Label("rules.operator." + operator.name())));
            return;
        }
        List<String> values = condition.values();
        switch (operator.arity()) {
            case NONE -> {
            }
            case ONE -> {
                if (values.size() > 1) {
                    problems.add(problem(path, "rules.problem.oneValue", path, label));
                } else {
                    checkValue(field, values.isEmpty() ? null : values.getFirst(), path, problems);
                }
            }
            case LIST -> {
                if (values.isEmpty()) {
                    problems.add(problem(path, "rules.problem.chooseValues", path, label));
                } else if (values.size() > ConditionValues.MAX_LIST_SIZE) {
                    problems.add(problem(path, "rules.problem.tooManyValues", path, ConditionValues.MAX_LIST_SIZE));
                } else {
                    for (String value : values) {
                        if (!checkValue(field, value, path, problems)) {
                            break; // one message per condition is enough
                        }
                    }
                }
            }
            case TWO -> checkRange(field, values, path, problems);
            case RELATIVE_TIME -> checkRelativeTime(values, path, problems);
        }
    }

    /** Adds a problem and answers false if the value does not fit the field. */
    private boolean checkValue(FieldDefinition field, String value, String path, List<RuleProblem> problems) {
        Label label = new Label(field.labelKey());
        if (value == null || value.isEmpty()) {
            problems.add(problem(path, "rules.problem.needsValue", path, label));
            return false;
        }
        RuleProblem problem = switch (field.type()) {
            case TEXT -> textProblem(value, path);
            case ENUM -> field.enumValues().contains(value) ? null
                    : problem(path, "rules.problem.unknownValue", path, label, shorten(value));
            case NUMBER -> numberProblem(field, value, path);
            case DATE -> ConditionValues.date(value) != null ? null
                    : problem(path, "rules.problem.needsDate", path, label);
            case BOOLEAN -> null;
        };
        if (problem != null) {
            problems.add(problem);
        }
        return problem == null;
    }

    private static RuleProblem numberProblem(FieldDefinition field, String value, String path) {
        Long number = ConditionValues.number(value);
        if (number == null) {
            return problem(path, "rules.problem.needsNumber", path, new Label(field.labelKey()));
        }
        if (number < field.minNumber() || number > field.maxNumber()) {
            return problem(path, "rules.problem.numberOutOfRange", path, new Label(field.labelKey()),
                    field.minNumber(), field.maxNumber());
        }
        return null;
    }

    private void checkRange(FieldDefinition field, List<String> values, String path, List<RuleProblem> problems) {
        if (values.size() != 2) {
            problems.add(problem(path, "rules.problem.needsRange", path, new Label(field.labelKey())));
            return;
        }
        if (!checkValue(field, values.get(0), path, problems) || !checkValue(field, values.get(1), path, problems)) {
            return;
        }
        boolean reversed = field.type() == FieldType.DATE
                ? ConditionValues.date(values.get(0)).isAfter(ConditionValues.date(values.get(1)))
                : ConditionValues.number(values.get(0)) > ConditionValues.number(values.get(1));
        if (reversed) {
            problems.add(problem(path, "rules.problem.rangeReversed", path));
        }
    }

    private void checkRelativeTime(List<String> values, String path, List<RuleProblem> problems) {
        TimeUnit unit = values.size() == 2 ? ConditionValues.unit(values.get(1)) : null;
        if (unit == null) {
            problems.add(problem(path, "rules.problem.needsRelativeTime", path));
            return;
        }
        checkAmount(ConditionValues.amount(values.get(0)), unit, path, problems);
    }

    private void checkAmount(Integer amount, TimeUnit unit, String path, List<RuleProblem> problems) {
        if (amount == null || amount < 1 || amount > unit.maxAmount()) {
            problems.add(problem(path, "rules.problem.amountOutOfRange", path, unit.maxAmount(),
                    new Label("rules.unit." + unit.name())));
        }
    }

    private void checkBehaviour(BehaviourCondition condition, String path, List<RuleProblem> problems) {
        if (condition.type() == null) {
            problems.add(problem(path, "rules.problem.chooseActivityType", path));
        }
        if (condition.withinDays() < 1 || condition.withinDays() > MAX_WITHIN_DAYS) {
            problems.add(problem(path, "rules.problem.daysOutOfRange", path, MAX_WITHIN_DAYS));
        }
        if (condition.comparison() == null) {
            problems.add(problem(path, "rules.problem.chooseComparison", path));
        }
        if (condition.count() < 0) {
            problems.add(problem(path, "rules.problem.countNegative", path));
        } else if (condition.count() > MAX_COUNT) {
            problems.add(problem(path, "rules.problem.countTooLarge", path, MAX_COUNT));
        }
        String attribute = condition.attribute();
        if (attribute != null && !attribute.isEmpty()) {
            Set<ActivityType> types = FieldCatalog.ACTIVITY_ATTRIBUTES.get(attribute);
            if (types == null) {
                problems.add(problem(path, "rules.problem.unknownAttribute", path, shorten(attribute)));
            } else if (condition.type() != null && !types.contains(condition.type())) {
                problems.add(problem(path, "rules.problem.attributeNotForType", path,
                        new Label("rules.attribute." + attribute), new Label("activity." + condition.type().name())));
            }
            if (condition.attributeValue() == null || condition.attributeValue().isEmpty()) {
                problems.add(problem(path, "rules.problem.needsAttributeValue", path));
            } else {
                addIfProblem(textProblem(condition.attributeValue(), path), problems);
            }
        }
        String answer = condition.answerValue();
        if (answer != null && !answer.isEmpty()) {
            if (!"question".equals(attribute)) {
                problems.add(problem(path, "rules.problem.answerWithoutQuestion", path));
            } else {
                addIfProblem(textProblem(answer, path), problems);
            }
        }
    }

    private void checkInactivity(InactivityCondition condition, String path, List<RuleProblem> problems) {
        if (condition.types().contains(null)) {
            problems.add(problem(path, "rules.problem.chooseActivityType", path));
        }
        if (condition.unit() == null) {
            problems.add(problem(path, "rules.problem.needsRelativeTime", path));
        } else {
            checkAmount(condition.amount(), condition.unit(), path, problems);
        }
    }

    private static RuleProblem textProblem(String value, String path) {
        if (value.length() > ConditionValues.MAX_TEXT_LENGTH) {
            return problem(path, "rules.problem.textTooLong", path, ConditionValues.MAX_TEXT_LENGTH);
        }
        if (!ConditionValues.isStorable(value)) {
            return problem(path, "rules.problem.invalidText", path);
        }
        return null;
    }

    private static void addIfProblem(RuleProblem problem, List<RuleProblem> problems) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** A condition that is the whole rule is condition 1. */
    private static String shown(String path) {
        return path.isEmpty() ? "1" : path;
    }

    /** Quoting a 10,000-character value back to the user helps nobody. */
    private static String shorten(String text) {
        return text.codePointCount(0, text.length()) <= 40 ? text
                : text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
    }

    private static RuleProblem problem(String path, String key, Object... params) {
        return new RuleProblem(path, key, List.of(params));
    }
}
