package com.leadflow.lifecycle;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleValidator;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Roles;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle stages: everybody reads the definitions; MARKETING and ADMIN change entry rules and switch stages on and
 * off. Rules move contacts forward only; a person who may edit a contact moves it back, with a reason, and the
 * rules then hold off until the contact shows newer engagement ({@link LifecycleHold}).
 */
@Service
@PreAuthorize("isAuthenticated()")
public class LifecycleService {

    public static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";
    public static final int MAX_REASON_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final LifecycleDefinitions definitions;
    private final RuleJson ruleJson;
    private final FieldCatalogProvider catalogs;
    private final CurrentUserProvider currentUser;
    private final ContactService contacts;
    private final TimelineService timeline;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    LifecycleService(JdbcTemplate jdbc, LifecycleDefinitions definitions, RuleJson ruleJson,
                     FieldCatalogProvider catalogs, CurrentUserProvider currentUser, ContactService contacts,
                     TimelineService timeline, AuditLog auditLog, ApplicationEventPublisher events, ObjectMapper json) {
        this.jdbc = jdbc;
        this.definitions = definitions;
        this.ruleJson = ruleJson;
        this.catalogs = catalogs;
        this.currentUser = currentUser;
        this.contacts = contacts;
        this.timeline = timeline;
        this.auditLog = auditLog;
        this.events = events;
        this.json = json;
    }

    /** The stages in order, each with its member count (one grouped scan of the lifecycle index). */
    @Transactional(readOnly = true)
    public List<StageDefinition> stages() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT lifecycle_stage, COUNT(*) FROM contact GROUP BY lifecycle_stage",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return definitions.all().stream().map(r -> new StageDefinition(r.stage(), r.position(), r.rule(), r.enabled(),
                r.version(), r.updatedAt(), counts.getOrDefault(r.stage().name(), 0L))).toList();
    }

    public boolean canEdit() {
        return switch (currentUser.require().role()) {
            case ADMIN, MARKETING -> true;
            case SALES, EXECUTIVE -> false;
        };
    }

    /**
     * Saves a stage's entry rule and whether automation uses it. The first stage has no rule (everybody starts
     * there); every other stage needs a valid one. Contacts are not moved here (unlike a segment save): a move forward
     * is never undone automatically, so a half-finished rule must not push thousands of contacts at once; the rule
     * applies to every contact change from now on, and {@link LifecycleRefreshJob} applies it to everybody.
     *
     * @throws OptimisticLockingFailureException if somebody saved the stage since {@code version} was read
     */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public StageDefinition save(LifecycleStage stage, Rule entryRule, boolean enabled, long version) {
        List<LifecycleDefinitions.Row> all = definitions.all();
        LifecycleDefinitions.Row row = all.stream().filter(r -> r.stage() == stage).findFirst()
                .orElseThrow(() -> new ValidationFailedException("lifecycle.stage.unknown", String.valueOf(stage)));
        boolean first = all.getFirst().stage() == stage;
        if (first && entryRule != null) {
            throw new ValidationFailedException("lifecycle.stage.firstHasNoRule");
        }
        if (!first) {
            if (entryRule == null) {
                throw new ValidationFailedException("lifecycle.stage.ruleRequired");
            }
            new RuleValidator(catalogs.current()).requireValid(entryRule);
        }
        int updated = jdbc.update("""
                UPDATE lifecycle_stage_definition
                SET entry_rule_json = ?, enabled = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE code = ? AND version = ?""", entryRule == null ? null : ruleJson.write(entryRule), enabled,
                Timestamp.from(Instant.now()), currentUser.require().id(), stage.name(), version);
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Lifecycle stage " + stage + " changed meanwhile");
        }
        // a stage is known by its code; its position stands in for the numeric id the audit log keeps
        auditLog.record("LIFECYCLE_STAGE", row.position(), "UPDATE", List.of(
                new FieldChange("entryRule", row.rule() == null ? null : ruleJson.write(row.rule()),
                        entryRule == null ? null : ruleJson.write(entryRule)),
                new FieldChange("enabled", String.valueOf(row.enabled()), String.valueOf(enabled))));
        return stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    /** Where the current user may move this contact back to; no targets if they may not or it is at the start. */
    @Transactional(readOnly = true)
    public MoveBackChoice moveBackChoice(long contactId) {
        ContactForm contact = contacts.load(contactId);
        LifecycleStage current = contact.getLifecycleStage();
        if (!contacts.canEdit(contact)) {
            return new MoveBackChoice(contactId, current, List.of());
        }
        Map<String, Integer> positions = definitions.positions();
        int at = LifecycleDefinitions.position(positions, current == null ? null : current.name());
        List<LifecycleStage> targets = definitions.all().stream()
                .filter(r -> r.enabled() && r.position() < at).map(LifecycleDefinitions.Row::stage).toList();
        return new MoveBackChoice(contactId, current, targets);
    }

    /**
     * Moves a contact back to an earlier stage: a person's decision, so a reason is required, and only who may edit
     * the contact may do it. Recorded in the stage history, on the timeline and in the audit log; the rules then do
     * not move it forward again until it shows newer engagement.
     */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public void moveBack(long contactId, LifecycleStage target, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new ValidationFailedException("lifecycle.moveBack.reasonRequired");
        }
        if (why.length() > MAX_REASON_LENGTH) {
            throw new ValidationFailedException("lifecycle.moveBack.reasonTooLong", MAX_REASON_LENGTH);
        }
        if (target == null) {
            throw new ValidationFailedException("lifecycle.moveBack.targetRequired");
        }
        CurrentUser user = currentUser.require();
        ContactForm contact = contacts.load(contactId);
        if (!contacts.canEdit(contact)) {
            throw new AccessDeniedException("You may not move contact " + contactId + " back");
        }
        String from = contact.getLifecycleStage().name();
        Map<String, Integer> positions = definitions.positions();
        if (LifecycleDefinitions.position(positions, target.name()) >= LifecycleDefinitions.position(positions, from)) {
            throw new ValidationFailedException("lifecycle.moveBack.notEarlier");
        }
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        int updated = jdbc.update("""
                UPDATE contact SET lifecycle_stage = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND lifecycle_stage = ?""", target.name(), at, contactId, from);
        if (updated == 0) {
            throw new ValidationFailedException("lifecycle.moveBack.changedMeanwhile");
        }
        jdbc.update("""
                INSERT INTO lifecycle_stage_history
                    (contact_id, from_stage, to_stage, moved_at, moved_by_user_id, cause, reason)
                VALUES (?, ?, ?, ?, ?, 'MANUAL', ?)""", contactId, from, target.name(), at, user.id(), why);
        jdbc.update("""
                INSERT INTO lifecycle_hold (contact_id, held_at, held_by) VALUES (?, ?, ?)
                ON DUPLICATE KEY UPDATE held_at = VALUES(held_at), held_by = VALUES(held_by)""", contactId, at, user.id());
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("from", from);
        payload.put("to", target.name());
        payload.put("cause", MoveCause.MANUAL.name());
        payload.put("reason", why);
        timeline.recordChange(contactId, ActivityType.LIFECYCLE_CHANGE, LifecycleRefresher.summary(from, target.name()),
                json.writeValueAsString(payload));
        auditLog.record(ContactService.AUDIT_TYPE, contactId, "LIFECYCLE_BACK",
                List.of(new FieldChange("lifecycleStage", from, target.name())));
        events.publishEvent(new ContactChangedEvent(contactId, ContactChangedEvent.Kind.UPDATED));
    }

    /** The contact's stage moves, newest first. */
    @Transactional(readOnly = true)
    public List<StageMove> history(long contactId, int limit) {
        return jdbc.query("""
                SELECT h.contact_id, h.from_stage, h.to_stage, h.moved_at, u.display_name, h.cause, h.reason
                FROM lifecycle_stage_history h LEFT JOIN app_user u ON u.id = h.moved_by_user_id
                WHERE h.contact_id = ? ORDER BY h.moved_at DESC, h.id DESC LIMIT ?""",
                (rs, i) -> new StageMove(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), MoveCause.valueOf(rs.getString(6)),
                        rs.getString(7)), contactId, Math.min(Math.max(limit, 1), 500));
    }
}
