package com.leadflow.lifecycle;

import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the stage definitions; the one place that knows the table, shared by the service and both evaluators. */
@Component
class LifecycleDefinitions {

    private static final Logger log = LoggerFactory.getLogger(LifecycleDefinitions.class);

    /** A stage automation may move contacts into: enabled, with an entry rule. */
    record StageRule(LifecycleStage stage, int position, Rule rule) {
    }

    /** A definition row without the member count; names null: the built-in ones. */
    record Row(LifecycleStage stage, int position, Rule rule, boolean enabled, long version, Instant updatedAt,
               String nameEn, String nameRu, String description) {
    }

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;

    LifecycleDefinitions(JdbcTemplate jdbc, RuleJson ruleJson) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
    }

    /** Every known stage in order; codes the enum does not know (written by a newer version) are left out. */
    List<Row> all() {
        return jdbc.query("""
                SELECT code, position, entry_rule_json, enabled, version, updated_at, name_en, name_ru, description
                FROM lifecycle_stage_definition ORDER BY position""", (rs, i) -> {
            LifecycleStage stage = stage(rs.getString(1));
            if (stage == null) {
                return null;
            }
            return new Row(stage, rs.getInt(2), read(stage, rs.getString(3)), rs.getBoolean(4), rs.getLong(5),
                    rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getString(9));
        }).stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The stages automation moves contacts into, latest first: the first that matches is where a contact goes. */
    List<StageRule> automatic() {
        return automatic(all());
    }

    /** The same from rows already read (one read of the table per decision). */
    static List<StageRule> automatic(List<Row> all) {
        return all.stream().filter(r -> r.enabled() && r.rule() != null)
                .map(r -> new StageRule(r.stage(), r.position(), r.rule()))
                .sorted(Comparator.comparingInt(StageRule::position).reversed()).toList();
    }

    /** Each stage code's position; a code that has no definition counts as before every stage. */
    Map<String, Integer> positions() {
        return positions(all());
    }

    /** The same from rows already read. */
    static Map<String, Integer> positions(List<Row> all) {
        Map<String, Integer> positions = new HashMap<>();
        for (Row row : all) {
            positions.put(row.stage().name(), row.position());
        }
        return positions;
    }

    static int position(Map<String, Integer> positions, String code) {
        return code == null ? Integer.MIN_VALUE : positions.getOrDefault(code, Integer.MIN_VALUE);
    }

    private Rule read(LifecycleStage stage, String json) {
        if (json == null) {
            return null;
        }
        try {
            return ruleJson.read(json);
        } catch (RuleValidationException e) {
            // a damaged rule must not stop the other stages; the view shows the stage without a rule
            log.warn("Lifecycle stage {} has an unreadable entry rule: {}", stage, e);
            return null;
        }
    }

    static LifecycleStage stage(String code) {
        for (LifecycleStage stage : LifecycleStage.values()) {
            if (stage.name().equals(code)) {
                return stage;
            }
        }
        return null;
    }
}
