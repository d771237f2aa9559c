package com.leadflow.segment;

import com.leadflow.rules.RuleJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Reads which segments a stored segment's rule refers to. */
@Component
class RuleRefs {

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;

    RuleRefs(JdbcTemplate jdbc, RuleJson ruleJson) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
    }

    Set<Long> referencedSegments(long segmentId) {
        String json = jdbc.queryForObject("SELECT rule_json FROM segment WHERE id = ?", String.class, segmentId);
        return SegmentRules.referencedSegments(ruleJson.read(json));
    }
}
