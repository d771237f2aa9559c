package com.leadflow.cadence;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.messaging.ContactSuppressedEvent;
import com.leadflow.messaging.EmailBatchRecordedEvent;
import com.leadflow.messaging.EmailOutcomeEvent;
import com.leadflow.segment.SegmentMembershipChangedEvent;
import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The live path of enrolment: a segment entry or exit, a contact change (do-not-contact, won), a reply, an
 * unsubscribe or bounce, and the outcome of every email act on cadences at once; {@link TouchScheduler}'s
 * periodic sync is the backstop for anything missed.
 */
@Component
class EnrolmentTriggers {

    private final EnrolmentSync sync;
    private final TouchScheduler scheduler;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnrolmentTriggers(EnrolmentSync sync, TouchScheduler scheduler, JdbcTemplate jdbc,
                      ApplicationEventPublisher events, Clock clock) {
        this.sync = sync;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** After the membership change committed (the segment's own transaction stays as fast as it was). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onSegmentMembershipChanged(SegmentMembershipChangedEvent event) {
        EnrolmentSync.Result r = sync.syncSegment(event.segmentId(), event.contactId(), clock.instant());
        if (r.enrolled() + r.ended() > 0) {
            events.publishEvent(TouchChangedEvent.many());
        }
    }

    /** Do-not-contact set, won, or an owner change: the contact's enrolments follow. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onContactChanged(ContactChangedEvent event) {
        if (event.kind() == ContactChangedEvent.Kind.DELETED || event.batched()) {
            return; // gone with the contact (ON DELETE CASCADE), or followed with its batch (BatchEnrolment)
        }
        Instant now = clock.instant();
        EnrolmentSync.Result r = sync.syncAll(event.contactId(), now);
        int moved = sync.followOwners(List.of(event.contactId()));
        if (r.enrolled() + r.ended() + moved > 0) {
            events.publishEvent(TouchChangedEvent.many());
        }
    }

    /** A reply ends every cadence of the contact: a person takes over. */
    // filtered before the call: other entries (10,000 at once from an import or a routing batch) open no transaction
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT,
            condition = "#event.type() == T(com.leadflow.timeline.ActivityType).EMAIL_REPLY")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onActivity(ActivityRecordedEvent event) {
        if (event.type() == ActivityType.EMAIL_REPLY) {
            if (sync.endAllFor(event.contactId(), EnrolmentSync.REPLIED, clock.instant()) > 0) {
                events.publishEvent(TouchChangedEvent.many());
            }
        }
    }

    /** Unsubscribed or bounced: out of every cadence in the same transaction as the do-not-contact flag. */
    @EventListener
    public void onSuppressed(ContactSuppressedEvent event) {
        if (sync.endAllFor(event.contactId(), EnrolmentSync.DO_NOT_CONTACT, clock.instant()) > 0) {
            events.publishEvent(TouchChangedEvent.many());
        }
    }

    /**
     * The outbox delivered, gave up on or held back an email: its touch says so (one statement per message; the
     * batch's next occurrences are planned once, below).
     */
    @EventListener
    public void onEmailOutcome(EmailOutcomeEvent event) {
        if (event.touchId() == null) {
            return;
        }
        String status = switch (event.outcome()) {
            case SENT -> "DONE";
            case FAILED -> "FAILED";
            case SUPPRESSED -> "SKIPPED";
        };
        String reason = event.reason() == null ? null
                : event.reason().length() > 40 ? event.reason().substring(0, 40) : event.reason();
        jdbc.update("UPDATE scheduled_touch SET status = ?, status_reason = ?, completed_at = ?, "
                + "version = version + 1 WHERE id = ? AND status = 'DUE'", status, reason,
                Timestamp.from(clock.instant()), event.touchId());
    }

    /** After a batch of outcomes, in its transaction: next occurrences and next-touch dates, set-based. */
    @EventListener
    public void onEmailBatchRecorded(EmailBatchRecordedEvent event) {
        if (event.touches() == 0) {
            return;
        }
        Instant now = clock.instant();
        sync.prepareTemporaryTables();
        scheduler.planSuccessors(null, now);
        sync.refreshNextTouch(now);
        events.publishEvent(TouchChangedEvent.many());
    }
}
