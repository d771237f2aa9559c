package com.leadflow.cadence;

import com.leadflow.base.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Nurture cadences: everyone reads them, MARKETING and ADMIN design them. Saving one enrols its segment's members
 * at once (and stopping one ends its enrolments); the preview tells how many contacts get which touch in the next
 * 30 days before anything is saved.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class CadenceService {

    static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";
    static final int PREVIEW_DAYS = 30;

    private final JdbcTemplate jdbc;
    private final EnrolmentSync sync;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CadenceService(JdbcTemplate jdbc, EnrolmentSync sync,
                   ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.sync = sync;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CadenceSummary> list() {
        return jdbc.query("""
                SELECT cad.id, cad.name, cad.segment_id, s.name, s.no_correspondence, cad.priority, cad.active,
                       (SELECT COUNT(*) FROM cadence_step st WHERE st.cadence_id = cad.id),
                       (SELECT COUNT(*) FROM cadence_enrolment e WHERE e.cadence_id = cad.id AND e.open_flag = 1)
                FROM cadence cad JOIN segment s ON s.id = cad.segment_id ORDER BY cad.priority, cad.name""",
                (rs, i) -> new CadenceSummary(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getBoolean(7), rs.getInt(8), rs.getLong(9)));
    }

    @Transactional(readOnly = true)
    public CadenceForm load(long id) {
        List<CadenceStep> steps = jdbc.query("""
                SELECT id, kind, task_type, template_id, delay_amount, delay_unit, repeat_amount, repeat_unit,
                       max_touches FROM cadence_step WHERE cadence_id = ? ORDER BY position, id""",
                (rs, i) -> new CadenceStep(rs.getLong(1), StepKind.valueOf(rs.getString(2)),
                        rs.getString(3) == null ? null : TaskType.valueOf(rs.getString(3)),
                        (Long) rs.getObject(4, Long.class), rs.getInt(5), IntervalUnit.valueOf(rs.getString(6)),
                        (Integer) rs.getObject(7, Integer.class),
                        rs.getString(8) == null ? null : IntervalUnit.valueOf(rs.getString(8)),
                        (Integer) rs.getObject(9, Integer.class)), id);
        return jdbc.query("SELECT id, system_key, name, description, segment_id, priority, active, version "
                        + "FROM cadence WHERE id = ?",
                (rs, i) -> new CadenceForm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getBoolean(7), steps, rs.getLong(8)), id)
                .stream().findFirst().orElseThrow(() -> new ValidationFailedException("cadence.error.gone"));
    }

    @PreAuthorize(CAN_EDIT)
    public boolean canEdit() {
        return true;
    }

    /**
     * Creates or updates a cadence and its steps, then enrols (or, when stopped, lets go) its segment's members.
     * Touches already planned keep their dates; changed timing applies to touches planned from now on. A removed
     * step's open touches are cancelled.
     */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public CadenceForm save(CadenceForm form) {
        validate(form);
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        long id;
        try {
            if (form.id() == null) {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.update(c -> {
                    PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO cadence (system_key, name, description, segment_id, priority, active,
                                                 created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                            Statement.RETURN_GENERATED_KEYS);
                    ps.setString(1, form.systemKey());
                    ps.setString(2, form.name().trim());
                    ps.setString(3, blankToNull(form.description()));
                    ps.setLong(4, form.segmentId());
                    ps.setInt(5, form.priority());
                    ps.setBoolean(6, form.active());
                    ps.setTimestamp(7, at);
                    ps.setTimestamp(8, at);
                    return ps;
                }, key);
                id = Objects.requireNonNull(key.getKey()).longValue();
            } else {
                id = form.id();
                int updated = jdbc.update("""
                        UPDATE cadence SET name = ?, description = ?, segment_id = ?, priority = ?, active = ?,
                               updated_at = ?, version = version + 1 WHERE id = ? AND version = ?""",
                        form.name().trim(), blankToNull(form.description()), form.segmentId(), form.priority(),
                        form.active(), at, id, form.version());
                if (updated == 0) {
                    throw new OptimisticLockingFailureException("cadence " + id + " changed meanwhile");
                }
            }
        } catch (DuplicateKeyException e) {
            throw new ValidationFailedException("cadence.error.nameTaken", form.name());
        }
        saveSteps(id, form.steps(), at);
        EnrolmentSync.Result r = sync.sync(id, null, now);
        if (r.enrolled() + r.ended() > 0) {
            events.publishEvent(TouchChangedEvent.many());
        }
        return load(id);
    }

    private void saveSteps(long cadenceId, List<CadenceStep> steps, Timestamp at) {
        Set<Long> kept = steps.stream().map(CadenceStep::id).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Long> existing = jdbc.queryForList("SELECT id FROM cadence_step WHERE cadence_id = ?", Long.class, cadenceId);
        for (Long old : existing) {
            if (!kept.contains(old)) {
                jdbc.update("UPDATE scheduled_touch SET status = 'CANCELLED', status_reason = 'STEP_REMOVED', "
                        + "completed_at = ?, version = version + 1 WHERE step_id = ? AND status IN ('PLANNED', 'DUE')",
                        at, old);
                jdbc.update("UPDATE email_outbox o JOIN scheduled_touch t ON t.id = o.touch_id SET o.status = 'SUPPRESSED', "
                        + "o.last_error = 'step removed' WHERE t.step_id = ? AND o.status = 'PENDING'", old);
                jdbc.update("DELETE FROM cadence_step WHERE id = ?", old);
            }
        }
        int position = 1;
        for (CadenceStep s : steps) {
            Object[] values = {s.kind().name(), s.kind() == StepKind.TASK ? s.taskType().name() : null,
                    s.kind() == StepKind.EMAIL ? s.templateId() : null, s.delayAmount(), s.delayUnit().name(),
                    s.repeats() ? s.repeatAmount() : null, s.repeats() ? s.repeatUnit().name() : null,
                    s.maxTouches(), position++};
            if (s.id() != null && existing.contains(s.id())) {
                List<Object> p = new ArrayList<>(java.util.Arrays.asList(values));
                p.add(s.id());
                jdbc.update("UPDATE cadence_step SET kind = ?, task_type = ?, template_id = ?, delay_amount = ?, "
                        + "delay_unit = ?, repeat_amount = ?, repeat_unit = ?, max_touches = ?, position = ? WHERE id = ?",
                        p.toArray());
            } else {
                List<Object> p = new ArrayList<>();
                p.add(cadenceId);
                p.addAll(java.util.Arrays.asList(values));
                jdbc.update("INSERT INTO cadence_step (cadence_id, kind, task_type, template_id, delay_amount, "
                        + "delay_unit, repeat_amount, repeat_unit, max_touches, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        p.toArray());
                // contacts already enrolled get the new step's first touch, counted from now
                jdbc.update("INSERT IGNORE INTO scheduled_touch (enrolment_id, cadence_id, step_id, contact_id, occurrence, "
                        + "kind, channel, due_at, owner_id, team_id, status) "
                        + "SELECT e.id, e.cadence_id, s.id, e.contact_id, 1, s.kind, " + EnrolmentSync.channel("s", "c")
                        + ", " + IntervalUnit.sqlAdd("b.base", "s.delay_amount", "s.delay_unit")
                        + ", c.owner_id, c.team_id, 'PLANNED' FROM (SELECT CAST(? AS DATETIME(6)) AS base) b "
                        + "JOIN cadence_enrolment e "
                        + "JOIN cadence_step s ON s.id = LAST_INSERT_ID() JOIN contact c ON c.id = e.contact_id "
                        + "WHERE e.cadence_id = ? AND e.ended_at IS NULL", at, cadenceId);
            }
        }
    }

    /** Stops or restarts a cadence: stopping ends every enrolment and cancels the open touches. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void setActive(long id, boolean active) {
        jdbc.update("UPDATE cadence SET active = ?, updated_at = ?, version = version + 1 WHERE id = ?", active,
                Timestamp.from(clock.instant()), id);
        sync.sync(id, null, clock.instant());
        events.publishEvent(TouchChangedEvent.many());
    }

    /** How many contacts get which touch in the next 30 days if the cadence were saved like this. */
    @Transactional(readOnly = true)
    public List<StepPreview> preview(CadenceForm form) {
        List<StepPreview> result = new ArrayList<>();
        if (form.segmentId() == null) {
            return result;
        }
        Instant now = clock.instant();
        Instant end = now.plus(Duration.ofDays(PREVIEW_DAYS));
        boolean sameSegment = form.id() != null && Objects.equals(form.segmentId(),
                jdbc.queryForObject("SELECT segment_id FROM cadence WHERE id = ?", Long.class, form.id()));
        // who would be enrolled now: current members who may be written to and are not enrolled yet
        long newcomers = count("SELECT COUNT(*) FROM segment_member m JOIN contact c ON c.id = m.contact_id "
                + "WHERE m.segment_id = ? AND NOT c.do_not_contact AND c.status <> 'WON' AND NOT "
                + EnrolmentSync.IN_NO_CORRESPONDENCE_SEGMENT + (sameSegment
                ? " AND NOT EXISTS (SELECT 1 FROM cadence_enrolment e WHERE e.cadence_id = " + form.id()
                + " AND e.contact_id = m.contact_id AND e.ended_at IS NULL)" : ""), form.segmentId());
        long enrolled = sameSegment ? count("SELECT COUNT(*) FROM cadence_enrolment WHERE cadence_id = ? "
                + "AND open_flag = 1", form.id()) : 0;
        long heldBack = count("SELECT COUNT(*) FROM segment_member m JOIN contact c ON c.id = m.contact_id "
                + "WHERE m.segment_id = ? AND NOT c.do_not_contact AND c.status <> 'WON' AND NOT "
                + EnrolmentSync.IN_NO_CORRESPONDENCE_SEGMENT
                + " AND (c.email IS NULL OR c.email = '' OR c.preferred_channel <> 'EMAIL')", form.segmentId());
        long mayCollide = count("SELECT COUNT(DISTINCT m.contact_id) FROM segment_member m "
                + "JOIN cadence other ON other.active AND other.priority <= ? AND other.id <> ? "
                + "JOIN cadence_enrolment e ON e.cadence_id = other.id AND e.contact_id = m.contact_id AND e.open_flag = 1 "
                + "WHERE m.segment_id = ? AND EXISTS (SELECT 1 FROM cadence_step s WHERE s.cadence_id = other.id "
                + "AND s.kind = 'EMAIL')", form.priority(), form.id() == null ? -1 : form.id(), form.segmentId());
        int position = 1;
        for (CadenceStep step : form.steps()) {
            long contacts = 0;
            long touches = 0;
            // existing steps of enrolled contacts: from their planned touch
            if (sameSegment && step.id() != null && form.active()) {
                List<Object[]> rows = jdbc.query("SELECT COUNT(*), COALESCE(SUM(1 + IF(? > 0, FLOOR(TIMESTAMPDIFF(DAY, "
                        + "GREATEST(due_at, ?), ?) / ?), 0)), 0) FROM scheduled_touch WHERE step_id = ? "
                        + "AND status IN ('PLANNED', 'DUE') AND due_at < ?",
                        (rs, i) -> new Object[]{rs.getLong(1), rs.getLong(2)}, repeatDays(step),
                        Timestamp.from(now), Timestamp.from(end), Math.max(1, repeatDays(step)), step.id(),
                        Timestamp.from(end));
                contacts += (long) rows.getFirst()[0];
                touches += (long) rows.getFirst()[1];
            }
            // newcomers (and, for a new step, everyone enrolled): from now plus the delay
            long fresh = form.active() ? newcomers + (step.id() == null ? enrolled : 0) : 0;
            int inWindow = occurrences(step, now, end);
            if (inWindow > 0) {
                contacts += fresh;
                touches += fresh * inWindow;
            }
            boolean email = step.kind() == StepKind.EMAIL;
            result.add(new StepPreview(position++, step.kind(), step.taskType(), contacts, touches,
                    email ? Math.min(heldBack, contacts) : 0, email ? Math.min(mayCollide, contacts) : 0));
        }
        return result;
    }

    /** How many times a step falls in {@code [now, end)} for a contact enrolled now. */
    static int occurrences(CadenceStep step, Instant now, Instant end) {
        LocalDateTime t = step.delayUnit().addTo(LocalDateTime.ofInstant(now, ZoneOffset.UTC), step.delayAmount());
        LocalDateTime last = LocalDateTime.ofInstant(end, ZoneOffset.UTC);
        int n = 0;
        while (t.isBefore(last) && (step.maxTouches() == null || n < step.maxTouches())) {
            n++;
            if (!step.repeats()) {
                break;
            }
            t = step.repeatUnit().addTo(t, step.repeatAmount());
        }
        return n;
    }

    private static int repeatDays(CadenceStep step) {
        if (!step.repeats()) {
            return 0;
        }
        return switch (step.repeatUnit()) {
            case DAYS -> step.repeatAmount();
            case WEEKS -> step.repeatAmount() * 7;
            case MONTHS -> step.repeatAmount() * 30;
        };
    }

    private long count(String sql, Object... params) {
        Long n = jdbc.queryForObject(sql, Long.class, params);
        return n == null ? 0 : n;
    }

    private void validate(CadenceForm form) {
        if (form.name() == null || form.name().isBlank()) {
            throw new ValidationFailedException("cadence.error.name");
        }
        if (form.name().trim().length() > 120) {
            throw new ValidationFailedException("cadence.error.tooLong", 120);
        }
        if (form.description() != null && form.description().length() > 1000) {
            throw new ValidationFailedException("cadence.error.tooLong", 1000);
        }
        if (form.segmentId() == null) {
            throw new ValidationFailedException("cadence.error.segment");
        }
        List<Boolean> suppressed = jdbc.queryForList("SELECT no_correspondence FROM segment WHERE id = ?",
                Boolean.class, form.segmentId());
        if (suppressed.isEmpty()) {
            throw new ValidationFailedException("cadence.error.segment");
        }
        if (suppressed.getFirst() && !form.steps().isEmpty()) {
            throw new ValidationFailedException("cadence.error.suppressedSegment");
        }
        if (form.priority() < 1 || form.priority() > 999) {
            throw new ValidationFailedException("cadence.error.priority");
        }
        int position = 1;
        for (CadenceStep s : form.steps()) {
            if (s.kind() == null || s.delayUnit() == null || s.delayAmount() < 0 || s.delayAmount() > 1000) {
                throw new ValidationFailedException("cadence.error.stepTiming", position);
            }
            if (s.kind() == StepKind.EMAIL && (s.templateId() == null || count(
                    "SELECT COUNT(*) FROM email_template WHERE id = ?", s.templateId()) == 0)) {
                throw new ValidationFailedException("cadence.error.stepTemplate", position);
            }
            if (s.kind() == StepKind.TASK && s.taskType() == null) {
                throw new ValidationFailedException("cadence.error.stepTask", position);
            }
            if (s.repeatAmount() != null && (s.repeatAmount() < 0 || s.repeatAmount() > 1000
                    || (s.repeatAmount() > 0 && s.repeatUnit() == null))) {
                throw new ValidationFailedException("cadence.error.stepTiming", position);
            }
            if (s.maxTouches() != null && s.maxTouches() < 1) {
                throw new ValidationFailedException("cadence.error.stepMax", position);
            }
            position++;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
