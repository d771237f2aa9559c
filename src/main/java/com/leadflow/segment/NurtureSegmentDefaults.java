package com.leadflow.segment;

import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * On first start, creates the four nurture segments of PRODUCT.md as editable defaults (found again by their
 * system key, so a renamed default is not created twice) and fills them.
 */
@Component
@Order(10) // after the demo data, so the first refresh fills them
class NurtureSegmentDefaults implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NurtureSegmentDefaults.class);

    record Default(String key, String name, String description, boolean noCorrespondence, Rule rule) {
    }

    static final List<Default> DEFAULTS = List.of(
            new Default("CLOSED_LOST", "Closed-lost leads",
                    "Contacts marked lost. Kept, never deleted: they come back about six months later and convert "
                            + "better than the rest. Manual follow-up about every six months; re-nurture from month three.",
                    false, Rule.of(RuleNode.all(
                            new RuleNode.FieldCondition("status", Operator.EQUALS, ContactStatus.LOST.name())))),
            new Default("INACTIVE_SQL", "Inactive SQLs",
                    "Sales-qualified leads, still open, with no activity for at least 3 months: a monthly content "
                            + "email and a manual contact every quarter.",
                    false, Rule.of(RuleNode.all(
                            new RuleNode.FieldCondition("lifecycleStage", Operator.EQUALS, LifecycleStage.SQL.name()),
                            new RuleNode.FieldCondition("status", Operator.EQUALS, ContactStatus.OPEN.name()),
                            new RuleNode.InactivityCondition(Set.of(), 3, TimeUnit.MONTHS)))),
            new Default("DORMANT_MQL", "Dormant MQLs",
                    "Marketing-qualified leads, not converted, quiet for 60 days after their short-term workflow: "
                            + "automated content every two months.",
                    false, Rule.of(RuleNode.all(
                            new RuleNode.FieldCondition("lifecycleStage", Operator.EQUALS, LifecycleStage.MQL.name()),
                            new RuleNode.FieldCondition("status", Operator.EQUALS, ContactStatus.OPEN.name()),
                            new RuleNode.InactivityCondition(Set.of(), 60, TimeUnit.DAYS)))),
            new Default("INACTIVE_UNQUALIFIED", "Inactive unqualified leads",
                    "Marked unqualified: kept in the database, but they receive no correspondence at all.",
                    true, Rule.of(RuleNode.all(
                            new RuleNode.FieldCondition("status", Operator.EQUALS, ContactStatus.UNQUALIFIED.name())))));

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;
    private final SegmentRefresher refresher;

    NurtureSegmentDefaults(JdbcTemplate jdbc, RuleJson ruleJson, SegmentRefresher refresher) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
        this.refresher = refresher;
    }

    @Override
    public void run(ApplicationArguments args) {
        Timestamp now = Timestamp.from(Instant.now());
        for (Default d : DEFAULTS) {
            boolean exists = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM segment WHERE system_key = ?)", Boolean.class, d.key()));
            if (exists) {
                continue;
            }
            jdbc.update("""
                    INSERT INTO segment (system_key, name, description, rule_json, no_correspondence, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", d.key(), d.name(), d.description(), ruleJson.write(d.rule()),
                    d.noCorrespondence(), now, now);
            long id = jdbc.queryForObject("SELECT id FROM segment WHERE system_key = ?", Long.class, d.key());
            SegmentRefresher.Result result = refresher.refresh(id, MembershipReason.SEGMENT_CREATED, Instant.now());
            log.info("Default segment '{}' created with {} members in {} ms", d.name(), result.members(), result.millis());
        }
    }
}
