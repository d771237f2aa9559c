package com.leadflow.routing;

import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Stops the running speed-to-lead clock at the first call, meeting or email that a person logs, in the transaction
 * that records it (so the entry and the stopped clock commit together). Automated emails and the system's own
 * entries do not stop it.
 */
@Component
class SlaClockStopper {

    static final Set<ActivityType> FIRST_CONTACT = Set.of(ActivityType.CALL, ActivityType.MEETING,
            ActivityType.EMAIL_SENT);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SlaClockStopper(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void onActivity(ActivityRecordedEvent event) {
        if (event.authorKind() != AuthorKind.USER || !FIRST_CONTACT.contains(event.type())) {
            return;
        }
        Instant now = clock.instant();
        // a call logged afterwards counts when it happened, but never before the clock started or after now
        Instant at = event.occurredAt() == null || event.occurredAt().isAfter(now) ? now : event.occurredAt();
        int stopped = jdbc.update("""
                UPDATE sla_clock SET stopped_at = GREATEST(started_at, ?), stop_activity_id = ?
                WHERE contact_id = ? AND stopped_at IS NULL AND cancelled_at IS NULL""",
                Db.utc(at), event.activityId(), event.contactId());
        if (stopped > 0) {
            jdbc.update("UPDATE contact SET sla_due_at = NULL WHERE id = ?", event.contactId());
        }
    }
}
