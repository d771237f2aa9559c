package com.leadflow.timeline;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.notification.NotificationService;
import com.leadflow.security.ApiKeyPrincipal;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Writes and reads the contact timeline; writes join the caller's transaction so change and entry commit together. */
@Service
@PreAuthorize("isAuthenticated()")
public class TimelineService {

    /** How long the author may still correct a note, call or meeting they wrote. */
    public static final Duration EDIT_WINDOW = Duration.ofMinutes(15);
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_PAGE = 200;
    public static final String AUDIT_TYPE = "ACTIVITY";
    public static final String MENTION_KIND = "MENTION";
    public static final String MENTION_MESSAGE = "timeline.notification.mention";

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([A-Za-z0-9._-]{2,60})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ActivityRepository activities;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;
    private final NotificationService notifications;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ContactReevaluationQueue reevaluation;

    TimelineService(ActivityRepository activities, CurrentUserProvider currentUser, ApplicationEventPublisher events,
                    JdbcTemplate jdbc, NotificationService notifications, AuditLog auditLog, Clock clock,
                    ContactReevaluationQueue reevaluation) {
        this.reevaluation = reevaluation;
        this.activities = activities;
        this.currentUser = currentUser;
        this.events = events;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Records a change made by whoever is calling (a person, or the system when nobody is logged in). */
    @PreAuthorize("permitAll()") // also the system's own changes, with nobody logged in
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(long contactId, ActivityType type, String summary, String payloadJson) {
        Optional<CurrentUser> user = currentUser.find();
        Optional<ApiKeyPrincipal> apiKey = apiKey();
        Activity saved = activities.save(new Activity(contactId, type, Instant.now(),
                user.isPresent() ? AuthorKind.USER : apiKey.isPresent() ? AuthorKind.API : AuthorKind.SYSTEM,
                user.map(CurrentUser::id).orElse(null),
                user.map(CurrentUser::displayName).orElseGet(() -> apiKey.map(ApiKeyPrincipal::name).orElse(null)),
                summary, payloadJson));
        published(saved);
    }

    /** The API key making this request, when it is one (its entries are authored by the key). */
    private static Optional<ApiKeyPrincipal> apiKey() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof ApiKeyPrincipal key ? Optional.of(key) : Optional.empty();
    }

    /**
     * One CONTACT_CREATED entry for each of many contacts created together (a file import), by the current user,
     * naming where they came from; written as one batch and announced entry by entry.
     */
    @PreAuthorize(Roles.CAN_IMPORT)
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCreatedInBulk(Map<Long, String> payloadByContact, String summary) {
        CurrentUser me = currentUser.require();
        Timestamp now = Timestamp.from(clock.instant());
        List<Map.Entry<Long, String>> rows = List.copyOf(payloadByContact.entrySet());
        jdbc.batchUpdate("""
                INSERT INTO activity (contact_id, type, occurred_at, author_kind, author_user_id, author_label,
                                      summary, payload, created_at)
                VALUES (?, 'CONTACT_CREATED', ?, 'USER', ?, ?, ?, ?, ?)""", rows, 500, (ps, row) -> {
            ps.setLong(1, row.getKey());
            ps.setTimestamp(2, now);
            ps.setLong(3, me.id());
            ps.setString(4, me.displayName());
            ps.setString(5, summary);
            ps.setString(6, row.getValue());
            ps.setTimestamp(7, now);
        });
        List<Long> contactIds = rows.stream().map(Map.Entry::getKey).toList();
        for (int from = 0; from < contactIds.size(); from += 1000) {
            List<Long> chunk = contactIds.subList(from, Math.min(contactIds.size(), from + 1000));
            jdbc.query("SELECT id, contact_id FROM activity WHERE type = 'CONTACT_CREATED' AND contact_id IN ("
                    + chunk.stream().map(id -> "?").collect(Collectors.joining(",")) + ")", rs -> {
                events.publishEvent(new ActivityRecordedEvent(rs.getLong(1), rs.getLong(2),
                        ActivityType.CONTACT_CREATED, AuthorKind.USER, me.id(), now.toInstant()));
            }, chunk.toArray());
        }
    }

    /** Every write path announces its entry, so open screens and the speed-to-lead clock can follow. */
    private void published(Activity saved) {
        events.publishEvent(new ActivityRecordedEvent(saved.getId(), saved.getContactId(), saved.getType(),
                saved.getAuthorKind(), saved.getAuthorUserId(), saved.getOccurredAt()));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> latest(long contactId, int limit) {
        return activities.findByContactIdOrderByOccurredAtDescIdDesc(contactId, PageRequest.of(0, limit)).stream()
                .map(a -> new TimelineEntry(a.getId(), a.getContactId(), a.getType(), a.getOccurredAt(),
                        a.getAuthorKind(), a.getAuthorLabel(), a.getSummary(), a.getPayload()))
                .toList();
    }

    // ---- people's entries ----------------------------------------------------------------------------------

    /**
     * Adds a note by the current user. Every {@code @username} of an enabled teammate gets a notification; the
     * text is stored as typed and always shown as text.
     */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public TimelineItem addNote(long contactId, String text) {
        String body = requireText(text);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", body);
        TimelineItem item = writePersonEntry(contactId, ActivityType.NOTE, clock.instant(), summaryOf(body), payload);
        notifyMentioned(item, body);
        return item;
    }

    /** Logs a call the current user made or took: outcome, duration, and what was said. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public TimelineItem logCall(long contactId, CallOutcome outcome, boolean inbound, int durationMinutes,
                                Instant occurredAt, String text) {
        if (outcome == null) {
            throw new ValidationFailedException("timeline.error.outcomeRequired");
        }
        requireDuration(durationMinutes);
        Instant when = requirePastOrNow(occurredAt);
        String body = optionalText(text);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("outcome", outcome.name());
        payload.put("direction", inbound ? "INBOUND" : "OUTBOUND");
        payload.put("durationSeconds", durationMinutes * 60);
        if (body != null) {
            payload.put("text", body);
        }
        TimelineItem item = writePersonEntry(contactId, ActivityType.CALL, when,
                summaryOf(body == null ? outcome.name() : body), payload);
        if (body != null) {
            notifyMentioned(item, body);
        }
        return item;
    }

    /** Logs a meeting held with the contact. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public TimelineItem logMeeting(long contactId, String title, int durationMinutes, Instant occurredAt,
                                   String text) {
        String heading = title == null ? "" : title.strip();
        if (heading.isEmpty()) {
            throw new ValidationFailedException("timeline.error.titleRequired");
        }
        if (heading.length() > 200) {
            throw new ValidationFailedException("timeline.error.tooLong", 200);
        }
        requireDuration(durationMinutes);
        Instant when = requirePastOrNow(occurredAt);
        String body = optionalText(text);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", heading);
        payload.put("durationMinutes", durationMinutes);
        if (body != null) {
            payload.put("text", body);
        }
        TimelineItem item = writePersonEntry(contactId, ActivityType.MEETING, when, summaryOf(heading), payload);
        if (body != null) {
            notifyMentioned(item, body);
        }
        return item;
    }

    /** The author corrects the text of their own note, call or meeting within {@link #EDIT_WINDOW}. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public TimelineItem editText(long activityId, String text) {
        CurrentUser me = currentUser.require();
        TimelineItem item = findRaw(activityId).orElseThrow(() -> new ValidationFailedException("timeline.error.notFound"));
        if (item.deleted() || !writtenHere(item.type())) {
            throw new ValidationFailedException("timeline.error.notFound");
        }
        if (item.authorUserId() == null || item.authorUserId() != me.id()) {
            throw new AccessDeniedException("Only the author edits an entry");
        }
        if (!canStillEdit(item)) {
            throw new ValidationFailedException("timeline.error.editWindowOver", EDIT_WINDOW.toMinutes());
        }
        String body = item.type() == ActivityType.NOTE ? requireText(text) : optionalText(text);
        Map<String, Object> payload = payloadMap(item.payload());
        String before = (String) payload.get("text");
        if (body == null) {
            payload.remove("text");
        } else {
            payload.put("text", body);
        }
        String summary = item.type() == ActivityType.NOTE ? summaryOf(body)
                : item.type() == ActivityType.MEETING ? item.summary()
                : summaryOf(body == null ? (String) payload.get("outcome") : body);
        jdbc.update("UPDATE activity SET payload = ?, summary = ?, edited_at = ? WHERE id = ?",
                JSON.writeValueAsString(payload), summary, Timestamp.from(clock.instant()), activityId);
        // the earlier wording stays in the audit trail: nothing is lost by an edit
        auditLog.record(AUDIT_TYPE, activityId, "UPDATE", List.of(new FieldChange("text", before, body)));
        events.publishEvent(new TimelineEntryChangedEvent(activityId, item.contactId()));
        return findRaw(activityId).orElseThrow();
    }

    /**
     * Hides a person's entry from the timeline. Its author or ADMIN may do it; the row stays, marked with who
     * deleted it and when, and ADMIN still sees it as a trace.
     */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public void delete(long activityId) {
        CurrentUser me = currentUser.require();
        TimelineItem item = findRaw(activityId).orElseThrow(() -> new ValidationFailedException("timeline.error.notFound"));
        if (item.deleted()) {
            return;
        }
        if (!writtenHere(item.type())) {
            throw new ValidationFailedException("timeline.error.onlyPeopleEntries");
        }
        boolean mine = item.authorUserId() != null && item.authorUserId() == me.id();
        if (!mine && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only the author or ADMIN deletes an entry");
        }
        jdbc.update("UPDATE activity SET deleted_at = ?, deleted_by = ?, pinned = FALSE WHERE id = ?",
                Timestamp.from(clock.instant()), me.id(), activityId);
        auditLog.record(AUDIT_TYPE, activityId, "DELETE",
                List.of(new FieldChange("text", (String) payloadMap(item.payload()).get("text"), null)));
        events.publishEvent(new TimelineEntryChangedEvent(activityId, item.contactId()));
    }

    /** Pins a note to the top of its contact's timeline, or unpins it. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public void setPinned(long activityId, boolean pinned) {
        TimelineItem item = findRaw(activityId).orElseThrow(() -> new ValidationFailedException("timeline.error.notFound"));
        if (item.deleted() || !writtenHere(item.type())) {
            throw new ValidationFailedException("timeline.error.onlyPeopleEntries");
        }
        jdbc.update("UPDATE activity SET pinned = ? WHERE id = ?", pinned, activityId);
        events.publishEvent(new TimelineEntryChangedEvent(activityId, item.contactId()));
    }

    /** Whether the current user may still change the text of this entry (their own, recent enough). */
    public boolean canEdit(TimelineItem item) {
        Optional<CurrentUser> me = currentUser.find();
        return me.isPresent() && me.get().role() != Role.EXECUTIVE && !item.deleted()
                && writtenHere(item.type()) && item.authorUserId() != null
                && item.authorUserId() == me.get().id() && canStillEdit(item);
    }

    public boolean canDelete(TimelineItem item) {
        Optional<CurrentUser> me = currentUser.find();
        return me.isPresent() && !item.deleted() && writtenHere(item.type())
                && (me.get().role() == Role.ADMIN
                || (me.get().role() != Role.EXECUTIVE && item.authorUserId() != null
                && item.authorUserId() == me.get().id()));
    }

    public boolean canWrite() {
        return currentUser.find().map(u -> u.role() != Role.EXECUTIVE).orElse(false);
    }

    /** Notes, calls and meetings written in Leadflow: the entries that may be pinned, corrected and deleted. */
    public static boolean writtenHere(ActivityType type) {
        return type == ActivityType.NOTE || type == ActivityType.CALL || type == ActivityType.MEETING;
    }

    private boolean canStillEdit(TimelineItem item) {
        // the window runs from when the entry was written, not from when the call happened
        Instant written = jdbc.queryForObject("SELECT created_at FROM activity WHERE id = ?", Timestamp.class,
                item.id()).toInstant();
        return clock.instant().isBefore(written.plus(EDIT_WINDOW));
    }

    private TimelineItem writePersonEntry(long contactId, ActivityType type, Instant occurredAt, String summary,
                                          Map<String, Object> payload) {
        CurrentUser me = currentUser.require();
        requireContact(contactId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = insert(contactId, type, occurredAt.truncatedTo(ChronoUnit.MICROS), AuthorKind.USER, me.id(),
                me.displayName(), summary, JSON.writeValueAsString(payload), now);
        touchLastActivity(List.of(contactId), occurredAt);
        events.publishEvent(new ActivityRecordedEvent(id, contactId, type, AuthorKind.USER, me.id(), occurredAt));
        // scoring, lifecycle and segments count people's touches too
        events.publishEvent(new ContactChangedEvent(contactId, ContactChangedEvent.Kind.UPDATED));
        return findRaw(id).orElseThrow();
    }

    /**
     * An entry at a given time by a person ({@code userId} set) or by the system, for features that write on their
     * own schedule (mail sent, unsubscribes, completed tasks); joins the caller's transaction and leaves the
     * contact's last activity alone (a mail we sent is not the contact's activity).
     */
    @PreAuthorize("permitAll()") // the mail sender and the schedulers run with nobody logged in
    @Transactional(propagation = Propagation.MANDATORY)
    public long recordAt(long contactId, ActivityType type, Instant at, Long userId, String authorLabel,
                         String summary, String payloadJson) {
        AuthorKind author = userId == null ? AuthorKind.SYSTEM : AuthorKind.USER;
        String shortSummary = summary == null || summary.length() <= 500 ? summary : summary.substring(0, 497) + "...";
        long id = insert(contactId, type, at, author, userId, authorLabel, shortSummary, payloadJson, at);
        events.publishEvent(new ActivityRecordedEvent(id, contactId, type, author, userId, at));
        return id;
    }

    /** One system entry of a batch written by {@link #recordAllAt}. */
    public record SystemEntry(long contactId, String summary, String payloadJson) {
    }

    /**
     * Many system entries of one type at one time (the mail sender's batch), like {@link #recordAt} each: one
     * batched insert instead of a round trip per entry, then one {@link ActivityRecordedEvent} per entry.
     */
    @PreAuthorize("permitAll()") // the mail sender runs with nobody logged in
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAllAt(ActivityType type, Instant at, List<SystemEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(entries.size());
        jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at)
                    VALUES (?, ?, ?, 'SYSTEM', ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                Timestamp when = Timestamp.from(at);
                for (SystemEntry e : entries) {
                    String summary = e.summary() == null || e.summary().length() <= 500 ? e.summary()
                            : e.summary().substring(0, 497) + "...";
                    insert.setLong(1, e.contactId());
                    insert.setString(2, type.name());
                    insert.setTimestamp(3, when);
                    insert.setString(4, summary);
                    insert.setString(5, e.payloadJson());
                    insert.setTimestamp(6, when);
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
            }
            return null;
        });
        if (ids.size() != entries.size()) {
            throw new IllegalStateException("expected " + entries.size() + " generated ids, got " + ids.size());
        }
        for (int i = 0; i < entries.size(); i++) {
            events.publishEvent(new ActivityRecordedEvent(ids.get(i), entries.get(i).contactId(), type,
                    AuthorKind.SYSTEM, null, at));
        }
    }

    private long insert(long contactId, ActivityType type, Instant occurredAt, AuthorKind kind, Long userId,
                        String label, String summary, String payload, Instant createdAt) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO activity (contact_id, type, occurred_at, author_kind, author_user_id, author_label,
                                          summary, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            insert.setLong(1, contactId);
            insert.setString(2, type.name());
            insert.setTimestamp(3, Timestamp.from(occurredAt));
            insert.setString(4, kind.name());
            insert.setObject(5, userId);
            insert.setString(6, label);
            insert.setString(7, summary);
            insert.setString(8, payload);
            insert.setTimestamp(9, Timestamp.from(createdAt));
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    private void requireContact(long contactId) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE id = ?", Integer.class, contactId);
        if (found == null || found == 0) {
            throw new ValidationFailedException("contact.notFound");
        }
    }

    /** The contact's last activity moves forward only: an old event arriving late does not pull it back. */
    private void touchLastActivity(List<Long> contactIds, Instant at) {
        if (at.isAfter(clock.instant())) {
            at = clock.instant();
        }
        Timestamp when = Timestamp.from(at);
        jdbc.batchUpdate("UPDATE contact SET last_activity_at = ? WHERE id = ? AND (last_activity_at IS NULL OR last_activity_at < ?)",
                contactIds, 500, (ps, id) -> {
                    ps.setTimestamp(1, when);
                    ps.setLong(2, id);
                    ps.setTimestamp(3, when);
                });
    }

    private void notifyMentioned(TimelineItem item, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            names.add(m.group(1).toLowerCase());
        }
        if (names.isEmpty()) {
            return;
        }
        String contactName = jdbc.queryForObject("SELECT CONCAT(first_name, ' ', last_name) FROM contact WHERE id = ?",
                String.class, item.contactId());
        String in = names.stream().map(n -> "?").collect(Collectors.joining(","));
        List<Long> users = jdbc.queryForList("SELECT id FROM app_user WHERE enabled AND LOWER(username) IN (" + in + ")",
                Long.class, names.toArray());
        for (long userId : users) {
            if (!item.authorUserId().equals(userId)) {
                notifications.send(userId, item.contactId(), MENTION_KIND, MENTION_MESSAGE, item.authorName(),
                        contactName);
            }
        }
    }

    /** The usernames a note's {@code @mentions} refer to, as typed (for the compose box's help). */
    public static List<String> mentionedUsernames(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = MENTION.matcher(text == null ? "" : text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String requireText(String text) {
        String body = optionalText(text);
        if (body == null) {
            throw new ValidationFailedException("timeline.error.textRequired");
        }
        return body;
    }

    private static String optionalText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String body = text.strip();
        if (body.length() > MAX_TEXT) {
            throw new ValidationFailedException("timeline.error.tooLong", MAX_TEXT);
        }
        return body;
    }

    private static void requireDuration(int minutes) {
        if (minutes < 0 || minutes > 24 * 60) {
            throw new ValidationFailedException("timeline.error.duration");
        }
    }

    private Instant requirePastOrNow(Instant occurredAt) {
        Instant now = clock.instant();
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new ValidationFailedException("timeline.error.inFuture");
        }
        return occurredAt;
    }

    private static String summaryOf(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 500 ? flat : flat.substring(0, 499) + "…";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payloadMap(String payload) {
        if (payload == null || payload.isBlank() || !payload.strip().startsWith("{")) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(JSON.readValue(payload, Map.class));
    }

    // ---- ingestion ------------------------------------------------------------------------------------------

    /**
     * Writes a batch of events that arrived through the API with one key, in the caller's transaction: one
     * multi-row batch, the touched contacts' last activity moved forward, and one {@link ContactChangedEvent} per
     * touched contact (not per event) so the rules re-evaluate each contact once. Events whose {@code externalId}
     * this key already sent are skipped. Returns how many were new.
     */
    @PreAuthorize("permitAll()") // the caller is the ingestion service, authorised by the API key's scope
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordIngested(long apiKeyId, String apiKeyName, List<IngestedActivity> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // the contacts' rows first and in id order: concurrent batches then lock them in the same order and never
        // deadlock (an activity insert takes a shared lock on its contact row; taking it before the update would
        // let two batches each wait for the other's shared lock)
        java.util.TreeMap<Long, Instant> latestByContact = new java.util.TreeMap<>();
        for (IngestedActivity a : batch) {
            latestByContact.merge(a.contactId(), a.occurredAt(), (x, y) -> x.isAfter(y) ? x : y);
        }
        touchLastActivity(latestByContact);
        List<Long> ids = new ArrayList<>(batch.size());
        // INSERT IGNORE: a retried event (same key, same external id) is skipped, the rest of the batch lands
        jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT IGNORE INTO activity (contact_id, type, occurred_at, author_kind, author_label, summary,
                                                 payload, created_at, api_key_id, external_id)
                    VALUES (?, ?, ?, 'API', ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                for (IngestedActivity a : batch) {
                    insert.setLong(1, a.contactId());
                    insert.setString(2, a.type().name());
                    insert.setTimestamp(3, Timestamp.from(a.occurredAt().truncatedTo(ChronoUnit.MICROS)));
                    insert.setString(4, apiKeyName);
                    insert.setString(5, a.summary());
                    insert.setString(6, a.payloadJson());
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.setLong(8, apiKeyId);
                    insert.setString(9, a.externalId());
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        ids.add(keys.next() ? keys.getLong(1) : null);
                    }
                }
            }
            return null;
        });
        int written = 0;
        for (int i = 0; i < batch.size(); i++) {
            Long id = ids.get(i);
            if (id == null) {
                continue; // a duplicate of an event this key sent before
            }
            written++;
            IngestedActivity a = batch.get(i);
            events.publishEvent(new ActivityRecordedEvent(id, a.contactId(), a.type(), AuthorKind.API, null,
                    a.occurredAt()));
        }
        // score, lifecycle and segments follow in the background, once per contact (not per event)
        reevaluation.afterCommit(latestByContact.keySet());
        return written;
    }

    /** Moves each contact's last activity forward to its latest event (never back, never into the future). */
    private void touchLastActivity(java.util.SortedMap<Long, Instant> latestByContact) {
        Instant cap = clock.instant();
        jdbc.batchUpdate("UPDATE contact SET last_activity_at = ? WHERE id = ? AND (last_activity_at IS NULL OR last_activity_at < ?)",
                List.copyOf(latestByContact.entrySet()), 500, (ps, e) -> {
                    Timestamp when = Timestamp.from(e.getValue().isAfter(cap) ? cap : e.getValue());
                    ps.setTimestamp(1, when);
                    ps.setLong(2, e.getKey());
                    ps.setTimestamp(3, when);
                });
    }

    // ---- reading --------------------------------------------------------------------------------------------

    private static final String SELECT = """
            SELECT a.id, a.contact_id, CONCAT(c.first_name, ' ', c.last_name) AS contact_name, a.type, a.occurred_at,
                   a.author_kind, a.author_user_id, a.author_label, a.summary, a.payload, a.pinned, a.edited_at,
                   a.deleted_at, d.display_name AS deleted_by_name
            FROM activity a
            JOIN contact c ON c.id = a.contact_id
            LEFT JOIN app_user d ON d.id = a.deleted_by
            """;

    private static final RowMapper<TimelineItem> ITEM = (rs, row) -> new TimelineItem(rs.getLong("id"),
            rs.getLong("contact_id"), rs.getString("contact_name"), ActivityType.valueOf(rs.getString("type")),
            rs.getTimestamp("occurred_at").toInstant(), AuthorKind.valueOf(rs.getString("author_kind")),
            rs.getObject("author_user_id", Long.class), rs.getString("author_label"), rs.getString("summary"),
            rs.getString("payload"), rs.getBoolean("pinned"), instant(rs, "edited_at"), instant(rs, "deleted_at"),
            rs.getString("deleted_by_name"));

    private static Instant instant(ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** One entry as the current user may see it (a deleted one only for ADMIN). */
    @Transactional(readOnly = true)
    public Optional<TimelineItem> find(long activityId) {
        return findRaw(activityId).filter(item -> !item.deleted() || isAdmin());
    }

    private Optional<TimelineItem> findRaw(long activityId) {
        return jdbc.query(SELECT + " WHERE a.id = ?", ITEM, activityId).stream().findFirst();
    }

    /** A contact's pinned notes, newest first (shown above the timeline). */
    @Transactional(readOnly = true)
    public List<TimelineItem> pinned(long contactId) {
        return jdbc.query(SELECT + " WHERE a.contact_id = ? AND a.pinned AND a.deleted_at IS NULL"
                + " ORDER BY a.occurred_at DESC, a.id DESC LIMIT 20", ITEM, contactId);
    }

    /** A page of a contact's timeline, newest first, older than {@code before} (the first page when null). */
    @Transactional(readOnly = true)
    public List<TimelineItem> page(long contactId, TimelineFilter filter, TimelineCursor before, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE a.contact_id = ?");
        args.add(contactId);
        appendFilter(where, args, filter, before);
        args.add(Math.min(Math.max(limit, 1), MAX_PAGE));
        return jdbc.query(SELECT + where + " ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?", ITEM, args.toArray());
    }

    /** The newest entries across the contacts in scope (the activity feed), older than {@code before}. */
    @Transactional(readOnly = true)
    public List<TimelineItem> feed(FeedScope scope, TimelineFilter filter, TimelineCursor before, int limit) {
        CurrentUser me = currentUser.require();
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        switch (scope) {
            case MINE -> {
                where.append(" AND c.owner_id = ?");
                args.add(me.id());
            }
            case MY_TEAM -> {
                if (me.teamId() == null) {
                    return List.of();
                }
                where.append(" AND c.team_id = ?");
                args.add(me.teamId());
            }
            case ALL -> {
            }
        }
        appendFilter(where, args, filter, before);
        args.add(Math.min(Math.max(limit, 1), MAX_PAGE));
        return jdbc.query(SELECT + where + " ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?", ITEM, args.toArray());
    }

    /** Whether an entry belongs in the current user's feed of this scope (for live additions). */
    @Transactional(readOnly = true)
    public boolean inScope(FeedScope scope, long contactId) {
        CurrentUser me = currentUser.require();
        return switch (scope) {
            case ALL -> true;
            case MINE -> Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT COUNT(*) > 0 FROM contact WHERE id = ? AND owner_id = ?", Boolean.class, contactId, me.id()));
            case MY_TEAM -> me.teamId() != null && Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT COUNT(*) > 0 FROM contact WHERE id = ? AND team_id = ?", Boolean.class, contactId,
                    me.teamId()));
        };
    }

    private void appendFilter(StringBuilder where, List<Object> args, TimelineFilter filter, TimelineCursor before) {
        if (!isAdmin()) {
            where.append(" AND a.deleted_at IS NULL");
        }
        if (filter != null && !filter.kinds().isEmpty() && filter.kinds().size() < ActivityKind.values().length) {
            List<String> types = filter.kinds().stream().flatMap(k -> k.types().stream()).map(Enum::name).toList();
            where.append(" AND a.type IN (").append(types.stream().map(t -> "?").collect(Collectors.joining(",")))
                    .append(")");
            args.addAll(types);
        }
        if (filter != null && filter.authorUserId() != null) {
            where.append(" AND a.author_user_id = ?");
            args.add(filter.authorUserId());
        } else if (filter != null && filter.authorKind() != null) {
            where.append(" AND a.author_kind = ?");
            args.add(filter.authorKind().name());
        }
        if (before != null) {
            Timestamp t = Timestamp.from(before.occurredAt());
            where.append(" AND (a.occurred_at < ? OR (a.occurred_at = ? AND a.id < ?))");
            args.add(t);
            args.add(t);
            args.add(before.id());
        }
    }

    /** The people who wrote on this contact's timeline, for the author filter. */
    @Transactional(readOnly = true)
    public List<Author> authorsOf(long contactId) {
        return jdbc.query("""
                SELECT u.id, u.display_name FROM app_user u
                WHERE u.id IN (SELECT DISTINCT author_user_id FROM activity WHERE contact_id = ? AND author_user_id IS NOT NULL)
                ORDER BY u.display_name""", (rs, row) -> new Author(rs.getLong(1), rs.getString(2)), contactId)
                .stream().sorted(Comparator.comparing(Author::name)).toList();
    }

    /** A person who writes on timelines. */
    public record Author(long userId, String name) implements java.io.Serializable {
    }

    private boolean isAdmin() {
        return currentUser.find().map(u -> u.role() == Role.ADMIN).orElse(false);
    }
}
