package com.leadflow.scoring;

import com.leadflow.contact.Temperature;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.RuleEvaluator;
import com.leadflow.rules.RuleValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One contact's score at one instant, decided in memory: each rule of the model that matches, with its points after
 * decay. The live re-score writes the total; the explanation on the profile shows the lines, recomputed for the
 * instant the stored score was computed, so the two always agree without storing a breakdown.
 */
record ScoreComputation(List<ScoreBreakdown.Line> lines, long fitPoints, long engagementPoints, int score,
                        Temperature temperature) {

    private static final Logger log = LoggerFactory.getLogger(ScoreComputation.class);

    static ScoreComputation of(ScoringModel model, ContactFacts facts, RuleEvaluator evaluator, Instant now) {
        return of(model, facts, now, rule -> {
            try {
                return evaluator.matches(rule.rule(), facts, now);
            } catch (RuleValidationException e) {
                log.warn("Scoring rule {} cannot be evaluated: {}", rule.id(), e.getMessage());
                return false;
            }
        });
    }

    /** With each rule decided by {@code matches} (the full refresh's single read decides some conditions in SQL). */
    static ScoreComputation of(ScoringModel model, ContactFacts facts, Instant now, Predicate<ScoringRule> matches) {
        ScoreCalculator calc = model.calculator();
        Instant lastActive = facts.lastActivityAt() != null ? facts.lastActivityAt() : facts.createdAt();
        List<ScoreBreakdown.Line> lines = new ArrayList<>();
        long fit = 0;
        long engagement = 0;
        for (ScoringRule rule : model.rules()) {
            if (!matches.test(rule)) {
                continue;
            }
            int points = calc.points(rule.group(), rule.points(), lastActive, now);
            lines.add(new ScoreBreakdown.Line(rule.id(), rule.name(), rule.group(), points, rule.points()));
            if (rule.group() == ScoreGroup.FIT) {
                fit += points;
            } else {
                engagement += points;
            }
        }
        int score = calc.total(fit, engagement);
        return new ScoreComputation(lines, fit, engagement, score, calc.temperature(score));
    }
}
