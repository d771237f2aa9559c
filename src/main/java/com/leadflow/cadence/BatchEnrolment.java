package com.leadflow.cadence;

import com.leadflow.contact.ContactBatchReevaluator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cadences follow a batch of changed contacts at once, after the rules have decided their segments: what
 * {@link EnrolmentTriggers#onContactChanged} does for one contact — enrol, end, and move open touches to the
 * contact's owner — set-based for the whole batch, in one transaction.
 */
@Component
@Order(10) // after the rules' batch (BatchReevaluation): enrolment follows the segments
class BatchEnrolment implements ContactBatchReevaluator {

    private final EnrolmentSync sync;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BatchEnrolment(EnrolmentSync sync, JdbcTemplate jdbc, TransactionTemplate transactions,
                   ApplicationEventPublisher events, Clock clock) {
        this.sync = sync;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void reevaluate(List<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            EnrolmentSync.Result r = sync.syncContacts(contactIds, now);
            // ids are numbers, written into the statement as such
            String ids = contactIds.stream().map(id -> String.valueOf(id.longValue())).collect(Collectors.joining(", "));
            int moved = jdbc.update("UPDATE scheduled_touch t JOIN contact c ON c.id = t.contact_id "
                    + "SET t.owner_id = c.owner_id, t.team_id = c.team_id, t.version = t.version + 1 "
                    + "WHERE t.contact_id IN (" + ids + ") AND t.status IN ('PLANNED', 'DUE') "
                    + "AND NOT (t.owner_id <=> c.owner_id AND t.team_id <=> c.team_id)");
            if (r.enrolled() + r.ended() + moved > 0) {
                events.publishEvent(TouchChangedEvent.many());
            }
        });
    }
}
