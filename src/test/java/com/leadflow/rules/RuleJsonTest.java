package com.leadflow.rules;

import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashSet;
import java.util.List;

import static com.leadflow.rules.RuleNode.all;
import static com.leadflow.rules.RuleNode.any;
import static com.leadflow.rules.RuleNode.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RuleJsonTest {

    private final RuleJson json = new RuleJson();

    private static final Rule EVERY_KIND = Rule.of(all(
            new FieldCondition("lifecycleStage", Operator.IN, "MQL", "SQL"),
            not(new FieldCondition("company", Operator.CONTAINS, "' OR 1=1 -- \"quoted\" \\ 😀 Ёлка")),
            any(new FieldCondition("createdAt", Operator.MORE_THAN_AGO, "3", "MONTHS"),
                    new FieldCondition("email", Operator.IS_EMPTY)),
            new BehaviourCondition(ActivityType.PAGE_VIEW, 30, "url", "/pricing", Comparison.AT_LEAST, 3),
            new BehaviourCondition(ActivityType.SURVEY_ANSWER, 90, "question", "Budget?", Comparison.EXACTLY, 1, "Yes"),
            new BehaviourCondition(ActivityType.EMAIL_OPEN, 7, null, null, Comparison.AT_MOST, 0),
            new InactivityCondition(new LinkedHashSet<>(List.of(ActivityType.CALL, ActivityType.MEETING)), 90,
                    TimeUnit.DAYS),
            new InactivityCondition(null, 6, TimeUnit.MONTHS),
            new SegmentCondition(Long.MAX_VALUE, false)));

    @Test
    void roundTripsEveryKindOfNode() {
        assertThat(json.read(json.write(EVERY_KIND))).isEqualTo(EVERY_KIND);
    }

    @Test
    void roundTripsIncompleteRulesSoTheValidatorCanReportThem() {
        Rule incomplete = Rule.of(all(new FieldCondition(null, null, java.util.Arrays.asList("x", null)), null,
                new BehaviourCondition(null, -5, "nope", null, null, -1)));
        assertThat(json.read(json.write(incomplete))).isEqualTo(incomplete);
    }

    @Test
    void theStoredFormatIsExplicitAndStable() {
        String stored = """
                {"schemaVersion": 1, "root": {"type": "group", "combinator": "ALL", "children": [
                  {"type": "field", "field": "score", "operator": "GREATER_THAN", "values": ["50"]},
                  {"type": "not", "child": {"type": "segment", "segmentId": 4, "member": true}},
                  {"type": "behaviour", "activityType": "CONTENT_DOWNLOAD", "withinDays": 90, "attribute": "asset",
                   "attributeValue": "E-book", "comparison": "AT_LEAST", "count": 1},
                  {"type": "inactivity", "activityTypes": [], "amount": 3, "unit": "MONTHS"}]}}""";
        assertThat(json.read(stored)).isEqualTo(Rule.of(all(
                new FieldCondition("score", Operator.GREATER_THAN, "50"),
                not(new SegmentCondition(4, true)),
                new BehaviourCondition(ActivityType.CONTENT_DOWNLOAD, 90, "asset", "E-book", Comparison.AT_LEAST, 1),
                new InactivityCondition(null, 3, TimeUnit.MONTHS))));
        assertThat(json.write(Rule.of(new SegmentCondition(4, true))))
                .isEqualTo("{\"schemaVersion\":1,\"root\":{\"type\":\"segment\",\"segmentId\":4,\"member\":true}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "null", "[]", "42", "\"rule\"", "{", "not json at all", "{\"schemaVersion\": \"1\"}",
            "{\"root\": {\"type\": \"group\"}}", "{\"schemaVersion\": 1.5}"})
    void garbageIsNotARule(String text) {
        assertThatThrownBy(() -> json.read(text)).isInstanceOfSatisfying(RuleValidationException.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::messageKey)
                        .containsExactly("rules.json.invalid"));
    }

    @Test
    void aNewerFormatIsRefusedAsAWhole() {
        assertThatThrownBy(() -> json.read("{\"schemaVersion\": 2, \"root\": {\"type\": \"hologram\"}}"))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::messageKey, RuleProblem::params)
                        .containsExactly(tuple("rules.json.unsupportedVersion", List.of(2))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\": \"hologram\"}",
            "{\"type\": \"group\", \"combinator\": \"SOME\", \"children\": []}",
            "{\"type\": \"group\", \"combinator\": \"ALL\", \"children\": {}}",
            "{\"type\": \"field\", \"field\": 7, \"operator\": \"EQUALS\", \"values\": [\"x\"]}",
            "{\"type\": \"field\", \"field\": \"city\", \"operator\": \"LIKE\", \"values\": [\"x\"]}",
            "{\"type\": \"field\", \"field\": \"city\", \"operator\": \"EQUALS\", \"values\": [{\"$ne\": 1}]}",
            "{\"type\": \"field\", \"field\": \"city\", \"operator\": \"EQUALS\", \"values\": [], \"sql\": \"1=1\"}",
            "{\"type\": \"behaviour\", \"activityType\": \"PAGE_VIEW\", \"withinDays\": \"30\","
                    + " \"comparison\": \"AT_LEAST\", \"count\": 1}",
            "{\"type\": \"behaviour\", \"activityType\": \"PAGE_VIEW\", \"withinDays\": 99999999999,"
                    + " \"comparison\": \"AT_LEAST\", \"count\": 1}",
            "{\"type\": \"behaviour\", \"activityType\": \"TELEPATHY\", \"withinDays\": 30,"
                    + " \"comparison\": \"AT_LEAST\", \"count\": 1}",
            "{\"type\": \"inactivity\", \"activityTypes\": \"CALL\", \"amount\": 3, \"unit\": \"DAYS\"}",
            "{\"type\": \"inactivity\", \"activityTypes\": [], \"amount\": 3, \"unit\": \"YEARS\"}",
            "{\"type\": \"segment\", \"segmentId\": \"4\", \"member\": true}",
            "{\"type\": \"segment\", \"segmentId\": 4, \"member\": \"yes\"}",
            "{\"type\": \"segment\", \"segmentId\": 99999999999999999999999, \"member\": true}",
            "[\"group\"]"})
    void aDamagedNodeIsReportedWithItsPosition(String node) {
        String text = "{\"schemaVersion\": 1, \"root\": {\"type\": \"group\", \"combinator\": \"ANY\", \"children\": ["
                + "{\"type\": \"segment\", \"segmentId\": 1, \"member\": true}, " + node + "]}}";
        assertThatThrownBy(() -> json.read(text)).isInstanceOfSatisfying(RuleValidationException.class,
                e -> assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
                    assertThat(problem.messageKey()).isEqualTo("rules.json.damaged");
                    assertThat(problem.path()).isEqualTo("2");
                    assertThat(TranslationBundles.english(problem))
                            .startsWith("The stored rule cannot be read: condition 2");
                }));
    }

    @Test
    void absurdNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"type\": \"not\", \"child\": ".repeat(50_000) + "null" + "}".repeat(50_000);
        assertThatThrownBy(() -> json.read("{\"schemaVersion\": 1, \"root\": " + deep + "}"))
                .isInstanceOf(RuleValidationException.class);
        String arrays = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> json.read(arrays)).isInstanceOf(RuleValidationException.class);
    }
}
