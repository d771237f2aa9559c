package com.leadflow.scoring;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.Temperature;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactFactsLoader;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleEvaluator;
import com.leadflow.rules.RuleValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-scores one contact the moment it changed: its facts are loaded once, every rule of the published model is
 * decided in memory with the same arithmetic as the full refresh, and the breakdown, the score and (when the move
 * is meaningful) the timeline are written.
 */
@Component
public class LiveScorer {

    private static final Logger log = LoggerFactory.getLogger(LiveScorer.class);

    private final JdbcTemplate jdbc;
    private final ScoringModels models;
    private final FieldCatalogProvider catalogs;
    private final ContactFactsLoader factsLoader;

    LiveScorer(JdbcTemplate jdbc, ScoringModels models, FieldCatalogProvider catalogs,
               ContactFactsLoader factsLoader) {
        this.jdbc = jdbc;
        this.models = models;
        this.catalogs = catalogs;
        this.factsLoader = factsLoader;
    }

    /** The new score of one contact, as it was written. */
    public record Scored(long contactId, int score, Temperature temperature, boolean timelineEntry) {
    }

    /**
     * After the change has committed, before the segments look at it (a segment may test the temperature or the
     * score; the segment evaluator runs at the default, lowest precedence).
     */
    @Order(0)
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onContactChanged(ContactChangedEvent event) {
        if (event.kind() == ContactChangedEvent.Kind.DELETED) {
            jdbc.update("DELETE FROM contact_score_part WHERE contact_id = ?", event.contactId());
            return;
        }
        rescore(event.contactId(), "CONTACT_CHANGED", Instant.now());
    }

    /** Scores one contact with the published model; empty when there is no model or no such contact. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Optional<Scored> rescore(long contactId, String reason, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        Optional<ScoringModel> published = models.find(ScoringModels.PUBLISHED);
        if (published.isEmpty()) {
            return Optional.empty();
        }
        ScoringModel model = published.get();
        Optional<ContactFacts> loaded = factsLoader.load(contactId,
                model.rules().stream().map(ScoringRule::rule).toList(), now);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        ContactFacts facts = loaded.get();
        ScoreCalculator calc = model.calculator();
        RuleEvaluator evaluator = new RuleEvaluator(catalogs.current());
        Instant lastActive = facts.lastActivityAt() != null ? facts.lastActivityAt() : facts.createdAt();
        List<Object[]> parts = new ArrayList<>();
        long fit = 0;
        long engagement = 0;
        for (ScoringRule rule : model.rules()) {
            boolean matches;
            try {
                matches = evaluator.matches(rule.rule(), facts, now);
            } catch (RuleValidationException e) {
                log.warn("Scoring rule {} cannot be evaluated: {}", rule.id(), e.getMessage());
                continue;
            }
            if (!matches) {
                continue;
            }
            int points = calc.points(rule.group(), rule.points(), lastActive, now);
            parts.add(new Object[]{contactId, rule.id(), points});
            if (rule.group() == ScoreGroup.FIT) {
                fit += points;
            } else {
                engagement += points;
            }
        }
        int score = calc.total(fit, engagement);
        Temperature temperature = calc.temperature(score);

        jdbc.update("DELETE FROM contact_score_part WHERE contact_id = ?", contactId);
        if (!parts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO contact_score_part (contact_id, rule_id, points) VALUES (?, ?, ?)", parts);
        }
        boolean entry = false;
        if (score != facts.score() || !temperature.name().equals(facts.temperature())) {
            entry = recordMove(contactId, facts.score(), facts.temperature(), score, temperature, reason, now);
            jdbc.update("UPDATE contact SET score = ?, temperature = ? WHERE id = ?", score, temperature.name(),
                    contactId);
        }
        return Optional.of(new Scored(contactId, score, temperature, entry));
    }

    /** The same coalescing as the full refresh: compared with what the timeline last said, not with the last value. */
    private boolean recordMove(long contactId, int storedScore, String storedTemperature, int score,
                               Temperature temperature, String reason, Instant now) {
        LocalDateTime time = DbTime.of(now);
        List<Map<String, Object>> mark = jdbc.queryForList(
                "SELECT score, temperature FROM contact_score_mark WHERE contact_id = ?", contactId);
        int fromScore = mark.isEmpty() ? storedScore : ((Number) mark.getFirst().get("score")).intValue();
        String fromTemperature = mark.isEmpty() ? storedTemperature : (String) mark.getFirst().get("temperature");
        boolean meaningful = ScoreCalculator.meaningful(fromScore, fromTemperature, score, temperature.name());
        if (meaningful) {
            jdbc.update("""
                    INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at)
                    VALUES (?, 'SCORE_CHANGE', ?, 'SYSTEM', ?, JSON_OBJECT('from', ?, 'to', ?, 'fromTemperature', ?,
                            'toTemperature', ?, 'reason', ?), ?)""",
                    contactId, time, fromScore + " → " + score, fromScore, score, fromTemperature, temperature.name(),
                    reason, time);
        }
        if (meaningful || mark.isEmpty()) {
            jdbc.update("""
                    INSERT INTO contact_score_mark (contact_id, score, temperature, marked_at) VALUES (?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE score = VALUES(score), temperature = VALUES(temperature),
                                            marked_at = VALUES(marked_at)""",
                    contactId, meaningful ? score : fromScore, meaningful ? temperature.name() : fromTemperature, time);
        }
        return meaningful;
    }
}
