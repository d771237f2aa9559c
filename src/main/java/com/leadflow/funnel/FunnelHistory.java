package com.leadflow.funnel;

import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes {@code funnel_stage_history}: every stage change from any path (board, "Move to…", profile, lost, won,
 * reopen, creation), in the caller's transaction, so time in stage and conversion can be computed later.
 */
@Service
public class FunnelHistory {

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FunnelHistory(JdbcTemplate jdbc, CurrentUserProvider currentUser, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The open stage the contact was in before it last entered {@code closingStage} (where a reopened contact goes
     * back to when nobody chose a stage), if the history knows it.
     */
    @Transactional(readOnly = true)
    public Optional<String> stageBefore(long contactId, String closingStage) {
        return jdbc.queryForList("""
                SELECT h.from_stage FROM funnel_stage_history h JOIN funnel_stage s ON s.code = h.from_stage
                WHERE h.contact_id = ? AND h.to_stage = ? AND s.terminal = FALSE
                ORDER BY h.changed_at DESC, h.id DESC LIMIT 1""", String.class, contactId, closingStage)
                .stream().findFirst();
    }

    /**
     * Records a move by whoever is calling (nobody logged in: the system). {@code fromStage} null means the contact
     * was created in {@code toStage}. Returns the time it recorded, which is when the contact entered the stage.
     */
    @PreAuthorize("permitAll()") // the system's own changes too, with nobody logged in
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant record(long contactId, String fromStage, String fromStatus, String toStage, String toStatus,
                          String reason, String note) {
        return record(contactId, fromStage, fromStatus, toStage, toStatus, reason, note, clock.instant());
    }

    /** Records a move at {@code now}: the time the caller also wrote as the contact's {@code stage_entered_at}. */
    @PreAuthorize("permitAll()")
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant record(long contactId, String fromStage, String fromStatus, String toStage, String toStatus,
                          String reason, String note, Instant now) {
        Long userId = currentUser.find().map(CurrentUser::id).orElse(null);
        jdbc.update("""
                INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at, changed_by_user_id,
                                                  reason, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                contactId, fromStage, toStage, Timestamp.from(now), userId, reason, note);
        events.publishEvent(new FunnelStageChangedEvent(contactId, fromStage, fromStatus, toStage, toStatus));
        return now;
    }
}
