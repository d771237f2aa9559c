package com.leadflow.lifecycle;

import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.Comparison;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.timeline.ActivityType;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * On first start, gives every stage of {@link LifecycleStage} a definition with a sensible default entry rule.
 * Existing definitions are never touched (marketing may have edited them). Contacts are not moved here: rules only
 * ever move forward and nothing moves a contact back automatically, so applying them to everybody is marketing's
 * explicit "re-apply", not a side effect of a start.
 */
@Component
@Order(5)
class LifecycleDefaults implements ApplicationRunner {

    static final Map<LifecycleStage, Rule> DEFAULT_RULES = new LinkedHashMap<>();

    static {
        DEFAULT_RULES.put(LifecycleStage.SUBSCRIBER, null); // where every contact starts
        // known where they came from, or reachable and showing any engagement in the last year
        DEFAULT_RULES.put(LifecycleStage.LEAD, Rule.of(RuleNode.any(
                new FieldCondition("firstTouchSource", Operator.IS_NOT_EMPTY),
                RuleNode.all(
                        new FieldCondition("email", Operator.IS_NOT_EMPTY),
                        RuleNode.any(
                                engaged(ActivityType.FORM_SUBMIT, 365, 1),
                                engaged(ActivityType.CONTENT_DOWNLOAD, 365, 1),
                                engaged(ActivityType.SURVEY_ANSWER, 365, 1),
                                engaged(ActivityType.EMAIL_CLICK, 365, 1),
                                engaged(ActivityType.PAGE_VIEW, 365, 1))))));
        // the scoring model's MQL threshold, or content downloaded and a few page views within a month
        DEFAULT_RULES.put(LifecycleStage.MQL, Rule.of(RuleNode.any(
                new FieldCondition("score", Operator.GREATER_THAN, "59"),
                RuleNode.all(
                        engaged(ActivityType.CONTENT_DOWNLOAD, 30, 1),
                        engaged(ActivityType.PAGE_VIEW, 30, 3)))));
        // sales has talked to them recently and the deal is open
        DEFAULT_RULES.put(LifecycleStage.SQL, Rule.of(RuleNode.all(
                new FieldCondition("status", Operator.EQUALS, ContactStatus.OPEN.name()),
                RuleNode.any(
                        engaged(ActivityType.CALL, 90, 1),
                        engaged(ActivityType.MEETING, 90, 1)))));
        DEFAULT_RULES.put(LifecycleStage.OPPORTUNITY, Rule.of(RuleNode.all(
                new FieldCondition("funnelStage", Operator.IN, "ACTIVE_REQUEST", "REQUEST_SENT", "AGREED_INVOICED"))));
        DEFAULT_RULES.put(LifecycleStage.CUSTOMER, Rule.of(RuleNode.any(
                new FieldCondition("status", Operator.EQUALS, ContactStatus.WON.name()),
                new FieldCondition("funnelStage", Operator.IN, "PAYMENT_RECEIVED", "DELIVERED", "WON"))));
    }

    private static BehaviourCondition engaged(ActivityType type, int withinDays, int atLeast) {
        return new BehaviourCondition(type, withinDays, null, null, Comparison.AT_LEAST, atLeast);
    }

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;

    LifecycleDefaults(JdbcTemplate jdbc, RuleJson ruleJson) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
    }

    @Override
    public void run(ApplicationArguments args) {
        Timestamp now = Timestamp.from(Instant.now());
        int position = 10;
        for (LifecycleStage stage : LifecycleStage.values()) {
            Rule rule = DEFAULT_RULES.get(stage);
            jdbc.update("""
                    INSERT IGNORE INTO lifecycle_stage_definition (code, position, entry_rule_json, enabled, updated_at)
                    VALUES (?, ?, ?, TRUE, ?)""", stage.name(), position, rule == null ? null : ruleJson.write(rule), now);
            position += 10;
        }
    }
}
