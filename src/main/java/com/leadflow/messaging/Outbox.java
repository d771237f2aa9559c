package com.leadflow.messaging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;

/** Writes outbox rows in the caller's transaction, so a touch and the email it wants commit together. */
@Component
public class Outbox {

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One outbox row for every due automated email touch that has none yet (set-based; the idempotency key is
     * the touch, so running this twice never queues a message twice). Returns how many were queued.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int enqueueDueEmailTouches(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.update("""
                INSERT IGNORE INTO email_outbox (idempotency_key, touch_id, contact_id, template_id, status,
                                                 next_attempt_at, created_at)
                SELECT CONCAT('touch-', t.id), t.id, t.contact_id, s.template_id, 'PENDING', ?, ?
                FROM scheduled_touch t JOIN cadence_step s ON s.id = t.step_id
                WHERE t.status = 'DUE' AND t.kind = 'EMAIL' AND s.template_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.touch_id = t.id)""", at, at);
    }
}
