package com.leadflow.scoring;

import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactPass;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.RuleEvaluator;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.RuleValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The published model's part in the full refresh's single read of the contacts ({@link ContactPass}): each contact
 * is scored in memory, as the live re-score does, with its behaviour conditions decided in SQL; the contacts whose
 * score or temperature changes are kept and written afterwards as {@link ScoringService#refreshAll} writes them.
 */
public final class ScoringPass implements ContactPass.Step {

    private static final Logger log = LoggerFactory.getLogger(ScoringPass.class);

    private final ScoringModel model;
    private final ScoringRefresher refresher;
    private final RuleEvaluator evaluator;
    private final ScoreCalculator calc;
    private final Instant now;
    // by identity: a rule's hash would walk its whole tree for every contact
    private final Set<ScoringRule> usable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ContactPass.PassRule> rules = new ArrayList<>();
    private final List<ScoringRefresher.ScoreChange> changes = new ArrayList<>();
    private final long started = System.nanoTime();

    ScoringPass(ScoringModel model, ScoringRefresher refresher, FieldCatalog catalog, Instant now) {
        this.model = model;
        this.refresher = refresher;
        this.evaluator = new RuleEvaluator(catalog);
        this.calc = model.calculator();
        this.now = now.truncatedTo(ChronoUnit.MICROS);
        RuleValidator validator = new RuleValidator(catalog);
        for (ScoringRule rule : model.rules()) {
            try {
                validator.requireValid(rule.rule());
                usable.add(rule);
                rules.add(new ContactPass.PassRule(rule.rule(), null));
            } catch (RuleValidationException e) {
                // the live re-score skips such a rule too
                log.warn("Scoring rule {} cannot be evaluated: {}", rule.id(), e.getMessage());
            }
        }
    }

    /** The instant the pass scores at (decay and time windows count back from it). */
    public Instant now() {
        return now;
    }

    @Override
    public List<ContactPass.PassRule> rules() {
        return rules;
    }

    @Override
    public ContactFacts decide(ContactFacts contact, RuleEvaluator.Decided decided) {
        ScoreComputation computed = ScoreComputation.of(model, contact, now,
                rule -> usable.contains(rule) && evaluator.matchesDecided(rule.rule(), contact, now, decided));
        String temperature = computed.temperature().name();
        if (computed.score() == contact.score() && temperature.equals(contact.temperature())) {
            return contact;
        }
        changes.add(new ScoringRefresher.ScoreChange(contact.id(), contact.score(), contact.temperature(),
                computed.score(), temperature));
        return contact.withScore(computed.score(), temperature);
    }

    /**
     * Writes a batch re-evaluation's changes ({@link ContactPass} over the given contacts), as the live re-score
     * writes them, in one transaction.
     */
    public ScoringService.PublishResult writeBatch(List<Long> scored) {
        ScoringRefresher.Result result = refresher.writeBatch(model, changes, scored, now, started);
        return new ScoringService.PublishResult(result.changedContacts(), result.timelineEntries(), result.millis());
    }

    /** Writes the changed scores, their timeline entries and marks, in one transaction. */
    public ScoringService.PublishResult write() {
        ScoringRefresher.Result result = refresher.writeChanges(model, changes, "FULL_REFRESH", now, started);
        return new ScoringService.PublishResult(result.changedContacts(), result.timelineEntries(), result.millis());
    }
}
