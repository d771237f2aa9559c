package com.leadflow.cadence;

import com.leadflow.contact.ContactBatchReevaluator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The cadences follow a batch of changed contacts at once, after the rules have decided their segments: what
 * {@link EnrolmentTriggers#onContactChanged} does for one contact — enrol, end, and move open touches to the
 * contact's owner — set-based for the whole batch, in one transaction.
 */
@Component
@Order(10) // after the rules' batch (BatchReevaluation): enrolment follows the segments
class BatchEnrolment implements ContactBatchReevaluator {

    private final EnrolmentSync sync;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BatchEnrolment(EnrolmentSync sync, TransactionTemplate transactions, ApplicationEventPublisher events,
                   Clock clock) {
        this.sync = sync;
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
            int moved = sync.followOwners(contactIds);
            if (r.enrolled() + r.ended() + moved > 0) {
                events.publishEvent(TouchChangedEvent.many());
            }
        });
    }
}
