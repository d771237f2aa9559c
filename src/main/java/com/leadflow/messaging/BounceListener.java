package com.leadflow.messaging;

import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A bounce reported through the ingestion API ({@code EMAIL_BOUNCED} on the timeline): a hard one suppresses the
 * contact (do-not-contact "bounced", out of every cadence) inside the transaction that wrote the event, so the
 * event is never kept without its effect. A soft bounce (a full mailbox, a server that was down) is only recorded.
 */
@Component
class BounceListener {

    private final JdbcTemplate jdbc;
    private final SuppressionService suppression;

    BounceListener(JdbcTemplate jdbc, SuppressionService suppression) {
        this.jdbc = jdbc;
        this.suppression = suppression;
    }

    @EventListener
    void onActivity(ActivityRecordedEvent event) {
        if (event.type() != ActivityType.EMAIL_BOUNCED) {
            return;
        }
        Map<String, Object> bounce = jdbc.queryForMap("""
                SELECT JSON_VALUE(payload, '$.bounceType') AS bounce_type, JSON_VALUE(payload, '$.diagnostic') AS diagnostic
                FROM activity WHERE id = ?""", event.activityId());
        if (!"soft".equals(bounce.get("bounce_type"))) {
            suppression.recordBounce(event.contactId(), (String) bounce.get("diagnostic"));
        }
    }
}
