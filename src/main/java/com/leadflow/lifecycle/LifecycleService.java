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
import com.vaadin.flow.i18n.I18NProvider;
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
import java.util.Locale;
import java.util.function.Function;
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
    public static final int MAX_NAME_LENGTH = 60;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    /**
     * What marketing may change on a stage: its names (English and Russian, both or neither; neither shows the
     * built-in name), what it means, its entry rule and whether automation uses it. The code and the order of the
     * stages are fixed (decision 017).
     */
    public record StageChanges(String nameEn, String nameRu, String description, Rule entryRule, boolean enabled) {
    }

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
    private final LifecycleStageNames stageNames;
    private final I18NProvider i18n;

    LifecycleService(JdbcTemplate jdbc, LifecycleDefinitions definitions, RuleJson ruleJson,
                     FieldCatalogProvider catalogs, CurrentUserProvider currentUser, ContactService contacts,
                     TimelineService timeline, AuditLog auditLog, ApplicationEventPublisher events, ObjectMapper json,
                     LifecycleStageNames stageNames, I18NProvider i18n) {
        this.stageNames = stageNames;
        this.i18n = i18n;
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
                r.version(), r.updatedAt(), r.nameEn(), r.nameRu(), r.description(),
                counts.getOrDefault(r.stage().name(), 0L))).toList();
    }

    public boolean canEdit() {
        return switch (currentUser.require().role()) {
            case ADMIN, MARKETING -> true;
            case SALES, EXECUTIVE -> false;
        };
    }

    /** Saves a stage's entry rule and whether automation uses it, keeping its names and description. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public StageDefinition save(LifecycleStage stage, Rule entryRule, boolean enabled, long version) {
        LifecycleDefinitions.Row row = row(definitions.all(), stage);
        return save(stage, new StageChanges(row.nameEn(), row.nameRu(), row.description(), entryRule, enabled), version);
    }

    /**
     * Saves a stage: names, description, entry rule, enabled. The first stage has no rule (everybody starts there);
     * every other stage needs a valid one. A stage's name may not be another stage's name in the same language.
     * Contacts are not moved here (unlike a segment save): a move forward is never undone automatically, so a
     * half-finished rule must not push thousands of contacts at once; the rule applies to every contact change from
     * now on, and {@link LifecycleRefreshJob} applies it to everybody.
     *
     * @throws OptimisticLockingFailureException if somebody saved the stage since {@code version} was read
     */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public StageDefinition save(LifecycleStage stage, StageChanges changes, long version) {
        List<LifecycleDefinitions.Row> all = definitions.all();
        LifecycleDefinitions.Row row = row(all, stage);
        Rule entryRule = changes.entryRule();
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
        String nameEn = blankToNull(changes.nameEn());
        String nameRu = blankToNull(changes.nameRu());
        if ((nameEn == null) != (nameRu == null)) {
            throw new ValidationFailedException("rules.lifecycle.nameBothLanguages");
        }
        if (nameEn != null && (nameEn.length() > MAX_NAME_LENGTH || nameRu.length() > MAX_NAME_LENGTH)) {
            throw new ValidationFailedException("rules.lifecycle.nameTooLong", MAX_NAME_LENGTH);
        }
        if (nameEn != null) {
            requireUnique(all, stage, nameEn, Locale.ENGLISH, LifecycleDefinitions.Row::nameEn);
            requireUnique(all, stage, nameRu, Locale.forLanguageTag("ru"), LifecycleDefinitions.Row::nameRu);
        }
        String description = blankToNull(changes.description());
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ValidationFailedException("rules.lifecycle.descriptionTooLong", MAX_DESCRIPTION_LENGTH);
        }
        int updated = jdbc.update("""
                UPDATE lifecycle_stage_definition
                SET entry_rule_json = ?, enabled = ?, name_en = ?, name_ru = ?, description = ?, version = version + 1,
                    updated_at = ?, updated_by = ?
                WHERE code = ? AND version = ?""", entryRule == null ? null : ruleJson.write(entryRule),
                changes.enabled(), nameEn, nameRu, description, Timestamp.from(Instant.now()),
                currentUser.require().id(), stage.name(), version);
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Lifecycle stage " + stage + " changed meanwhile");
        }
        // a stage is known by its code; its position stands in for the numeric id the audit log keeps
        auditLog.record("LIFECYCLE_STAGE", row.position(), "UPDATE", List.of(
                new FieldChange("entryRule", row.rule() == null ? null : ruleJson.write(row.rule()),
                        entryRule == null ? null : ruleJson.write(entryRule)),
                new FieldChange("enabled", String.valueOf(row.enabled()), String.valueOf(changes.enabled())),
                new FieldChange("nameEn", row.nameEn(), nameEn),
                new FieldChange("nameRu", row.nameRu(), nameRu),
                new FieldChange("description", row.description(), description)));
        stageNames.changed();
        return stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    private static LifecycleDefinitions.Row row(List<LifecycleDefinitions.Row> all, LifecycleStage stage) {
        return all.stream().filter(r -> r.stage() == stage).findFirst()
                .orElseThrow(() -> new ValidationFailedException("lifecycle.stage.unknown", String.valueOf(stage)));
    }

    /** Another stage shown under the same name (its own, or its built-in one) would make moves ambiguous to read. */
    private void requireUnique(List<LifecycleDefinitions.Row> all, LifecycleStage stage, String name, Locale locale,
                               Function<LifecycleDefinitions.Row, String> ownName) {
        for (LifecycleDefinitions.Row other : all) {
            if (other.stage() == stage) {
                continue;
            }
            String shown = ownName.apply(other) != null ? ownName.apply(other)
                    : i18n.getTranslation("lifecycle." + other.stage().name(), locale);
            if (name.equalsIgnoreCase(shown)) {
                throw new ValidationFailedException("rules.lifecycle.nameTaken", name);
            }
        }
    }

    private static String blankToNull(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
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
