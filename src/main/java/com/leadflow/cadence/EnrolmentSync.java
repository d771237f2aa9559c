package com.leadflow.cadence;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Brings enrolments in line with segment membership in a few set-based statements: members of a cadence's
 * segment who may be written to are enrolled (and get their first touch of every step planned); enrolled
 * contacts who left the segment, converted, were set to do-not-contact, joined a no-correspondence segment or
 * whose cadence was stopped leave it (their open touches are cancelled). Works for one cadence, optionally
 * narrowed to one contact, so the live path and the periodic backstop share the same rules.
 */
@Component
class EnrolmentSync {

    /** Why an enrolment ended. A contact who replied or converted is not enrolled again until a new segment entry. */
    static final String LEFT_SEGMENT = "LEFT_SEGMENT";
    static final String CONVERTED = "CONVERTED";
    static final String DO_NOT_CONTACT = "DO_NOT_CONTACT";
    static final String NO_CORRESPONDENCE = "NO_CORRESPONDENCE";
    static final String CADENCE_STOPPED = "CADENCE_STOPPED";
    static final String REPLIED = "REPLIED";

    /** A contact in any segment flagged "no correspondence" receives nothing at all. */
    static final String IN_NO_CORRESPONDENCE_SEGMENT = "EXISTS (SELECT 1 FROM segment_member nm JOIN segment ns "
            + "ON ns.id = nm.segment_id WHERE nm.contact_id = c.id AND ns.no_correspondence)";

    private final JdbcTemplate jdbc;

    EnrolmentSync(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Result(int enrolled, int ended) {
        Result plus(Result other) {
            return new Result(enrolled + other.enrolled, ended + other.ended);
        }
    }

    /** Every cadence (the backstop), or every cadence for one contact. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Result syncAll(Long contactId, Instant now) {
        return syncEach(jdbc.queryForList("SELECT id FROM cadence ORDER BY priority, id", Long.class), contactId, now);
    }

    /** Every cadence for the given contacts (a batch of the background re-evaluation). */
    @Transactional(propagation = Propagation.REQUIRED)
    public Result syncContacts(Collection<Long> contactIds, Instant now) {
        Result total = new Result(0, 0);
        if (contactIds.isEmpty()) {
            return total;
        }
        prepareTemporaryTables();
        for (Long cadenceId : jdbc.queryForList("SELECT id FROM cadence ORDER BY priority, id", Long.class)) {
            total = total.plus(syncPrepared(cadenceId, contactIds, now));
        }
        refreshNextTouch(now);
        return total;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public Result syncSegment(long segmentId, Long contactId, Instant now) {
        return syncEach(jdbc.queryForList("SELECT id FROM cadence WHERE segment_id = ? ORDER BY priority, id",
                Long.class, segmentId), contactId, now);
    }

    /** The temporary tables are made once and next-touch dates refreshed once, however many cadences. */
    private Result syncEach(java.util.List<Long> cadenceIds, Long contactId, Instant now) {
        Result total = new Result(0, 0);
        prepareTemporaryTables();
        for (Long cadenceId : cadenceIds) {
            total = total.plus(syncPrepared(cadenceId, contactId, now));
        }
        refreshNextTouch(now);
        return total;
    }

    /** Open touches follow their contacts' owner and team (the calendar and "My tasks" are by owner). */
    @Transactional(propagation = Propagation.REQUIRED)
    public int followOwners(Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("UPDATE scheduled_touch t JOIN contact c ON c.id = t.contact_id "
                + "SET t.owner_id = c.owner_id, t.team_id = c.team_id, t.version = t.version + 1 "
                + "WHERE t.contact_id IN (" + idList(contactIds) + ") AND t.status IN ('PLANNED', 'DUE') "
                + "AND NOT (t.owner_id <=> c.owner_id AND t.team_id <=> c.team_id)");
    }

    /** Contact ids for an {@code IN (…)}: numbers, written into the statement as such. */
    private static String idList(Collection<Long> contactIds) {
        return contactIds.stream().map(id -> String.valueOf(id.longValue())).collect(Collectors.joining(", "));
    }

    /** Ends one contact's open enrolments for a reason the segment does not see (a reply, an unsubscribe). */
    @Transactional(propagation = Propagation.REQUIRED)
    public int endAllFor(long contactId, String reason, Instant now) {
        prepareTemporaryTables();
        jdbc.update("INSERT INTO cadence_leave (enrolment_id, contact_id, cadence_id, reason) "
                + "SELECT e.id, e.contact_id, e.cadence_id, ? FROM cadence_enrolment e "
                + "WHERE e.contact_id = ? AND e.ended_at IS NULL", reason, contactId);
        int ended = endLeavers(now);
        refreshNextTouch(now);
        return ended;
    }

    /** One cadence, for every member or just {@code contactId}. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Result sync(long cadenceId, Long contactId, Instant now) {
        prepareTemporaryTables();
        Result result = syncPrepared(cadenceId, contactId, now);
        refreshNextTouch(now);
        return result;
    }

    private Result syncPrepared(long cadenceId, Long contactId, Instant now) {
        return syncPrepared(cadenceId, contactId == null ? null : List.of(contactId), now);
    }

    /** One cadence for the given contacts ({@code null}: every member). */
    private Result syncPrepared(long cadenceId, Collection<Long> contactIds, Instant now) {
        jdbc.update("DELETE FROM cadence_leave");
        jdbc.update("DELETE FROM cadence_enter");
        Timestamp at = Timestamp.from(now);
        String ids = contactIds == null ? null : idList(contactIds);
        String oneEnrolment = ids == null ? "" : " AND e.contact_id IN (" + ids + ")";
        String oneMember = ids == null ? "" : " AND m.contact_id IN (" + ids + ")";

        // who leaves, and why (the first reason that applies)
        jdbc.update("INSERT INTO cadence_leave (enrolment_id, contact_id, cadence_id, reason) "
                + "SELECT e.id, e.contact_id, e.cadence_id, CASE"
                + " WHEN NOT cad.active THEN '" + CADENCE_STOPPED + "'"
                + " WHEN c.do_not_contact THEN '" + DO_NOT_CONTACT + "'"
                + " WHEN c.status = 'WON' THEN '" + CONVERTED + "'"
                + " WHEN m.contact_id IS NULL THEN '" + LEFT_SEGMENT + "'"
                + " ELSE '" + NO_CORRESPONDENCE + "' END "
                + "FROM cadence_enrolment e JOIN cadence cad ON cad.id = e.cadence_id "
                + "JOIN contact c ON c.id = e.contact_id "
                + "LEFT JOIN segment_member m ON m.segment_id = cad.segment_id AND m.contact_id = e.contact_id "
                + "WHERE e.cadence_id = ? AND e.ended_at IS NULL" + oneEnrolment
                + " AND (NOT cad.active OR c.do_not_contact OR c.status = 'WON' OR m.contact_id IS NULL OR "
                + IN_NO_CORRESPONDENCE_SEGMENT + ")", cadenceId);
        int ended = endLeavers(now);

        // who joins: members who may be written to, not enrolled now, and not ended for good in this segment stay
        int entering = jdbc.update("INSERT INTO cadence_enter (contact_id, segment_entered_at) "
                + "SELECT m.contact_id, m.entered_at FROM cadence cad "
                + "JOIN segment_member m ON m.segment_id = cad.segment_id JOIN contact c ON c.id = m.contact_id "
                + "WHERE cad.id = ? AND cad.active" + oneMember
                + " AND NOT c.do_not_contact AND c.status <> 'WON' AND NOT " + IN_NO_CORRESPONDENCE_SEGMENT
                + " AND NOT EXISTS (SELECT 1 FROM cadence_enrolment e WHERE e.cadence_id = cad.id "
                + "AND e.contact_id = m.contact_id AND (e.ended_at IS NULL OR (e.segment_entered_at >= m.entered_at "
                + "AND e.end_reason IN ('" + REPLIED + "', '" + CONVERTED + "', '" + LEFT_SEGMENT + "'))))",
                cadenceId);
        int enrolled = 0;
        if (entering > 0) {
            enrolled = jdbc.update("INSERT INTO cadence_enrolment (cadence_id, contact_id, segment_entered_at, enrolled_at) "
                    + "SELECT ?, x.contact_id, x.segment_entered_at, ? FROM cadence_enter x", cadenceId, at);
            jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                    + "SELECT x.contact_id, 'CADENCE_ENROLLED', ?, 'SYSTEM', cad.name, JSON_OBJECT('cadenceId', cad.id), ? "
                    + "FROM cadence_enter x JOIN cadence cad ON cad.id = ?", at, at, cadenceId);
            // the first touch of every step
            jdbc.update("INSERT INTO scheduled_touch (enrolment_id, cadence_id, step_id, contact_id, occurrence, kind, "
                    + "channel, due_at, owner_id, team_id, status) "
                    + "SELECT e.id, e.cadence_id, s.id, e.contact_id, 1, s.kind, " + channel("s", "c") + ", "
                    + IntervalUnit.sqlAdd("e.enrolled_at", "s.delay_amount", "s.delay_unit")
                    + ", c.owner_id, c.team_id, 'PLANNED' "
                    + "FROM cadence_enter x JOIN cadence_enrolment e ON e.contact_id = x.contact_id "
                    + "AND e.cadence_id = ? AND e.ended_at IS NULL "
                    + "JOIN cadence_step s ON s.cadence_id = e.cadence_id JOIN contact c ON c.id = e.contact_id",
                    cadenceId);
            jdbc.update("INSERT IGNORE INTO cadence_affected (contact_id) SELECT contact_id FROM cadence_enter");
        }
        return new Result(enrolled, ended);
    }

    /** The channel of a touch: email for automated steps; for a call, the contact's preferred channel. */
    static String channel(String step, String contact) {
        return "CASE WHEN " + step + ".kind = 'EMAIL' THEN 'EMAIL' WHEN " + step + ".task_type = 'MEETING' "
                + "THEN 'MEETING' WHEN " + step + ".task_type = 'REVIEW' THEN 'REVIEW' ELSE " + contact
                + ".preferred_channel END";
    }

    private int endLeavers(Instant now) {
        Timestamp at = Timestamp.from(now);
        int ended = jdbc.update("UPDATE cadence_enrolment e JOIN cadence_leave l ON l.enrolment_id = e.id "
                + "SET e.ended_at = ?, e.end_reason = l.reason WHERE e.ended_at IS NULL", at);
        if (ended == 0) {
            return 0;
        }
        jdbc.update("UPDATE scheduled_touch t JOIN cadence_leave l ON l.enrolment_id = t.enrolment_id "
                + "SET t.status = 'CANCELLED', t.status_reason = l.reason, t.completed_at = ?, t.version = t.version + 1 "
                + "WHERE t.status IN ('PLANNED', 'DUE')", at);
        // messages queued for those touches are not sent any more
        jdbc.update("UPDATE email_outbox o JOIN scheduled_touch t ON t.id = o.touch_id "
                + "JOIN cadence_leave l ON l.enrolment_id = t.enrolment_id "
                + "SET o.status = 'SUPPRESSED', o.last_error = CONCAT('left the cadence: ', l.reason) "
                + "WHERE o.status = 'PENDING'");
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                + "SELECT l.contact_id, 'CADENCE_LEFT', ?, 'SYSTEM', cad.name, "
                + "JSON_OBJECT('cadenceId', cad.id, 'reason', l.reason), ? "
                + "FROM cadence_leave l JOIN cadence cad ON cad.id = l.cadence_id", at, at);
        jdbc.update("INSERT IGNORE INTO cadence_affected (contact_id) SELECT contact_id FROM cadence_leave");
        return ended;
    }

    /** {@code contact.next_touch_at} of every contact this sync touched: its earliest open touch. */
    void refreshNextTouch(Instant now) {
        jdbc.update("UPDATE contact c JOIN cadence_affected a ON a.contact_id = c.id SET c.next_touch_at = "
                + "(SELECT MIN(t.due_at) FROM scheduled_touch t WHERE t.contact_id = c.id "
                + "AND t.status IN ('PLANNED', 'DUE'))");
        jdbc.update("DELETE FROM cadence_affected");
    }

    void prepareTemporaryTables() {
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS cadence_leave (enrolment_id BIGINT PRIMARY KEY, "
                + "contact_id BIGINT NOT NULL, cadence_id BIGINT NOT NULL, reason VARCHAR(30) NOT NULL) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS cadence_enter (contact_id BIGINT PRIMARY KEY, "
                + "segment_entered_at DATETIME(6) NOT NULL) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS cadence_affected (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.update("DELETE FROM cadence_leave");
        jdbc.update("DELETE FROM cadence_enter");
    }

    /** Contacts whose next touch must be recomputed (the scheduler adds to the same table). */
    void markAffected(String selectContactIds, Object... params) {
        jdbc.update("INSERT IGNORE INTO cadence_affected (contact_id) " + selectContactIds, params);
    }
}
