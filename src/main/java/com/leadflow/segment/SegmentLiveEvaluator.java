package com.leadflow.segment;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.ContactDeletingEvent;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactFactsLoader;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleEvaluator;
import com.leadflow.rules.RuleJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Re-evaluates one contact's segment memberships the moment it changed: the contact's facts are loaded once
 * (a few indexed queries), every segment rule is decided in memory, and only the differences are written.
 */
@Component
public class SegmentLiveEvaluator {

    private static final Logger log = LoggerFactory.getLogger(SegmentLiveEvaluator.class);

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;
    private final FieldCatalogProvider catalogs;
    private final ContactFactsLoader factsLoader;
    private final SegmentRefresher refresher;
    private final ApplicationEventPublisher events;

    SegmentLiveEvaluator(JdbcTemplate jdbc, RuleJson ruleJson, FieldCatalogProvider catalogs,
                         ContactFactsLoader factsLoader, SegmentRefresher refresher, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
        this.catalogs = catalogs;
        this.factsLoader = factsLoader;
        this.refresher = refresher;
        this.events = events;
    }

    /** After the change has committed, in the same request: the user sees the new memberships on the next read. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onContactChanged(ContactChangedEvent event) {
        if (event.kind() == ContactChangedEvent.Kind.DELETED) {
            return; // the members rows went with the contact (ON DELETE CASCADE)
        }
        if (event.batched()) {
            return; // a batch re-evaluation has decided it already
        }
        reevaluate(event.contactId(), MembershipReason.CONTACT_CHANGED, Instant.now());
    }

    /** The contact's memberships go with it (foreign key): its segments count one member less. */
    @EventListener
    public void onContactDeleting(ContactDeletingEvent event) {
        jdbc.update("""
                UPDATE segment s JOIN segment_member m ON m.segment_id = s.id AND m.contact_id = ?
                SET s.member_count = GREATEST(s.member_count - 1, 0)""", event.contactId());
    }

    /** Decides every segment for one contact and writes the entries and exits; returns how many changed. */
    @Transactional(propagation = Propagation.REQUIRED)
    public int reevaluate(long contactId, MembershipReason reason, Instant now) {
        List<SegmentRule> segments = jdbc.query("SELECT id, name, rule_json FROM segment ORDER BY id",
                (rs, i) -> new SegmentRule(rs.getLong(1), rs.getString(2), ruleJson.read(rs.getString(3))));
        if (segments.isEmpty()) {
            return 0;
        }
        Map<Long, SegmentRule> byId = segments.stream().collect(Collectors.toMap(SegmentRule::id, Function.identity()));
        List<Long> order = refresher.refreshOrder(segments.stream().map(SegmentRule::id).toList(),
                id -> SegmentRules.referencedSegments(byId.get(id).rule()));
        Optional<ContactFacts> loaded = factsLoader.load(contactId,
                segments.stream().map(SegmentRule::rule).toList(), now);
        if (loaded.isEmpty()) {
            return 0;
        }
        ContactFacts facts = loaded.get();
        RuleEvaluator evaluator = new RuleEvaluator(catalogs.current());
        Set<Long> memberships = new HashSet<>(facts.segmentIds());
        int changes = 0;
        for (Long segmentId : order) {
            SegmentRule segment = byId.get(segmentId);
            ContactFacts current = facts.withSegmentIds(memberships);
            boolean matches;
            try {
                matches = evaluator.matches(segment.rule(), current, now);
            } catch (RuntimeException e) {
                log.warn("Segment {} has a rule that cannot be evaluated: {}", segmentId, e.getMessage());
                continue;
            }
            boolean member = memberships.contains(segmentId);
            if (matches && !member) {
                enter(segment, contactId, reason, now);
                memberships.add(segmentId);
                changes++;
            } else if (!matches && member) {
                exit(segment, contactId, reason, now);
                memberships.remove(segmentId);
                changes++;
            }
        }
        return changes;
    }

    private void enter(SegmentRule segment, long contactId, MembershipReason reason, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.update("INSERT INTO segment_member (segment_id, contact_id, entered_at) VALUES (?, ?, ?)",
                segment.id(), contactId, at);
        jdbc.update("INSERT INTO segment_membership_history (segment_id, contact_id, entered_at, entry_reason) "
                + "VALUES (?, ?, ?, ?)", segment.id(), contactId, at, reason.name());
        timeline(segment, contactId, "SEGMENT_ENTERED", reason, at);
        jdbc.update("UPDATE segment SET member_count = member_count + 1 WHERE id = ?", segment.id());
        events.publishEvent(new SegmentMembershipChangedEvent(segment.id(), contactId)); // cadences enrol on entry
    }

    private void exit(SegmentRule segment, long contactId, MembershipReason reason, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.update("DELETE FROM segment_member WHERE segment_id = ? AND contact_id = ?", segment.id(), contactId);
        jdbc.update("UPDATE segment_membership_history SET exited_at = ?, exit_reason = ? "
                + "WHERE segment_id = ? AND contact_id = ? AND exited_at IS NULL", at, reason.name(), segment.id(), contactId);
        timeline(segment, contactId, "SEGMENT_EXITED", reason, at);
        jdbc.update("UPDATE segment SET member_count = GREATEST(member_count - 1, 0) WHERE id = ?", segment.id());
        events.publishEvent(new SegmentMembershipChangedEvent(segment.id(), contactId)); // cadences end on exit
    }

    private void timeline(SegmentRule segment, long contactId, String type, MembershipReason reason, Timestamp at) {
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                + "VALUES (?, ?, ?, 'SYSTEM', ?, JSON_OBJECT('segmentId', ?, 'reason', ?), ?)",
                contactId, type, at, segment.name(), segment.id(), reason.name(), at);
    }

    private record SegmentRule(long id, String name, Rule rule) {
    }
}
