package com.leadflow.cadence;

import com.leadflow.messaging.MessagingSettingsService;
import com.leadflow.messaging.Outbox;
import com.leadflow.notification.NotificationService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The periodic materialisation of touches (one node at a time): enrolments are brought in line with the
 * segments (the backstop for the live path), planned touches whose time came become due — automated emails after
 * the do-not-contact, no-correspondence, preferred-channel and frequency-cap checks, which skip a touch with a
 * visible reason instead of dropping it — due emails go to the outbox, and every finished touch gets its next
 * occurrence. All set-based, whatever the number of contacts.
 */
@Component
public class TouchScheduler {

    static final String NOTIFICATION_KIND = "CADENCE_TASKS_DUE";
    static final String BACKSTOP_JOB = "cadence-backstop";
    private static final Logger log = LoggerFactory.getLogger(TouchScheduler.class);

    private final JdbcTemplate jdbc;
    private final EnrolmentSync enrolments;
    private final Outbox outbox;
    private final MessagingSettingsService settings;
    private final ApplicationEventPublisher events;
    private final NotificationService notifications;
    private final Clock clock;
    private final Duration backstopInterval;

    TouchScheduler(JdbcTemplate jdbc, EnrolmentSync enrolments, Outbox outbox, MessagingSettingsService settings,
                   ApplicationEventPublisher events, NotificationService notifications, Clock clock,
                   @Value("${leadflow.cadence.backstop-interval:PT1H}") Duration backstopInterval) {
        this.jdbc = jdbc;
        this.enrolments = enrolments;
        this.outbox = outbox;
        this.settings = settings;
        this.events = events;
        this.notifications = notifications;
        this.clock = clock;
        this.backstopInterval = backstopInterval;
    }

    /** What one run did. */
    public record Result(int enrolled, int ended, int due, int skipped, int queued, int successors, long millis) {
    }

    @Scheduled(initialDelayString = "${leadflow.cadence.schedule-interval:PT5M}",
            fixedDelayString = "${leadflow.cadence.schedule-interval:PT5M}")
    @SchedulerLock(name = "cadence-touches", lockAtMostFor = "PT30M")
    @Transactional(isolation = Isolation.READ_COMMITTED) // runUntil is called on this, not through the proxy
    public void scheduledRun() {
        Result r = runUntil(clock.instant());
        if (r.due() + r.skipped() + r.enrolled() + r.ended() + r.successors() > 0) {
            log.info("Cadence touches: {}", r);
        }
    }

    /**
     * The backstop enrolment sync (when its interval has passed), then {@link #materialise(Instant)}. Read committed:
     * the set-based INSERT … SELECTs then read without shared locks on every contact and enrolment they look at,
     * which deadlocked with a user's write to one of them; what changes meanwhile has its own event (and the next run).
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Result runUntil(Instant now) {
        long started = System.nanoTime();
        EnrolmentSync.Result sync = new EnrolmentSync.Result(0, 0);
        if (backstopDue(now)) {
            sync = enrolments.syncAll(null, now);
            jdbc.update("INSERT INTO job_run (name, last_run_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE "
                    + "last_run_at = VALUES(last_run_at)", BACKSTOP_JOB, Timestamp.from(now));
        }
        Result r = materialise(now);
        return new Result(sync.enrolled(), sync.ended(), r.due(), r.skipped(), r.queued(), r.successors(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Touches due by {@code now}: checked, made due, emails queued, next occurrences planned (no enrolment sync). */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Result materialise(Instant now) {
        long started = System.nanoTime();
        EnrolmentSync.Result sync = new EnrolmentSync.Result(0, 0);
        enrolments.prepareTemporaryTables();
        Timestamp at = Timestamp.from(now);
        int capDays = settings.current().frequencyCapDays();

        // automated emails due now that must not go out: skipped, with the reason shown in the calendar
        enrolments.markAffected("SELECT t.contact_id FROM scheduled_touch t JOIN contact c ON c.id = t.contact_id "
                + "WHERE t.status = 'PLANNED' AND t.kind = 'EMAIL' AND t.due_at <= ? AND (" + HELD_BACK + ")", at);
        int skipped = jdbc.update("UPDATE scheduled_touch t JOIN contact c ON c.id = t.contact_id "
                + "SET t.status = 'SKIPPED', t.completed_at = ?, t.version = t.version + 1, t.status_reason = CASE"
                + " WHEN c.do_not_contact THEN 'DO_NOT_CONTACT'"
                + " WHEN " + EnrolmentSync.IN_NO_CORRESPONDENCE_SEGMENT + " THEN 'NO_CORRESPONDENCE'"
                + " WHEN c.email IS NULL OR c.email = '' THEN 'NO_EMAIL_ADDRESS'"
                + " ELSE CONCAT('PREFERS_', c.preferred_channel) END "
                + "WHERE t.status = 'PLANNED' AND t.kind = 'EMAIL' AND t.due_at <= ? AND (" + HELD_BACK + ")", at, at);

        // the frequency cap: per contact, the highest-priority due email wins; the others, and any due email of a
        // contact mailed (or about to be) within the cap, are skipped naming the touch they collided with
        if (capDays > 0) {
            skipped += applyFrequencyCap(now, capDays);
        }

        // owners hear about manual tasks that just fell due: one notification per person, not per task
        List<Map<String, Object>> newTasks = jdbc.queryForList("SELECT owner_id, COUNT(*) AS n FROM scheduled_touch "
                + "WHERE status = 'PLANNED' AND kind = 'TASK' AND due_at <= ? AND owner_id IS NOT NULL GROUP BY owner_id", at);
        int due = jdbc.update("UPDATE scheduled_touch SET status = 'DUE', version = version + 1 "
                + "WHERE status = 'PLANNED' AND due_at <= ?", at);
        for (Map<String, Object> owner : newTasks) {
            notifications.send(((Number) owner.get("owner_id")).longValue(), null, NOTIFICATION_KIND,
                    "cadence.notify.tasksDue", ((Number) owner.get("n")).longValue());
        }
        int queued = outbox.enqueueDueEmailTouches(now);
        int successors = planSuccessors(null, now);
        enrolments.refreshNextTouch(now);
        Result result = new Result(sync.enrolled(), sync.ended(), due, skipped, queued, successors,
                (System.nanoTime() - started) / 1_000_000);
        if (result.due() + result.skipped() + result.enrolled() + result.ended() + result.successors() > 0) {
            events.publishEvent(TouchChangedEvent.many());
        }
        return result;
    }

    /**
     * The live path (segment and contact events) enrols and lets go at once; the full sync reads every open
     * enrolment, so it runs only every {@code leadflow.cadence.backstop-interval} (and when the clock went back).
     */
    private boolean backstopDue(Instant now) {
        List<Timestamp> last = jdbc.queryForList("SELECT last_run_at FROM job_run WHERE name = ?", Timestamp.class,
                BACKSTOP_JOB);
        if (last.isEmpty()) {
            return true;
        }
        Instant previous = last.getFirst().toInstant();
        return now.isBefore(previous) || !now.isBefore(previous.plus(backstopInterval));
    }

    /** Why an automated email may not go out, as a condition on contact {@code c}. */
    static final String HELD_BACK = "c.do_not_contact OR c.email IS NULL OR c.email = '' "
            + "OR c.preferred_channel <> 'EMAIL' OR " + EnrolmentSync.IN_NO_CORRESPONDENCE_SEGMENT;

    private int applyFrequencyCap(Instant now, int capDays) {
        Timestamp at = Timestamp.from(now);
        Timestamp since = Timestamp.from(now.minus(Duration.ofDays(capDays)));
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS cadence_cap (touch_id BIGINT PRIMARY KEY, "
                + "contact_id BIGINT NOT NULL, winner_id BIGINT NULL, INDEX ix_cap_contact (contact_id)) ENGINE = InnoDB");
        jdbc.update("DELETE FROM cadence_cap");
        // the ranking among today's due emails of one contact
        jdbc.update("INSERT INTO cadence_cap (touch_id, contact_id, winner_id) "
                + "SELECT id, contact_id, IF(rn = 1, NULL, FIRST_VALUE(id) OVER (PARTITION BY contact_id ORDER BY rn)) "
                + "FROM (SELECT t.id, t.contact_id, ROW_NUMBER() OVER (PARTITION BY t.contact_id "
                + "ORDER BY cad.priority, t.due_at, t.id) AS rn "
                + "FROM scheduled_touch t JOIN cadence cad ON cad.id = t.cadence_id "
                + "WHERE t.status = 'PLANNED' AND t.kind = 'EMAIL' AND t.due_at <= ?) ranked", at);
        // a winner still loses to a message already sent or queued within the cap
        jdbc.update("UPDATE cadence_cap k JOIN (SELECT o.contact_id, MAX(o.touch_id) AS touch_id FROM email_outbox o "
                + "JOIN cadence_cap k2 ON k2.contact_id = o.contact_id AND k2.winner_id IS NULL "
                + "WHERE (o.status = 'SENT' AND o.sent_at > ?) OR o.status IN ('PENDING', 'SENDING') "
                + "GROUP BY o.contact_id) recent ON recent.contact_id = k.contact_id "
                + "SET k.winner_id = COALESCE(recent.touch_id, 0) WHERE k.winner_id IS NULL", since);
        // losers of the ranking whose winner lost too keep pointing at the winner: the collision stays visible
        enrolments.markAffected("SELECT contact_id FROM cadence_cap WHERE winner_id IS NOT NULL");
        return jdbc.update("UPDATE scheduled_touch t JOIN cadence_cap k ON k.touch_id = t.id "
                + "SET t.status = 'SKIPPED', t.status_reason = 'FREQUENCY_CAP', t.collided_with_id = NULLIF(k.winner_id, 0), "
                + "t.completed_at = ?, t.version = t.version + 1 WHERE k.winner_id IS NOT NULL", at);
    }

    /**
     * The next occurrence of every finished touch (or of one touch) whose step repeats, while the enrolment is open
     * and the step's maximum is not reached; the rhythm follows the planned dates, not when someone got to it.
     */
    int planSuccessors(Long touchId, Instant now) {
        String one = touchId == null ? "" : " AND t.id = " + touchId.longValue();
        enrolments.markAffected("SELECT t.contact_id FROM scheduled_touch t WHERE t.successor_planned = FALSE "
                + "AND t.status IN ('DONE', 'SKIPPED', 'FAILED')" + one);
        int planned = jdbc.update("INSERT IGNORE INTO scheduled_touch (enrolment_id, cadence_id, step_id, contact_id, "
                + "occurrence, kind, channel, due_at, owner_id, team_id, status) "
                + "SELECT t.enrolment_id, t.cadence_id, t.step_id, t.contact_id, t.occurrence + 1, s.kind, "
                + EnrolmentSync.channel("s", "c") + ", "
                + IntervalUnit.sqlAdd("t.due_at", "s.repeat_amount", "s.repeat_unit")
                + ", c.owner_id, c.team_id, 'PLANNED' "
                + "FROM scheduled_touch t JOIN cadence_step s ON s.id = t.step_id "
                + "JOIN cadence_enrolment e ON e.id = t.enrolment_id AND e.ended_at IS NULL "
                + "JOIN contact c ON c.id = t.contact_id "
                + "WHERE t.successor_planned = FALSE AND t.status IN ('DONE', 'SKIPPED', 'FAILED')" + one
                + " AND s.repeat_amount > 0 AND s.repeat_unit IS NOT NULL "
                + "AND (s.max_touches IS NULL OR t.occurrence < s.max_touches)");
        jdbc.update("UPDATE scheduled_touch t SET t.successor_planned = TRUE WHERE t.successor_planned = FALSE "
                + "AND t.status IN ('DONE', 'SKIPPED', 'FAILED', 'CANCELLED')" + one);
        return planned;
    }
}
