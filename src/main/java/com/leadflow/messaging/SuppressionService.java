package com.leadflow.messaging;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.security.Roles;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who must not be mailed: unsubscribe links and bounces set do-not-contact (with reason and date, on the
 * timeline, out of every cadence); the suppression list shows every such contact and why.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class SuppressionService {

    private final JdbcTemplate jdbc;
    private final UnsubscribeTokens tokens;
    private final TimelineService timeline;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SuppressionService(JdbcTemplate jdbc, UnsubscribeTokens tokens, TimelineService timeline,
                       ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    /** For the public unsubscribe page: empty when the link is forged, damaged or its contact is gone. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Optional<UnsubscribeRequest> describe(String token) {
        var contactId = tokens.verify(token);
        if (contactId.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT email, country, do_not_contact FROM contact WHERE id = ?",
                (rs, i) -> new UnsubscribeRequest(contactId.getAsLong(), mask(rs.getString(1)),
                        ContactLanguage.of(rs.getString(2)), rs.getBoolean(3)), contactId.getAsLong())
                .stream().findFirst();
    }

    /** The unsubscribe link, confirmed: true when it was done now, false when the link is not valid. */
    @PreAuthorize("permitAll()")
    @Transactional
    public boolean unsubscribe(String token) {
        var contactId = tokens.verify(token);
        if (contactId.isEmpty() || !exists(contactId.getAsLong())) {
            return false;
        }
        suppress(contactId.getAsLong(), SuppressionReason.UNSUBSCRIBED, "Unsubscribed via the email link", null);
        return true;
    }

    /**
     * A hard bounce reported for an address (the ingestion API calls this): the contact with that email is set
     * to do-not-contact with reason "bounced". Returns false when no contact has the address.
     */
    @PreAuthorize("permitAll()") // the ingestion API authenticates with an API key, not a user
    @Transactional
    public boolean recordBounce(String email, String detail) {
        if (email == null || email.isBlank()) {
            return false;
        }
        List<Long> ids = jdbc.queryForList("SELECT id FROM contact WHERE email = ?", Long.class, email.trim());
        if (ids.isEmpty()) {
            return false;
        }
        suppress(ids.getFirst(), SuppressionReason.BOUNCED, "Bounced", detail);
        return true;
    }

    /**
     * A hard bounce reported for a known contact (an {@code EMAIL_BOUNCED} event of the ingestion API): the same as
     * above, in the caller's transaction, so the event and the do-not-contact flag commit together.
     */
    @PreAuthorize("permitAll()") // the ingestion API authenticates with an API key, not a user
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBounce(long contactId, String detail) {
        suppress(contactId, SuppressionReason.BOUNCED, "Bounced", detail);
    }

    private void suppress(long contactId, SuppressionReason reason, String summary, String detail) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        String dncReason = reason == SuppressionReason.BOUNCED
                ? "bounced" + (detail == null || detail.isBlank() ? "" : ": " + truncate(detail, 480))
                : "unsubscribed";
        int changed = jdbc.update("""
                UPDATE contact SET do_not_contact = TRUE, do_not_contact_reason = ?, do_not_contact_at = ?,
                       updated_at = ?, version = version + 1
                WHERE id = ? AND do_not_contact = FALSE""", dncReason, at, at, contactId);
        jdbc.update("""
                INSERT INTO email_suppression (contact_id, reason, detail, created_at) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE reason = VALUES(reason), detail = VALUES(detail)""",
                contactId, reason.name(), detail == null ? null : truncate(detail, 500), at);
        if (changed == 1) {
            timeline.recordAt(contactId, ActivityType.CONSENT_CHANGE, now, null, null, summary,
                    "{\"doNotContact\":true,\"reason\":\"" + reason.name() + "\"}");
            events.publishEvent(new ContactChangedEvent(contactId, ContactChangedEvent.Kind.UPDATED));
        }
        events.publishEvent(new ContactSuppressedEvent(contactId, reason));
    }

    @Transactional(readOnly = true)
    public List<SuppressedContact> list(String search, SuppressionReason reason, int offset, int limit) {
        Query q = query(search, reason);
        List<Object> params = new ArrayList<>(q.params());
        params.add(limit);
        params.add(offset);
        return jdbc.query(q.sql() + " ORDER BY since DESC, contact_id DESC LIMIT ? OFFSET ?", ROW, params.toArray());
    }

    @Transactional(readOnly = true)
    public int count(String search, SuppressionReason reason) {
        Query q = query(search, reason);
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM (" + q.sql() + ") x", Integer.class,
                q.params().toArray());
        return n == null ? 0 : n;
    }

    /** The whole list as CSV (streamed, never all in memory). */
    @PreAuthorize("hasAnyRole('ADMIN','MARKETING')")
    @Transactional(readOnly = true)
    public void exportCsv(String search, SuppressionReason reason, Writer out) {
        Query q = query(search, reason);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("contact_id", "name", "email", "company", "reason", "detail", "since").get())) {
            jdbc.query(q.sql() + " ORDER BY since DESC, contact_id DESC", rs -> {
                try {
                    SuppressedContact s = ROW.mapRow(rs, 0);
                    csv.printRecord(s.contactId(), s.name(), s.email(), s.company(), s.reason(), s.detail(),
                            s.since());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, q.params().toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Query(String sql, List<Object> params) {
    }

    /** Do-not-contact contacts (with the mail system's reason when it set the flag) and members of suppressed segments. */
    private static Query query(String search, SuppressionReason reason) {
        List<Object> params = new ArrayList<>();
        String contactFilter = "";
        if (search != null && !search.isBlank()) {
            contactFilter = " AND (c.email LIKE ? OR c.last_name LIKE ? OR c.company LIKE ?)";
        }
        String dnc = """
                SELECT c.id AS contact_id, CONCAT(c.first_name, ' ', c.last_name) AS name, c.email, c.company,
                       COALESCE(es.reason, 'DO_NOT_CONTACT') AS reason,
                       COALESCE(es.detail, c.do_not_contact_reason) AS detail,
                       COALESCE(c.do_not_contact_at, es.created_at) AS since
                FROM contact c LEFT JOIN email_suppression es ON es.contact_id = c.id
                WHERE c.do_not_contact""" + contactFilter;
        String segments = """
                SELECT c.id, CONCAT(c.first_name, ' ', c.last_name), c.email, c.company, 'NO_CORRESPONDENCE_SEGMENT',
                       MIN(s.name), MIN(m.entered_at)
                FROM segment s JOIN segment_member m ON m.segment_id = s.id JOIN contact c ON c.id = m.contact_id
                WHERE s.no_correspondence AND NOT c.do_not_contact""" + contactFilter
                + " GROUP BY c.id, c.first_name, c.last_name, c.email, c.company";
        String like = search == null ? null : "%" + search.trim() + "%";
        List<String> parts = new ArrayList<>();
        if (reason == null || reason != SuppressionReason.NO_CORRESPONDENCE_SEGMENT) {
            parts.add(dnc);
            if (like != null && !search.isBlank()) {
                params.add(like);
                params.add(like);
                params.add(like);
            }
        }
        if (reason == null || reason == SuppressionReason.NO_CORRESPONDENCE_SEGMENT) {
            parts.add(segments);
            if (like != null && !search.isBlank()) {
                params.add(like);
                params.add(like);
                params.add(like);
            }
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") s";
        if (reason != null && reason != SuppressionReason.NO_CORRESPONDENCE_SEGMENT) {
            sql += " WHERE reason = ?";
            params.add(reason.name());
        }
        return new Query(sql, params);
    }

    private boolean exists(long contactId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM contact WHERE id = ?)",
                Boolean.class, contactId));
    }

    private static String mask(String email) {
        if (email == null || !email.contains("@")) {
            return "";
        }
        int at = email.indexOf('@');
        return email.charAt(0) + "***" + email.substring(at);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static final RowMapper<SuppressedContact> ROW = (rs, i) -> {
        Timestamp since = rs.getTimestamp(7);
        return new SuppressedContact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SuppressionReason.valueOf(rs.getString(5)), rs.getString(6), since == null ? null : since.toInstant());
    };
}
