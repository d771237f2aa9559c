package com.leadflow.cadence;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.Roles;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cadence calendar and "My tasks": scheduled touches by day (counts from the indexes, a few items per day),
 * and what people do with a manual touch — complete it with an outcome, skip it with a reason, move it to
 * another day. Sales reps act on their own and their team's touches; marketing and admins on any.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class TouchService {

    private static final String ITEM_COLUMNS = """
            SELECT t.id, t.contact_id, CONCAT(c.first_name, ' ', c.last_name) AS contact_name, c.company,
                   t.cadence_id, cad.name AS cadence_name, t.kind, s.task_type, t.channel, t.due_at, t.owner_id,
                   u.display_name AS owner_name, t.status, t.status_reason, t.note,
                   (SELECT wc.name FROM scheduled_touch w JOIN cadence wc ON wc.id = w.cadence_id
                    WHERE w.id = t.collided_with_id) AS collided_with, t.version
            FROM scheduled_touch t JOIN contact c ON c.id = t.contact_id JOIN cadence cad ON cad.id = t.cadence_id
            JOIN cadence_step s ON s.id = t.step_id LEFT JOIN app_user u ON u.id = t.owner_id""";

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final TimelineService timeline;
    private final TouchScheduler scheduler;
    private final EnrolmentSync sync;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TouchService(JdbcTemplate jdbc, CurrentUserProvider currentUser, TimelineService timeline, TouchScheduler scheduler,
                 EnrolmentSync sync, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.timeline = timeline;
        this.scheduler = scheduler;
        this.sync = sync;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Emails and tasks per day in {@code [from, to]} (days in {@code zone}); cancelled touches are not counted.
     * Read from the hourly counts ({@code touch_hour_count}, kept by triggers with every touch write), so a month
     * costs a few thousand small rows instead of every touch; a zone whose offset is not whole hours (India,
     * Nepal…) counts the touches themselves.
     */
    @Transactional(readOnly = true)
    public Map<LocalDate, DayCount> dayCounts(CalendarFilter filter, LocalDate from, LocalDate to, ZoneId zone) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        if (!wholeHourOffsets(zone, start, end) || !wholeHourOffsets(ZoneId.systemDefault(), start, end)) {
            return countTouches(filter, from, to, zone);
        }
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(Timestamp.from(start));
        params.add(Timestamp.from(end));
        Map<LocalDate, int[]> sums = new TreeMap<>();
        jdbc.query("SELECT t.hour_start, SUM(IF(t.kind = 'EMAIL', t.touches, 0)), SUM(IF(t.kind = 'TASK', t.touches, 0)) "
                + "FROM touch_hour_count t" + where + " AND t.hour_start >= ? AND t.hour_start < ? GROUP BY t.hour_start",
                rs -> {
                    LocalDate day = LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), zone);
                    int[] sum = sums.computeIfAbsent(day, d -> new int[2]);
                    sum[0] += rs.getInt(2);
                    sum[1] += rs.getInt(3);
                }, params.toArray());
        Map<LocalDate, DayCount> counts = new TreeMap<>();
        sums.forEach((day, sum) -> {
            if (sum[0] + sum[1] > 0) {
                counts.put(day, new DayCount(day, sum[0], sum[1]));
            }
        });
        return counts;
    }

    /** The same counts from the touches themselves: any zone, and the reference the hourly counts must agree with. */
    @Transactional(readOnly = true)
    public Map<LocalDate, DayCount> countTouches(CalendarFilter filter, LocalDate from, LocalDate to, ZoneId zone) {
        List<Object> params = new ArrayList<>();
        int offsetSeconds = zone.getRules().getOffset(from.atStartOfDay(zone).toInstant()).getTotalSeconds();
        String where = where(filter, params);
        params.add(Timestamp.from(from.atStartOfDay(zone).toInstant()));
        params.add(Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
        Map<LocalDate, DayCount> counts = new TreeMap<>();
        jdbc.query("SELECT DATE(DATE_ADD(t.due_at, INTERVAL " + offsetSeconds + " SECOND)) AS d, "
                + "SUM(t.kind = 'EMAIL'), SUM(t.kind = 'TASK') FROM scheduled_touch t" + where
                + " AND t.due_at >= ? AND t.due_at < ? AND t.status <> 'CANCELLED' GROUP BY d", rs -> {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    counts.put(day, new DayCount(day, rs.getInt(2), rs.getInt(3)));
                }, params.toArray());
        return counts;
    }

    /** Whether every UTC hour in {@code [start, end)} lies within one local day of {@code zone}. */
    static boolean wholeHourOffsets(ZoneId zone, Instant start, Instant end) {
        var rules = zone.getRules();
        if (rules.getOffset(start).getTotalSeconds() % 3600 != 0) {
            return false;
        }
        for (var t = rules.nextTransition(start); t != null && t.getInstant().isBefore(end);
             t = rules.nextTransition(t.getInstant())) {
            if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code perDay} touches of every day in {@code [from, to]}, manual tasks first. */
    @Transactional(readOnly = true)
    public Map<LocalDate, List<TouchItem>> firstItems(CalendarFilter filter, LocalDate from, LocalDate to, ZoneId zone,
                                                      int perDay) {
        List<String> days = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            String where = where(filter, params);
            params.add(Timestamp.from(d.atStartOfDay(zone).toInstant()));
            params.add(Timestamp.from(d.plusDays(1).atStartOfDay(zone).toInstant()));
            // one small index range per day, in the order of the day index ((owner|team,) due_at, kind, status, id),
            // so it stops after perDay entries instead of sorting the day: a month never reads the month's rows. The
            // index is named because the optimizer, left alone, sorted a team's whole days (ix_touch_due) at 1M.
            days.add("(SELECT t.id FROM scheduled_touch t FORCE INDEX (" + dayIndex(filter) + ")" + where
                    + " AND t.due_at >= ? AND t.due_at < ? AND t.status <> 'CANCELLED' "
                    + "ORDER BY t.due_at, t.kind, t.status, t.id LIMIT "
                    + Math.max(1, Math.min(perDay, 50)) + ")");
        }
        Map<LocalDate, List<TouchItem>> items = new TreeMap<>();
        if (days.isEmpty()) {
            return items;
        }
        List<Long> ids = jdbc.queryForList(String.join(" UNION ALL ", days), Long.class, params.toArray());
        if (ids.isEmpty()) {
            return items;
        }
        for (TouchItem item : jdbc.query(ITEM_COLUMNS + " WHERE t.id IN (" + placeholders(ids.size())
                + ") ORDER BY t.kind DESC, t.due_at, t.id", ITEM, ids.toArray())) {
            items.computeIfAbsent(LocalDate.ofInstant(item.dueAt(), zone), d -> new ArrayList<>()).add(item);
        }
        return items;
    }

    /** Repeats that are not materialised yet: per day how many, and the first of each day. */
    public record ProjectedTouches(Map<LocalDate, DayCount> counts, Map<LocalDate, List<TouchItem>> items)
            implements java.io.Serializable {
    }

    /**
     * The later repeats of the open touches in {@code [from, to]} (days in {@code zone}), from now on: only the next
     * touch of every step is a row (decision 012), so the week view computes the ones after it from the step's
     * repeat interval and maximum, as the scheduler will plan them (the rhythm follows the planned dates). Items
     * carry the open touch's id, the projected time and status {@code PROJECTED}. Month repeats are added to the
     * open touch's date in one go (31 Jan + 2 months = 31 Mar), where the scheduler steps month by month (28 Mar).
     */
    @Transactional(readOnly = true)
    public ProjectedTouches projected(CalendarFilter filter, LocalDate from, LocalDate to, ZoneId zone, int perDay) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Instant lower = now.isAfter(start) ? now : start;
        Map<LocalDate, DayCount> counts = new TreeMap<>();
        Map<LocalDate, List<TouchItem>> items = new TreeMap<>();
        if (!lower.isBefore(end)) {
            return new ProjectedTouches(counts, items);
        }
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        int offsetSeconds = zone.getRules().getOffset(start).getTotalSeconds();
        List<Object> params = new ArrayList<>();
        Timestamp lowerAt = Timestamp.from(lower);
        // the first repeat (k) of each open touch that can fall on or after the lower bound
        params.add(lowerAt);
        params.add(lowerAt);
        String where = where(filter, params);
        params.add(Timestamp.from(end));
        StringBuilder numbers = new StringBuilder("SELECT 0 AS j");
        for (int j = 1; j <= days + 1; j++) {
            numbers.append(" UNION ALL SELECT ").append(j);
        }
        String k = "(p.k0 + n.j)";
        String projections = "SELECT p.id, p.kind, p.occurrence + " + k + " AS occurrence, p.max_touches, "
                + IntervalUnit.sqlAdd("p.due_at", "(" + k + " * p.repeat_amount)", "p.repeat_unit") + " AS projected_at "
                + "FROM (SELECT t.id, t.kind, t.due_at, t.occurrence, s.repeat_amount, s.repeat_unit, s.max_touches, "
                + "GREATEST(1, CASE s.repeat_unit WHEN 'MONTHS' THEN TIMESTAMPDIFF(MONTH, t.due_at, ?) DIV s.repeat_amount "
                + "ELSE CEIL(TIMESTAMPDIFF(SECOND, t.due_at, ?) / (s.repeat_amount * "
                + "IF(s.repeat_unit = 'WEEKS', 604800, 86400))) END) AS k0 "
                + "FROM scheduled_touch t JOIN cadence_step s ON s.id = t.step_id" + where
                + " AND t.status IN ('PLANNED', 'DUE') AND t.due_at < ? AND s.repeat_amount > 0 "
                + "AND s.repeat_unit IS NOT NULL AND (s.max_touches IS NULL OR t.occurrence < s.max_touches)) p "
                + "JOIN (" + numbers + ") n ON n.j <= CEIL(" + days + " / (p.repeat_amount * "
                + "CASE p.repeat_unit WHEN 'DAYS' THEN 1 WHEN 'WEEKS' THEN 7 ELSE 28 END)) + 1";
        params.add(lowerAt);
        params.add(Timestamp.from(end));
        params.add(Math.max(1, Math.min(perDay, 50)));
        String sql = "SELECT id, projected_at, d, rn, emails, tasks FROM (SELECT x.id, x.projected_at, x.d, "
                + "ROW_NUMBER() OVER (PARTITION BY x.d ORDER BY x.projected_at, x.id) AS rn, "
                + "SUM(x.kind = 'EMAIL') OVER (PARTITION BY x.d) AS emails, SUM(x.kind = 'TASK') OVER (PARTITION BY x.d) AS tasks "
                + "FROM (SELECT q.*, DATE(DATE_ADD(q.projected_at, INTERVAL " + offsetSeconds + " SECOND)) AS d FROM ("
                + projections + ") q WHERE q.projected_at >= ? AND q.projected_at < ? "
                + "AND (q.max_touches IS NULL OR q.occurrence <= q.max_touches)) x) ranked WHERE rn <= ?";
        Map<Long, List<Instant>> firstBySource = new java.util.HashMap<>();
        jdbc.query(sql, rs -> {
            LocalDate day = rs.getDate("d").toLocalDate();
            counts.putIfAbsent(day, new DayCount(day, rs.getInt("emails"), rs.getInt("tasks")));
            firstBySource.computeIfAbsent(rs.getLong("id"), id -> new ArrayList<>())
                    .add(rs.getTimestamp("projected_at").toInstant());
        }, params.toArray());
        if (firstBySource.isEmpty()) {
            return new ProjectedTouches(counts, items);
        }
        List<Long> ids = new ArrayList<>(firstBySource.keySet());
        for (TouchItem open : jdbc.query(ITEM_COLUMNS + " WHERE t.id IN (" + placeholders(ids.size()) + ")", ITEM,
                ids.toArray())) {
            for (Instant at : firstBySource.get(open.id())) {
                TouchItem repeat = new TouchItem(open.id(), open.contactId(), open.contactName(), open.company(),
                        open.cadenceId(), open.cadenceName(), open.kind(), open.taskType(), open.channel(), at,
                        open.ownerId(), open.ownerName(), TouchStatus.PROJECTED, null, null, null, open.version());
                items.computeIfAbsent(LocalDate.ofInstant(at, zone), d -> new ArrayList<>()).add(repeat);
            }
        }
        items.values().forEach(list -> list.sort(java.util.Comparator.comparing(TouchItem::dueAt)
                .thenComparing(TouchItem::id)));
        return new ProjectedTouches(counts, items);
    }

    /** One day's touches, a page at a time (the "all items of the day" list). */
    @Transactional(readOnly = true)
    public List<TouchItem> dayItems(CalendarFilter filter, LocalDate day, ZoneId zone, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(Timestamp.from(day.atStartOfDay(zone).toInstant()));
        params.add(Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
        params.add(limit);
        params.add(offset);
        return jdbc.query(ITEM_COLUMNS + where + " AND t.due_at >= ? AND t.due_at < ? AND t.status <> 'CANCELLED' "
                + "ORDER BY t.kind DESC, t.due_at, t.id LIMIT ? OFFSET ?", ITEM, params.toArray());
    }

    /** The current user's manual tasks due today or overdue and not done, oldest first. */
    @Transactional(readOnly = true)
    public List<TouchItem> myTasks(ZoneId zone) {
        CurrentUser me = currentUser.require();
        Instant endOfToday = LocalDate.ofInstant(clock.instant(), zone).plusDays(1).atStartOfDay(zone).toInstant();
        return jdbc.query(ITEM_COLUMNS + " WHERE t.owner_id = ? AND t.kind = 'TASK' AND t.status IN ('PLANNED', 'DUE') "
                + "AND t.due_at < ? ORDER BY t.due_at, t.id LIMIT 500", ITEM, me.id(), Timestamp.from(endOfToday));
    }

    /** A contact's open touches (the profile's "Upcoming touches"). */
    @Transactional(readOnly = true)
    public List<TouchItem> upcomingFor(long contactId, int limit) {
        return jdbc.query(ITEM_COLUMNS + " WHERE t.contact_id = ? AND t.status IN ('PLANNED', 'DUE') "
                + "ORDER BY t.due_at, t.id LIMIT ?", ITEM, contactId, limit);
    }

    @Transactional(readOnly = true)
    public TouchItem load(long touchId) {
        return jdbc.query(ITEM_COLUMNS + " WHERE t.id = ?", ITEM, touchId).stream().findFirst()
                .orElseThrow(() -> new ValidationFailedException("cadence.touch.error.gone"));
    }

    /** Whether the current user may complete, skip or move this touch. */
    @Transactional(readOnly = true)
    public boolean canAct(TouchItem touch) {
        CurrentUser me = currentUser.require();
        return switch (me.role()) {
            case ADMIN, MARKETING -> true;
            case SALES -> touch.ownerId() != null && (touch.ownerId() == me.id() || sameTeam(touch.ownerId(), me));
            default -> false;
        };
    }

    /** Done, with how it went: a timeline entry for the contact, and the next occurrence is planned. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public void complete(long touchId, TaskOutcome outcome, String note) {
        if (outcome == null) {
            throw new ValidationFailedException("cadence.task.error.outcome");
        }
        TouchItem touch = openTouchIMayActOn(touchId);
        if (touch.kind() != StepKind.TASK) {
            throw new ValidationFailedException("cadence.task.error.notTask");
        }
        String text = note == null ? "" : note.trim();
        if (text.length() > 900) {
            throw new ValidationFailedException("cadence.error.tooLong", 900);
        }
        CurrentUser me = currentUser.require();
        Instant now = clock.instant();
        finish(touch, "DONE", outcome.name(), text.isEmpty() ? null : text, me, now);
        ActivityType type = switch (touch.taskType() == null ? TaskType.REVIEW : touch.taskType()) {
            case CALL -> ActivityType.CALL;
            case MEETING -> ActivityType.MEETING;
            case REVIEW -> ActivityType.TASK_DONE;
        };
        String summary = touch.cadenceName() + ": " + outcome.name().toLowerCase().replace('_', ' ')
                + (text.isEmpty() ? "" : " — " + text);
        timeline.recordAt(touch.contactId(), type, now, me.id(), me.displayName(), summary,
                "{\"touchId\":" + touchId + ",\"outcome\":\"" + outcome.name() + "\"}");
    }

    /** Skipped on purpose, with the reason in the user's words; the next occurrence is planned. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public void skip(long touchId, String reason) {
        String text = reason == null ? "" : reason.trim();
        if (text.isEmpty()) {
            throw new ValidationFailedException("cadence.touch.error.reason");
        }
        if (text.length() > 900) {
            throw new ValidationFailedException("cadence.error.tooLong", 900);
        }
        TouchItem touch = openTouchIMayActOn(touchId);
        finish(touch, "SKIPPED", "BY_USER", text, currentUser.require(), clock.instant());
    }

    /** A manual touch moved to another day, same time of day; the past is refused. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public TouchItem reschedule(long touchId, LocalDate day, ZoneId zone, long expectedVersion) {
        if (day == null) {
            throw new ValidationFailedException("cadence.touch.error.day");
        }
        TouchItem touch = openTouchIMayActOn(touchId);
        if (touch.kind() != StepKind.TASK) {
            throw new ValidationFailedException("cadence.touch.error.onlyTasks");
        }
        Instant now = clock.instant();
        if (day.isBefore(LocalDate.ofInstant(now, zone))) {
            throw new ValidationFailedException("cadence.touch.error.past");
        }
        LocalDateTime time = LocalDateTime.ofInstant(touch.dueAt(), zone);
        Instant due = day.atTime(time.toLocalTime()).atZone(zone).toInstant();
        int updated = jdbc.update("UPDATE scheduled_touch SET due_at = ?, status = ?, version = version + 1 "
                + "WHERE id = ? AND version = ? AND status IN ('PLANNED', 'DUE')", Timestamp.from(due),
                due.isAfter(now) ? "PLANNED" : "DUE", touchId, expectedVersion);
        if (updated == 0) {
            throw new OptimisticLockingFailureException("touch " + touchId + " changed meanwhile");
        }
        refreshNextTouch(touch.contactId(), now);
        events.publishEvent(new TouchChangedEvent(touchId, touch.ownerId()));
        return load(touchId);
    }

    private void finish(TouchItem touch, String status, String reason, String note, CurrentUser me, Instant now) {
        int updated = jdbc.update("UPDATE scheduled_touch SET status = ?, status_reason = ?, note = ?, completed_at = ?, "
                + "completed_by = ?, version = version + 1 WHERE id = ? AND version = ? AND status IN ('PLANNED', 'DUE')",
                status, reason, note, Timestamp.from(now), me.id(), touch.id(), touch.version());
        if (updated == 0) {
            throw new OptimisticLockingFailureException("touch " + touch.id() + " changed meanwhile");
        }
        // a planned email skipped by hand must not go out
        jdbc.update("UPDATE email_outbox SET status = 'SUPPRESSED', last_error = 'skipped by a user' "
                + "WHERE touch_id = ? AND status = 'PENDING'", touch.id());
        sync.prepareTemporaryTables();
        scheduler.planSuccessors(touch.id(), now);
        refreshNextTouch(touch.contactId(), now);
        events.publishEvent(new TouchChangedEvent(touch.id(), touch.ownerId()));
    }

    private void refreshNextTouch(long contactId, Instant now) {
        sync.prepareTemporaryTables();
        sync.markAffected("SELECT ?", contactId);
        sync.refreshNextTouch(now);
    }

    private TouchItem openTouchIMayActOn(long touchId) {
        TouchItem touch = load(touchId);
        if (!canAct(touch)) {
            throw new AccessDeniedException("not your touch");
        }
        if (!touch.open()) {
            throw new ValidationFailedException("cadence.touch.error.closed");
        }
        return touch;
    }

    private boolean sameTeam(long ownerId, CurrentUser me) {
        if (me.teamId() == null) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM app_user WHERE id = ? AND team_id = ?)",
                Boolean.class, ownerId, me.teamId()));
    }

    private String where(CalendarFilter filter, List<Object> params) {
        List<String> parts = new ArrayList<>();
        CurrentUser me = currentUser.require();
        switch (filter.scope()) {
            case MINE -> {
                parts.add("t.owner_id = ?");
                params.add(me.id());
            }
            case TEAM -> {
                Long team = filter.teamId() != null ? filter.teamId() : me.teamId();
                if (team == null) {
                    parts.add("FALSE");
                } else {
                    parts.add("t.team_id = ?");
                    params.add(team);
                }
            }
            case ALL -> {
                if (filter.teamId() != null) {
                    parts.add("t.team_id = ?");
                    params.add(filter.teamId());
                }
            }
        }
        if (filter.kind() != null) {
            parts.add("t.kind = ?");
            params.add(filter.kind().name());
        }
        if (filter.cadenceId() != null) {
            parts.add("t.cadence_id = ?");
            params.add(filter.cadenceId());
        }
        if (filter.segmentId() != null) {
            parts.add("t.cadence_id IN (SELECT id FROM cadence WHERE segment_id = ?)");
            params.add(filter.segmentId());
        }
        return " WHERE " + (parts.isEmpty() ? "TRUE" : String.join(" AND ", parts));
    }

    /** The index that holds the calendar's touches of this filter in day order. */
    private static String dayIndex(CalendarFilter filter) {
        if (filter.scope() == OwnerScope.MINE) {
            return "ix_touch_owner_day";
        }
        return filter.scope() == OwnerScope.TEAM || filter.teamId() != null ? "ix_touch_team_day" : "ix_touch_day";
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static final RowMapper<TouchItem> ITEM = (rs, i) -> {
        String taskType = rs.getString("task_type");
        return new TouchItem(rs.getLong("id"), rs.getLong("contact_id"), rs.getString("contact_name"),
                rs.getString("company"), rs.getLong("cadence_id"), rs.getString("cadence_name"),
                StepKind.valueOf(rs.getString("kind")), taskType == null ? null : TaskType.valueOf(taskType),
                rs.getString("channel"), rs.getTimestamp("due_at").toInstant(),
                (Long) rs.getObject("owner_id", Long.class), rs.getString("owner_name"),
                TouchStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getString("note"),
                rs.getString("collided_with"), rs.getLong("version"));
    };
}
