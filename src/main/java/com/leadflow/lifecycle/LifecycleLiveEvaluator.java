package com.leadflow.lifecycle;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleDefinitions.StageRule;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactFactsLoader;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves one contact forward the moment it changed: its facts are loaded once, the entry rules are decided in
 * memory from the latest stage down, and the contact goes to the latest stage that matches if that is after where
 * it is (never back, and not while a person's move back holds it).
 */
@Component
class LifecycleLiveEvaluator {

    private static final Logger log = LoggerFactory.getLogger(LifecycleLiveEvaluator.class);

    private final JdbcTemplate jdbc;
    private final LifecycleDefinitions definitions;
    private final FieldCatalogProvider catalogs;
    private final ContactFactsLoader factsLoader;
    private final ApplicationEventPublisher events;

    LifecycleLiveEvaluator(JdbcTemplate jdbc, LifecycleDefinitions definitions, FieldCatalogProvider catalogs,
                           ContactFactsLoader factsLoader, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.definitions = definitions;
        this.catalogs = catalogs;
        this.factsLoader = factsLoader;
        this.events = events;
    }

    /**
     * After the change has committed, in the same request: the next read shows the new stage. After the live
     * scorer ({@code @Order(0)}: the MQL rule tests the score) and before the segments (lowest precedence: they
     * test the stage).
     */
    @Order(10)
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onContactChanged(ContactChangedEvent event) {
        if (event.kind() == ContactChangedEvent.Kind.DELETED || event.batched()) {
            return; // gone, or decided already by a batch re-evaluation
        }
        if (reevaluate(event.contactId(), Instant.now()).isPresent()) {
            // segments, scores and open screens follow the move; this evaluator then finds nothing more to do
            events.publishEvent(new ContactChangedEvent(event.contactId(), ContactChangedEvent.Kind.UPDATED));
        }
    }

    /** Moves the contact forward if a later stage's rule matches; returns the stage it moved to. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Optional<LifecycleStage> reevaluate(long contactId, Instant now) {
        Decision decision = decide(contactId, now);
        if (decision == null || decision.target() == null) {
            return Optional.empty();
        }
        Timestamp at = Timestamp.from(now);
        int updated = jdbc.update("""
                UPDATE contact SET lifecycle_stage = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND lifecycle_stage = ?""", decision.target().name(), at, contactId, decision.from());
        if (updated == 0) {
            return Optional.empty(); // somebody moved it meanwhile; their change triggers its own evaluation
        }
        jdbc.update("""
                INSERT INTO lifecycle_stage_history (contact_id, from_stage, to_stage, moved_at, moved_by_user_id, cause)
                VALUES (?, ?, ?, ?, NULL, 'RULE')""", contactId, decision.from(), decision.target().name(), at);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                        + "VALUES (?, 'LIFECYCLE_CHANGE', ?, 'SYSTEM', ?, "
                        + "JSON_OBJECT('from', ?, 'to', ?, 'cause', 'RULE'), ?)",
                contactId, at, LifecycleRefresher.summary(decision.from(), decision.target().name()), decision.from(),
                decision.target().name(), at);
        jdbc.update("DELETE FROM lifecycle_hold WHERE contact_id = ?", contactId);
        return Optional.of(decision.target());
    }

    /** Where the rules would move the contact now, without moving it; null target: it stays. Null if unknown. */
    @Transactional(readOnly = true)
    public Decision decide(long contactId, Instant now) {
        List<LifecycleDefinitions.Row> all = definitions.all();
        List<StageRule> rules = LifecycleDefinitions.automatic(all);
        Optional<ContactFacts> loaded = factsLoader.load(contactId, rules.stream().map(StageRule::rule).toList(), now);
        if (loaded.isEmpty()) {
            return null;
        }
        ContactFacts facts = loaded.get();
        Map<String, Integer> positions = LifecycleDefinitions.positions(all);
        int current = LifecycleDefinitions.position(positions, facts.lifecycleStage());
        RuleEvaluator evaluator = new RuleEvaluator(catalogs.current());
        for (StageRule rule : rules) {
            if (rule.position() <= current) {
                break; // latest first: nothing further down is forward
            }
            boolean matches;
            try {
                matches = evaluator.matches(rule.rule(), facts, now);
            } catch (RuntimeException e) {
                log.warn("Lifecycle stage {} has a rule that cannot be evaluated: {}", rule.stage(), e.getMessage());
                continue;
            }
            if (matches) {
                if (held(contactId)) {
                    return new Decision(facts.lifecycleStage(), null);
                }
                return new Decision(facts.lifecycleStage(), rule.stage());
            }
        }
        return new Decision(facts.lifecycleStage(), null);
    }

    private boolean held(long contactId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT " + LifecycleHold.heldSql("?"), Boolean.class,
                contactId));
    }

    /** The contact's stage now and the stage the rules move it to (null: none). */
    record Decision(String from, LifecycleStage target) {
    }
}
