package com.leadflow.scoring;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A scoring model: thresholds for warm, hot and MQL, the half-life of engagement points in days, optional caps per
 * group (null: none) and the rules. {@code draft} tells the published model from the one being edited.
 */
public record ScoringModel(Long id, long version, boolean draft, int warmThreshold, int hotThreshold,
                           int mqlThreshold, int halfLifeDays, Integer fitCap, Integer engagementCap,
                           Instant publishedAt, Instant refreshedAt, List<ScoringRule> rules) implements Serializable {

    public ScoringModel {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The same settings with other rules (the view edits the rule list of a copy). */
    public ScoringModel withRules(List<ScoringRule> newRules) {
        return new ScoringModel(id, version, draft, warmThreshold, hotThreshold, mqlThreshold, halfLifeDays, fitCap,
                engagementCap, publishedAt, refreshedAt, newRules);
    }

    /** The same rules with other thresholds, half-life and caps. */
    public ScoringModel withSettings(int warm, int hot, int mql, int halfLife, Integer newFitCap,
                                     Integer newEngagementCap) {
        return new ScoringModel(id, version, draft, warm, hot, mql, halfLife, newFitCap, newEngagementCap,
                publishedAt, refreshedAt, rules);
    }

    ScoreCalculator calculator() {
        return new ScoreCalculator(warmThreshold, hotThreshold, halfLifeDays, fitCap, engagementCap);
    }
}
