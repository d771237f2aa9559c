package com.leadflow.scoring;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.Temperature;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactFactsLoader;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleEvaluator;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-scores one contact the moment it changed: its facts are loaded once, every rule of the published model is
 * decided in memory with the same arithmetic as the full refresh, and the score, the instant it was computed for
 * (the explanation recomputes the breakdown for it) and, when the move is meaningful, the timeline are written.
 */
@Component
public class LiveScorer {

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
            return; // its score time goes with it (foreign key)
        }
        if (event.batched()) {
            return; // a batch re-evaluation has decided it already
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
        ScoreComputation computed = ScoreComputation.of(model, facts, new RuleEvaluator(catalogs.current()), now);
        int score = computed.score();
        Temperature temperature = computed.temperature();
        // the explanation recomputes the lines for this instant (ScoringService.explain)
        jdbc.update("INSERT INTO contact_scored_at (contact_id, scored_at) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE scored_at = VALUES(scored_at)", contactId, DbTime.of(now));
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
