package com.leadflow.contact;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.funnel.FunnelHistory;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.funnel.LostReasonService;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.Roles;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and changes contacts. Everybody logged in reads; ADMIN and MARKETING edit all contacts, SALES edits
 * the contacts they or their team own, EXECUTIVE edits nothing, ADMIN alone deletes. Every write is audited
 * and lands on the contact's timeline in the same transaction.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class ContactService {

    public static final String AUDIT_TYPE = "CONTACT";
    public static final int MAX_PAGE_SIZE = 500;

    private final ContactRepository contacts;
    private final ContactQueries queries;
    private final CurrentUserProvider currentUser;
    private final AuditLog auditLog;
    private final TimelineService timeline;
    private final FunnelStageService funnelStages;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final JdbcTemplate jdbc;
    private final FunnelHistory funnelHistory;
    private final LostReasonService lostReasons;
    private final Clock clock;
    private final com.leadflow.timeline.ContactReevaluationQueue reevaluation;

    ContactService(ContactRepository contacts, ContactQueries queries, CurrentUserProvider currentUser,
                   AuditLog auditLog, TimelineService timeline, FunnelStageService funnelStages,
                   Validator validator, ApplicationEventPublisher events, ObjectMapper json, JdbcTemplate jdbc,
                   FunnelHistory funnelHistory, LostReasonService lostReasons, Clock clock,
                   com.leadflow.timeline.ContactReevaluationQueue reevaluation) {
        this.reevaluation = reevaluation;
        this.funnelHistory = funnelHistory;
        this.lostReasons = lostReasons;
        this.clock = clock;
        this.contacts = contacts;
        this.queries = queries;
        this.currentUser = currentUser;
        this.auditLog = auditLog;
        this.timeline = timeline;
        this.funnelStages = funnelStages;
        this.validator = validator;
        this.events = events;
        this.json = json;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<ContactListItem> page(ContactFilter filter, ContactSort sort, boolean ascending, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        return queries.page(filter, currentUser.require(), sort, ascending, offset, Math.min(limit, MAX_PAGE_SIZE));
    }

    /** Streams every contact matching the filter, for export; never holds the whole list in memory. */
    @Transactional(readOnly = true)
    public void forEach(ContactFilter filter, ContactSort sort, boolean ascending, Consumer<ContactListItem> sink) {
        queries.stream(filter, currentUser.require(), sort, ascending, sink);
    }

    @Transactional(readOnly = true)
    public ContactForm load(long id) {
        return toForm(find(id));
    }

    /** Whether the current user may change this contact (the views use it to offer editing at all). */
    public boolean canEdit(ContactForm contact) {
        return canEdit(currentUser.require(), contact.getOwnerId(), contact.getTeamId());
    }

    public boolean canCreate() {
        return currentUser.require().role() != Role.EXECUTIVE;
    }

    public boolean canDelete() {
        return currentUser.require().role() == Role.ADMIN;
    }

    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public ContactForm create(ContactForm form) {
        CurrentUser user = currentUser.require();
        if (user.role() == Role.SALES && form.getOwnerId() == null && form.getTeamId() == null) {
            form.setOwnerId(user.id()); // a rep's new contact is theirs unless they say otherwise
            form.setTeamId(user.teamId());
        }
        if (!canEdit(user, form.getOwnerId(), form.getTeamId())) {
            throw new AccessDeniedException("SALES may only create contacts for themselves or their team");
        }
        validate(form, null);
        alignStageAndStatus(form, null);
        validateLost(form, null);
        Contact contact = new Contact(form.getFirstName().trim(), form.getLastName().trim());
        apply(form, contact, null);
        Instant now = clock.instant();
        contact.setStageEnteredAt(now);
        contacts.saveAndFlush(contact);
        // the first row of the stage history: created in this stage
        funnelHistory.record(contact.getId(), null, null, contact.getFunnelStage(), contact.getStatus().name(),
                contact.getLostReason(), contact.getLostNote(), now);
        ContactForm saved = toForm(contact);
        List<FieldChange> changes = ContactForm.differences(new ContactForm(), saved);
        auditLog.record(AUDIT_TYPE, contact.getId(), "CREATE", changes);
        timeline.recordChange(contact.getId(), ActivityType.CONTACT_CREATED, saved.getFirstName() + " " + saved.getLastName(),
                json.writeValueAsString(changes));
        events.publishEvent(new ContactChangedEvent(contact.getId(), ContactChangedEvent.Kind.CREATED));
        return saved;
    }

    /**
     * Saves the form over the stored contact, unless somebody saved it since the form was read: then nothing is
     * written and a {@link ContactConflictException} carries the current values.
     */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public ContactForm update(ContactForm form) {
        CurrentUser user = currentUser.require();
        Contact contact = find(form.getId());
        if (!canEdit(user, contact.getOwnerId(), contact.getTeamId())) {
            throw new AccessDeniedException("You may not edit contact " + contact.getId());
        }
        if (form.getVersion() == null || form.getVersion() != contact.getVersion()) {
            throw new ContactConflictException(toForm(contact));
        }
        validate(form, contact.getId());
        ContactForm before = toForm(contact);
        alignStageAndStatus(form, before);
        validateLost(form, before);
        apply(form, contact, before);
        boolean stageChanged = !Objects.equals(before.getFunnelStage(), contact.getFunnelStage());
        Instant now = clock.instant();
        if (stageChanged) {
            contact.setStageEnteredAt(now);
        }
        try {
            contacts.saveAndFlush(contact);
        } catch (OptimisticLockingFailureException e) {
            throw new ContactConflictException(load(contact.getId()));
        }
        if (stageChanged) {
            boolean reopened = before.getStatus() == ContactStatus.LOST && contact.getStatus() == ContactStatus.OPEN;
            funnelHistory.record(contact.getId(), before.getFunnelStage(), before.getStatus().name(),
                    contact.getFunnelStage(), contact.getStatus().name(),
                    reopened ? "REOPEN" : contact.getLostReason(), contact.getLostNote(), now);
        }
        ContactForm after = toForm(contact);
        List<FieldChange> changes = ContactForm.differences(before, after);
        if (!changes.isEmpty()) {
            auditLog.record(AUDIT_TYPE, contact.getId(), "UPDATE", changes);
            recordOnTimeline(contact.getId(), changes);
            events.publishEvent(new ContactChangedEvent(contact.getId(), ContactChangedEvent.Kind.UPDATED));
        }
        return after;
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public void delete(long id) {
        Contact contact = find(id);
        ContactForm before = toForm(contact);
        events.publishEvent(new ContactDeletingEvent(id));
        contacts.delete(contact);
        contacts.flush();
        auditLog.record(AUDIT_TYPE, id, "DELETE", ContactForm.differences(before, new ContactForm()));
        events.publishEvent(new ContactChangedEvent(id, ContactChangedEvent.Kind.DELETED));
    }

    private Contact find(Long id) {
        if (id == null) {
            throw new ValidationFailedException("contact.notFound");
        }
        return contacts.findById(id).orElseThrow(() -> new ValidationFailedException("contact.notFound"));
    }

    /** The one rule for who may change a contact; the board's moves use it too. */
    public static boolean canEdit(CurrentUser user, Long ownerId, Long teamId) {
        return switch (user.role()) {
            case ADMIN, MARKETING -> true;
            case SALES -> (ownerId != null && ownerId == user.id())
                    || (user.teamId() != null && user.teamId().equals(teamId));
            case EXECUTIVE -> false;
        };
    }

    private void validate(ContactForm form, Long id) {
        Set<ConstraintViolation<ContactForm>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            ConstraintViolation<ContactForm> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw new ValidationFailedException("contact.invalidField", first.getPropertyPath().toString(),
                    first.getMessage());
        }
        String email = blankToNull(form.getEmail());
        if (email != null && (id == null ? contacts.existsByEmail(email) : contacts.existsByEmailAndIdNot(email, id))) {
            throw new ValidationFailedException("contact.emailTaken", email);
        }
        if (!funnelStages.exists(form.getFunnelStage())) {
            throw new ValidationFailedException("contact.unknownFunnelStage", form.getFunnelStage());
        }
        if (form.isDoNotContact() && blankToNull(form.getDoNotContactReason()) == null) {
            throw new ValidationFailedException("contact.doNotContactReasonRequired");
        }
    }

    /**
     * Keeps funnel stage and status in agreement: the Lost stage goes with status LOST, a closing stage (Won) with
     * WON, an open stage with an open status. Whichever of the two the person changed decides the other; a closed
     * contact reopened without choosing a stage goes back to the stage it closed from.
     */
    private void alignStageAndStatus(ContactForm form, ContactForm before) {
        FunnelStage stage = funnelStages.find(form.getFunnelStage())
                .orElseThrow(() -> new ValidationFailedException("contact.unknownFunnelStage", form.getFunnelStage()));
        boolean statusChanged = before == null ? form.getStatus() != ContactStatus.OPEN
                : before.getStatus() != form.getStatus();
        if (statusChanged) {
            switch (form.getStatus()) {
                case LOST -> form.setFunnelStage(FunnelStage.LOST);
                case WON -> {
                    if (!stage.closesAsWon()) {
                        form.setFunnelStage(FunnelStage.WON);
                    }
                }
                case OPEN, UNQUALIFIED -> {
                    if (stage.terminal()) {
                        // reopened without a stage chosen: back where it was before it closed, else the first stage
                        String reopenInto = before == null ? null
                                : funnelHistory.stageBefore(before.getId(), stage.code()).orElse(null);
                        if (reopenInto == null) {
                            reopenInto = funnelStages.openStages().stream().findFirst().map(FunnelStage::code)
                                    .orElseThrow(() -> new ValidationFailedException("board.reopen.chooseStage"));
                        }
                        form.setFunnelStage(reopenInto);
                    }
                }
            }
        } else if (FunnelStage.LOST.equals(stage.code())) {
            form.setStatus(ContactStatus.LOST);
        } else if (stage.closesAsWon()) {
            form.setStatus(ContactStatus.WON);
        } else if (form.getStatus() == ContactStatus.LOST || form.getStatus() == ContactStatus.WON) {
            form.setStatus(ContactStatus.OPEN); // moved back into an open stage: reopened
        }
    }

    private void validateLost(ContactForm form, ContactForm before) {
        if (form.getStatus() == ContactStatus.LOST) {
            lostReasons.requireUsable(form.getLostReason(), form.getLostNote(),
                    before == null ? null : before.getLostReason());
        }
    }

    private static void apply(ContactForm form, Contact c, ContactForm before) {
        c.setFirstName(form.getFirstName().trim());
        c.setLastName(form.getLastName().trim());
        c.setEmail(blankToNull(form.getEmail()));
        c.setPhone(blankToNull(form.getPhone()));
        c.setCompany(blankToNull(form.getCompany()));
        c.setJobTitle(blankToNull(form.getJobTitle()));
        c.setCountry(blankToNull(form.getCountry()));
        c.setCity(blankToNull(form.getCity()));
        c.setProductInterest(blankToNull(form.getProductInterest()));
        c.setPreferredChannel(form.getPreferredChannel());
        c.setFirstTouchSource(form.getFirstTouchSource());
        c.setFirstTouchAt(form.getFirstTouchAt());
        c.setFirstTouchCampaign(blankToNull(form.getFirstTouchCampaign()));
        c.setFirstTouchContext(blankToNull(form.getFirstTouchContext()));
        c.setOwnerId(form.getOwnerId());
        c.setTeamId(form.getTeamId());
        c.setLifecycleStage(form.getLifecycleStage());
        c.setFunnelStage(form.getFunnelStage());
        c.setStatus(form.getStatus());
        boolean lost = form.getStatus() == ContactStatus.LOST;
        c.setLostReason(lost ? form.getLostReason() : null);
        c.setLostNote(lost ? blankToNull(form.getLostNote()) : null);
        boolean wasDoNotContact = before != null && before.isDoNotContact();
        c.setDoNotContact(form.isDoNotContact());
        c.setDoNotContactReason(form.isDoNotContact() ? blankToNull(form.getDoNotContactReason()) : null);
        if (form.isDoNotContact() && !wasDoNotContact) {
            c.setDoNotContactAt(Instant.now());
        } else if (!form.isDoNotContact()) {
            c.setDoNotContactAt(null);
        }
    }

    /** One timeline entry per kind of change, so the timeline and the rules can tell an owner change from an edit. */
    private void recordOnTimeline(long contactId, List<FieldChange> changes) {
        Map<ActivityType, List<FieldChange>> byType = new EnumMap<>(ActivityType.class);
        for (FieldChange change : changes) {
            ActivityType type = switch (change.field()) {
                case "ownerId", "teamId" -> ActivityType.OWNER_CHANGE;
                case "lifecycleStage" -> ActivityType.LIFECYCLE_CHANGE;
                case "funnelStage", "status", "lostReason", "lostNote" -> ActivityType.FUNNEL_MOVE;
                case "doNotContact", "doNotContactReason" -> ActivityType.CONSENT_CHANGE;
                default -> ActivityType.FIELD_CHANGE;
            };
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(change);
        }
        byType.forEach((type, list) -> timeline.recordChange(contactId, type,
                String.join(", ", list.stream().map(FieldChange::field).toList()), json.writeValueAsString(list)));
    }

    static ContactForm toForm(Contact c) {
        ContactForm f = new ContactForm();
        f.setId(c.getId());
        f.setVersion(c.getVersion());
        f.setFirstName(c.getFirstName());
        f.setLastName(c.getLastName());
        f.setEmail(c.getEmail());
        f.setPhone(c.getPhone());
        f.setCompany(c.getCompany());
        f.setJobTitle(c.getJobTitle());
        f.setCountry(c.getCountry());
        f.setCity(c.getCity());
        f.setProductInterest(c.getProductInterest());
        f.setPreferredChannel(c.getPreferredChannel());
        f.setFirstTouchSource(c.getFirstTouchSource());
        f.setFirstTouchAt(c.getFirstTouchAt());
        f.setFirstTouchCampaign(c.getFirstTouchCampaign());
        f.setFirstTouchContext(c.getFirstTouchContext());
        f.setOwnerId(c.getOwnerId());
        f.setTeamId(c.getTeamId());
        f.setLifecycleStage(c.getLifecycleStage());
        f.setFunnelStage(c.getFunnelStage());
        f.setStatus(c.getStatus());
        f.setLostReason(c.getLostReason());
        f.setLostNote(c.getLostNote());
        f.setDoNotContact(c.isDoNotContact());
        f.setDoNotContactReason(c.getDoNotContactReason());
        f.setDoNotContactAt(c.getDoNotContactAt());
        f.setScore(c.getScore());
        f.setTemperature(c.getTemperature());
        f.setCreatedAt(c.getCreatedAt());
        f.setUpdatedAt(c.getUpdatedAt());
        f.setLastActivityAt(c.getLastActivityAt());
        return f;
    }

    // ---- contacts from outside: the ingestion API, web forms and file imports (timeline feature) ----

    /** Ids of the contacts with these emails, keyed by the lower-cased email. */
    @Transactional(readOnly = true)
    public Map<String, Long> idsByEmail(Collection<String> emails) {
        Map<String, Long> ids = new HashMap<>();
        List<String> distinct = emails.stream().filter(e -> e != null && !e.isBlank())
                .map(e -> e.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (int from = 0; from < distinct.size(); from += 1000) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + 1000));
            jdbc.query("SELECT id, email FROM contact WHERE email IN (" + placeholders(chunk.size()) + ")",
                    rs -> {
                        ids.put(rs.getString(2).toLowerCase(Locale.ROOT), rs.getLong(1));
                    }, chunk.toArray());
        }
        return ids;
    }

    /** Which of these contact ids exist. */
    @Transactional(readOnly = true)
    public Set<Long> existingIds(Collection<Long> ids) {
        Set<Long> found = new HashSet<>();
        List<Long> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += 1000) {
            List<Long> chunk = distinct.subList(from, Math.min(distinct.size(), from + 1000));
            found.addAll(jdbc.queryForList("SELECT id FROM contact WHERE id IN (" + placeholders(chunk.size()) + ")",
                    Long.class, chunk.toArray()));
        }
        return found;
    }

    /**
     * A web form or an API event names a contact by email. A new email creates the contact with its first-touch
     * facts (a last name may be unknown); a known one gets the non-empty values filled in over the old ones (never
     * blanked). Either way it is audited, on the timeline, and announced, in the caller's transaction.
     */
    @PreAuthorize(Roles.API_EVENTS_OR_FORMS)
    @Transactional
    public OutsideContactResult upsertFromOutside(ContactForm incoming) {
        String email = blankToNull(incoming.getEmail());
        if (email == null) {
            throw new ValidationFailedException("contact.invalidField", "email", "required");
        }
        Long existing = idsByEmail(List.of(email)).get(email.toLowerCase(Locale.ROOT));
        if (existing == null) {
            ContactForm form = incoming.copy();
            if (blankToNull(form.getFirstName()) == null) {
                form.setFirstName(email.substring(0, email.indexOf('@')));
            }
            if (form.getLastName() == null) {
                form.setLastName("");
            }
            validateOutside(form);
            Contact contact = new Contact(form.getFirstName().trim(), form.getLastName().trim());
            apply(form, contact, null);
            contacts.saveAndFlush(contact);
            ContactForm saved = toForm(contact);
            List<FieldChange> changes = ContactForm.differences(new ContactForm(), saved);
            auditLog.record(AUDIT_TYPE, contact.getId(), "CREATE", changes);
            timeline.recordChange(contact.getId(), ActivityType.CONTACT_CREATED,
                    (saved.getFirstName() + " " + saved.getLastName()).strip(), json.writeValueAsString(changes));
            events.publishEvent(new ContactChangedEvent(contact.getId(), ContactChangedEvent.Kind.CREATED));
            return new OutsideContactResult(contact.getId(), true, true);
        }
        return new OutsideContactResult(existing, false, fillIn(existing, incoming, null));
    }

    /** Writes the non-empty values of {@code incoming} over the contact; true when anything changed. */
    private boolean fillIn(long contactId, ContactForm incoming, String source) {
        Contact contact = find(contactId);
        ContactForm before = toForm(contact);
        ContactForm merged = before.copy();
        if (blankToNull(incoming.getFirstName()) != null) merged.setFirstName(incoming.getFirstName().strip());
        if (blankToNull(incoming.getLastName()) != null) merged.setLastName(incoming.getLastName().strip());
        if (blankToNull(incoming.getPhone()) != null) merged.setPhone(incoming.getPhone());
        if (blankToNull(incoming.getCompany()) != null) merged.setCompany(incoming.getCompany());
        if (blankToNull(incoming.getJobTitle()) != null) merged.setJobTitle(incoming.getJobTitle());
        if (blankToNull(incoming.getCountry()) != null) merged.setCountry(incoming.getCountry());
        if (blankToNull(incoming.getCity()) != null) merged.setCity(incoming.getCity());
        if (blankToNull(incoming.getProductInterest()) != null) merged.setProductInterest(incoming.getProductInterest());
        if (incoming.getPreferredChannel() != null && incoming.getPreferredChannel() != before.getPreferredChannel()
                && incoming.getPreferredChannel() != new ContactForm().getPreferredChannel()) {
            merged.setPreferredChannel(incoming.getPreferredChannel());
        }
        if (incoming.getLifecycleStage() != null && incoming.getLifecycleStage() != new ContactForm().getLifecycleStage()) {
            merged.setLifecycleStage(incoming.getLifecycleStage());
        }
        // first touch is the first touch: it is only filled when it was empty
        if (before.getFirstTouchSource() == null && incoming.getFirstTouchSource() != null) {
            merged.setFirstTouchSource(incoming.getFirstTouchSource());
            merged.setFirstTouchAt(incoming.getFirstTouchAt());
            merged.setFirstTouchCampaign(incoming.getFirstTouchCampaign());
            merged.setFirstTouchContext(incoming.getFirstTouchContext());
        }
        List<FieldChange> changes = ContactForm.differences(before, merged);
        if (changes.isEmpty()) {
            return false;
        }
        validateOutside(merged);
        apply(merged, contact, before);
        contacts.saveAndFlush(contact);
        auditLog.record(AUDIT_TYPE, contactId, "UPDATE", changes);
        if (source == null) {
            recordOnTimeline(contactId, changes);
        } else {
            // an import names itself on the timeline of every contact it touched
            timeline.recordChange(contactId, ActivityType.FIELD_CHANGE, source + ": " + String.join(", ",
                    changes.stream().map(FieldChange::field).toList()), json.writeValueAsString(changes));
        }
        events.publishEvent(new ContactChangedEvent(contactId, ContactChangedEvent.Kind.UPDATED));
        return true;
    }

    /** Bean validation as for a person's form, except that a contact from outside may lack a last name. */
    private void validateOutside(ContactForm form) {
        Set<ConstraintViolation<ContactForm>> violations = validator.validate(form);
        violations.stream()
                .filter(v -> !(v.getPropertyPath().toString().equals("lastName") && form.getLastName().isBlank()))
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(first -> {
                    throw new ValidationFailedException("contact.invalidField", first.getPropertyPath().toString(),
                            first.getMessage());
                });
    }

    /**
     * Writes one batch of validated import rows (distinct emails) in the caller's transaction: new contacts in one
     * multi-row statement with a CONTACT_CREATED timeline entry naming the import, known ones updated with the
     * file's non-empty values (audited, field changes on the timeline). Nothing of a failed batch stays written.
     */
    @PreAuthorize(Roles.CAN_IMPORT)
    @Transactional
    public ContactImportResult importBatch(List<ContactForm> rows, ContactImportMode mode, String importLabel) {
        Map<String, Long> known = idsByEmail(rows.stream().map(ContactForm::getEmail).toList());
        List<ContactForm> toCreate = new ArrayList<>();
        int updated = 0;
        int skipped = 0;
        for (ContactForm row : rows) {
            Long id = known.get(row.getEmail().strip().toLowerCase(Locale.ROOT));
            if (id == null) {
                if (mode == ContactImportMode.UPDATE_ONLY) {
                    skipped++;
                } else {
                    toCreate.add(row);
                }
            } else if (mode == ContactImportMode.CREATE_ONLY) {
                skipped++;
            } else if (fillIn(id, row, importLabel)) {
                updated++;
            } else {
                skipped++; // nothing new in the file: importing the same file again changes nothing
            }
        }
        if (!toCreate.isEmpty()) {
            createImported(toCreate, importLabel);
        }
        return new ContactImportResult(toCreate.size(), updated, skipped);
    }

    private void createImported(List<ContactForm> rows, String importLabel) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("""
                INSERT INTO contact (first_name, last_name, email, phone, company, job_title, country, city,
                                     product_interest, preferred_channel, first_touch_source, first_touch_at,
                                     first_touch_campaign, first_touch_context, lifecycle_stage, funnel_stage, status,
                                     created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'UNINTERESTED', 'OPEN', ?, ?, 0)""",
                rows, 500, (ps, f) -> {
                    ps.setString(1, f.getFirstName().strip());
                    ps.setString(2, f.getLastName().strip());
                    ps.setString(3, f.getEmail().strip());
                    ps.setString(4, blankToNull(f.getPhone()));
                    ps.setString(5, blankToNull(f.getCompany()));
                    ps.setString(6, blankToNull(f.getJobTitle()));
                    ps.setString(7, blankToNull(f.getCountry()));
                    ps.setString(8, blankToNull(f.getCity()));
                    ps.setString(9, blankToNull(f.getProductInterest()));
                    ps.setString(10, f.getPreferredChannel().name());
                    ps.setString(11, f.getFirstTouchSource() == null ? null : f.getFirstTouchSource().name());
                    ps.setTimestamp(12, f.getFirstTouchAt() == null ? null : Timestamp.from(f.getFirstTouchAt()));
                    ps.setString(13, blankToNull(f.getFirstTouchCampaign()));
                    ps.setString(14, blankToNull(f.getFirstTouchContext()));
                    ps.setString(15, f.getLifecycleStage().name());
                    ps.setTimestamp(16, now);
                    ps.setTimestamp(17, now);
                });
        Map<String, Long> ids = idsByEmail(rows.stream().map(ContactForm::getEmail).toList());
        Map<Long, String> payloads = new java.util.LinkedHashMap<>();
        for (ContactForm row : rows) {
            long id = ids.get(row.getEmail().strip().toLowerCase(Locale.ROOT));
            payloads.put(id, json.writeValueAsString(ContactForm.differences(new ContactForm(), row)));
        }
        timeline.recordCreatedInBulk(payloads, importLabel);
        // routing, score, lifecycle and segments hear of the new contacts after commit, in the background: an
        // import of 100,000 rows must not wait for 100,000 assignments (measured: ~25 contacts/s under load)
        reevaluation.afterCommit(payloads.keySet(), ContactChangedEvent.Kind.CREATED);
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
