package com.leadflow.rules;

import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.leadflow.rules.RuleNode.all;
import static com.leadflow.rules.RuleNode.any;
import static com.leadflow.rules.RuleNode.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleValidatorTest {

    private static final List<String> FUNNEL = List.of("UNINTERESTED", "INTERESTED", "WON", "LOST");
    private final FieldCatalog catalog = new FieldCatalog(FUNNEL);
    private final RuleValidator validator = new RuleValidator(catalog);

    private static FieldCondition field(String field, Operator operator, String... values) {
        return new FieldCondition(field, operator, values);
    }

    private static BehaviourCondition pageViews(int withinDays, Comparison comparison, int count) {
        return new BehaviourCondition(ActivityType.PAGE_VIEW, withinDays, null, null, comparison, count);
    }

    private static final FieldCondition IS_SQL = field("lifecycleStage", Operator.EQUALS, "SQL");

    /** The problems of a rule as the marketer reads them, in English. */
    private List<String> english(RuleNode root) {
        return validator.validate(Rule.of(root)).stream().map(TranslationBundles::english).toList();
    }

    @Test
    void aSensibleRuleHasNoProblems() {
        Rule inactiveSqls = Rule.of(all(IS_SQL,
                new InactivityCondition(Set.of(), 3, TimeUnit.MONTHS),
                not(field("doNotContact", Operator.IS_TRUE)),
                any(field("score", Operator.BETWEEN, "-10", "80"),
                        field("country", Operator.IN, "DE", "AT"),
                        field("funnelStage", Operator.NOT_IN, "WON", "LOST"),
                        field("createdAt", Operator.MORE_THAN_AGO, "30", "DAYS"),
                        field("firstTouchAt", Operator.BEFORE, "2025-01-31"),
                        field("email", Operator.IS_EMPTY)),
                new BehaviourCondition(ActivityType.PAGE_VIEW, 30, "url", "/pricing", Comparison.AT_LEAST, 3),
                new BehaviourCondition(ActivityType.SURVEY_ANSWER, 90, "question", "Budget?", Comparison.AT_LEAST, 1,
                        "Over 10k"),
                new SegmentCondition(7, false)));
        assertThat(validator.validate(inactiveSqls)).isEmpty();
    }

    @Test
    void saysWhichConditionNeedsANumber() {
        assertThat(english(all(IS_SQL, IS_SQL, field("score", Operator.GREATER_THAN, "fifty"))))
                .containsExactly("Condition 3: “Score” needs a whole number.");
        assertThat(english(all(field("score", Operator.EQUALS, "99999999999999999999"))))
                .containsExactly("Condition 1: “Score” needs a whole number.");
        assertThat(english(all(field("score", Operator.NOT_IN, "1", "-9223372036854775808"))))
                .containsExactly("Condition 1: “Score” must be from -2,147,483,648 to 2,147,483,647.");
        assertThat(validator.validate(Rule.of(field("owner", Operator.NOT_IN, "1", "-9223372036854775808")))).isEmpty();
        assertThat(english(all(field("owner", Operator.IN, "3", " 4"))))
                .containsExactly("Condition 1: “Owner” needs a whole number.");
    }

    @Test
    void positionsFollowNestedGroupsAndNotKeepsThePosition() {
        assertThat(english(all(IS_SQL, any(IS_SQL, not(field("status", Operator.IN))))))
                .containsExactly("Condition 2.2: choose at least one value.");
        assertThat(english(field("status", Operator.IN)))
                .containsExactly("Condition 1: choose at least one value.");
    }

    @Test
    void emptyGroupsAndRules() {
        assertThat(english(all(all(), IS_SQL)))
                .containsExactly("Group 1 is empty: add a condition or remove the group.");
        assertThat(english(all())).containsExactly("Add at least one condition.");
        assertThat(validator.validate(null)).extracting(RuleProblem::messageKey)
                .containsExactly("rules.problem.ruleEmpty");
        assertThat(english(new Group(null, List.of(IS_SQL))))
                .containsExactly("Group 1: choose whether all or any of its conditions must match.");
        assertThat(english(all(IS_SQL, null)))
                .containsExactly("Condition 2 is missing: choose what to check or remove it.");
        assertThat(english(not(null))).containsExactly("Condition 1 is missing: choose what to check or remove it.");
    }

    @Test
    void unknownFieldsValuesAndOperatorsThatDoNotFitTheType() {
        assertThat(english(all(field("password_hash", Operator.EQUALS, "x"))))
                .containsExactly("Condition 1: there is no field called “password_hash”.");
        assertThat(english(all(field("score", Operator.CONTAINS, "5"))))
                .containsExactly("Condition 1: “Score” cannot be compared with “contains”.");
        assertThat(english(all(field("doNotContact", Operator.EQUALS, "true"))))
                .containsExactly("Condition 1: “Do not contact” cannot be compared with “is”.");
        assertThat(english(all(field("lifecycleStage", Operator.IS_EMPTY))))
                .containsExactly("Condition 1: “Lifecycle stage” cannot be compared with “is empty”.");
        assertThat(english(all(field("lifecycleStage", Operator.EQUALS, "sql"))))
                .containsExactly("Condition 1: “sql” is not a possible value of “Lifecycle stage”.");
        assertThat(english(all(field("funnelStage", Operator.EQUALS, "MOON"))))
                .containsExactly("Condition 1: “MOON” is not a possible value of “Funnel stage”.");
        assertThat(english(all(new FieldCondition(null, Operator.EQUALS, List.of("x")))))
                .containsExactly("Condition 1: choose a field.");
        assertThat(english(all(new FieldCondition("city", null, List.of("x")))))
                .containsExactly("Condition 1: choose how to compare “City”.");
    }

    @Test
    void valuesOfTheWrongShape() {
        assertThat(english(all(field("city", Operator.EQUALS)))).containsExactly("Condition 1: “City” needs a value.");
        assertThat(english(all(field("city", Operator.EQUALS, ""))))
                .containsExactly("Condition 1: “City” needs a value.");
        assertThat(english(all(field("city", Operator.EQUALS, "Bonn", "Köln"))))
                .containsExactly("Condition 1: “City” takes exactly one value.");
        assertThat(english(all(field("score", Operator.BETWEEN, "10"))))
                .containsExactly("Condition 1: “Score” needs a from and a to value.");
        assertThat(english(all(field("score", Operator.BETWEEN, "80", "10"))))
                .containsExactly("Condition 1: the from value is greater than the to value.");
        assertThat(english(all(field("createdAt", Operator.AFTER, "2025-02-30"))))
                .containsExactly("Condition 1: “Created” needs a date between 1900 and 2999.");
        assertThat(english(all(field("createdAt", Operator.MORE_THAN_AGO, "3", "YEARS"))))
                .containsExactly("Condition 1: enter a number of days or months.");
        assertThat(english(all(field("createdAt", Operator.MORE_THAN_AGO, "121", "MONTHS"))))
                .containsExactly("Condition 1: the number of months must be from 1 to 120.");
        assertThat(english(all(field("createdAt", Operator.LESS_THAN_AGO, "0", "DAYS"))))
                .containsExactly("Condition 1: the number of days must be from 1 to 3,650.");
        String[] many = new String[201];
        Arrays.fill(many, "x");
        assertThat(english(all(field("city", Operator.IN, many))))
                .containsExactly("Condition 1: choose at most 200 values.");
    }

    @Test
    void textIsLimitedTo500CharactersAndMustBeStorable() {
        assertThat(validator.validate(Rule.of(field("company", Operator.CONTAINS, "x".repeat(500))))).isEmpty();
        assertThat(english(all(field("company", Operator.CONTAINS, "x".repeat(501)))))
                .containsExactly("Condition 1: the text is longer than 500 characters.");
        assertThat(english(all(field("company", Operator.CONTAINS, "broken \uD800 half"))))
                .containsExactly("Condition 1: the text contains characters that cannot be stored.");
        // hostile text is just text: it is bound, never spliced into SQL
        assertThat(validator.validate(Rule.of(field("company", Operator.EQUALS, "' OR 1=1 --; DROP TABLE contact"))))
                .isEmpty();
    }

    @Test
    void behaviourConditions() {
        assertThat(english(all(pageViews(30, Comparison.AT_LEAST, -1))))
                .containsExactly("Condition 1: the number of times cannot be negative.");
        assertThat(english(all(pageViews(0, Comparison.AT_LEAST, 1))))
                .containsExactly("Condition 1: the number of days must be from 1 to 3,650.");
        assertThat(english(all(pageViews(3651, Comparison.AT_MOST, 1))))
                .containsExactly("Condition 1: the number of days must be from 1 to 3,650.");
        assertThat(english(all(new BehaviourCondition(null, 30, null, null, null, 1))))
                .containsExactly("Condition 1: choose the kind of activity.",
                        "Condition 1: choose at least, at most or exactly.");
        assertThat(english(all(new BehaviourCondition(ActivityType.CALL, 30, "asset",
                "e-book", Comparison.EXACTLY, 0))))
                .containsExactly("Condition 1: “Call” activities have no “Asset”.");
        assertThat(english(all(new BehaviourCondition(ActivityType.CALL, 30, "$.secret", "x", Comparison.EXACTLY, 0))))
                .containsExactly("Condition 1: activities have no detail called “$.secret”.");
        assertThat(english(all(new BehaviourCondition(ActivityType.PAGE_VIEW, 30, "url", "", Comparison.AT_LEAST, 1))))
                .containsExactly("Condition 1: enter the text to look for.");
        assertThat(english(all(new BehaviourCondition(ActivityType.PAGE_VIEW, 30, "url", "/x", Comparison.AT_LEAST, 1,
                "yes")))).containsExactly(
                "Condition 1: an answer can only be matched together with a survey question.");
    }

    @Test
    void inactivityAndSegmentConditions() {
        assertThat(english(all(new InactivityCondition(Set.of(), 0, TimeUnit.DAYS))))
                .containsExactly("Condition 1: the number of days must be from 1 to 3,650.");
        assertThat(english(all(new InactivityCondition(Set.of(ActivityType.CALL), 3, null))))
                .containsExactly("Condition 1: enter a number of days or months.");
        Set<ActivityType> withNull = new HashSet<>();
        withNull.add(null);
        assertThat(english(all(new InactivityCondition(withNull, 3, TimeUnit.MONTHS))))
                .containsExactly("Condition 1: choose the kind of activity.");
        assertThat(english(all(new SegmentCondition(0, true)))).containsExactly("Condition 1: choose a segment.");
    }

    @Test
    void limitsOnSize() {
        RuleNode deep = IS_SQL;
        for (int i = 0; i < 9; i++) {
            deep = all(deep);
        }
        assertThat(validator.validate(Rule.of(deep))).as("10 levels").isEmpty();
        assertThat(english(all(deep)))
                .containsExactly("The rule is nested more than 10 levels deep. Flatten some groups.");
        // a hostile depth is refused without walking it
        RuleNode abyss = IS_SQL;
        for (int i = 0; i < 100_000; i++) {
            abyss = not(abyss);
        }
        assertThat(validator.validate(Rule.of(abyss))).extracting(RuleProblem::messageKey)
                .containsExactly("rules.problem.tooDeep");

        List<RuleNode> conditions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            conditions.add(IS_SQL);
        }
        assertThat(validator.validate(Rule.of(new Group(Combinator.ANY, conditions)))).isEmpty();
        conditions.add(IS_SQL);
        assertThat(english(new Group(Combinator.ANY, conditions)))
                .containsExactly("The rule has more than 100 conditions. Split it into several segments.");
        assertThat(validator.validate(new Rule(2, IS_SQL))).extracting(RuleProblem::messageKey)
                .containsExactly("rules.problem.schemaVersion");
    }

    @Test
    void messagesReadInRussianToo() {
        RuleProblem problem = validator.validate(Rule.of(all(IS_SQL, field("score", Operator.GREATER_THAN, "x"))))
                .getFirst();
        assertThat(TranslationBundles.russian(problem)).isEqualTo("Условие 2: для «Оценка» нужно целое число.");
    }

    @Test
    void everyRuleKeyIsInBothLanguagesAndEveryLabelExists() {
        Set<String> english = ruleKeys(TranslationBundles.ENGLISH.stringPropertyNames());
        Set<String> russian = ruleKeys(TranslationBundles.RUSSIAN.stringPropertyNames());
        assertThat(russian).isEqualTo(english);
        for (FieldDefinition field : catalog.fields()) {
            assertThat(english).contains(field.labelKey());
            for (Operator operator : field.operators()) {
                assertThat(english).contains("rules.operator." + operator.name());
            }
            for (String value : field.enumValues()) {
                assertThat(TranslationBundles.ENGLISH).containsKey(field.valueLabelKey(value));
                assertThat(TranslationBundles.RUSSIAN).containsKey(field.valueLabelKey(value));
            }
        }
        FieldCatalog.ACTIVITY_ATTRIBUTES.keySet().forEach(a -> assertThat(english).contains("rules.attribute." + a));
    }

    @Test
    void compilerAndEvaluatorRefuseARuleWithProblems() {
        Rule broken = Rule.of(all(IS_SQL, field("score", Operator.GREATER_THAN, "1; DROP TABLE contact")));
        assertThatThrownBy(() -> new RuleSqlCompiler(catalog).compile(broken, java.time.Instant.now()))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::messageKey).containsExactly("rules.problem.needsNumber"));
        assertThatThrownBy(() -> new RuleEvaluator(catalog).matches(broken, null, java.time.Instant.now()))
                .isInstanceOf(RuleValidationException.class);
    }

    private static Set<String> ruleKeys(Set<String> keys) {
        return keys.stream().filter(key -> key.startsWith("rules.")).collect(Collectors.toSet());
    }
}
