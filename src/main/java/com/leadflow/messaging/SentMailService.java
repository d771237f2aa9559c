package com.leadflow.messaging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The send log ("Sent mail"): every outbox message, newest first, with its content once sent. */
@Service
@PreAuthorize("hasAnyRole('ADMIN','MARKETING')")
public class SentMailService {

    private final JdbcTemplate jdbc;
    private final MessagingSettingsService settings;
    private final DeliveryTarget target;
    private final DemoMailServer demo;

    SentMailService(JdbcTemplate jdbc, MessagingSettingsService settings, DeliveryTarget target, DemoMailServer demo) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.target = target;
        this.demo = demo;
    }

    /** Where mail goes now, for the screen's badge. */
    public record DeliveryMode(String transport, String server, long demoReceived) {

        public boolean demo() {
            return DeliveryTarget.DEMO_SMTP.equals(transport);
        }

        public boolean captured() {
            return DeliveryTarget.CAPTURED.equals(transport);
        }
    }

    public DeliveryMode deliveryMode() {
        MessagingSettings stored = settings.current();
        return new DeliveryMode(target.transport(stored), target.describe(stored), demo.receivedCount());
    }

    /**
     * The copies demo mode's SMTP server received of one outbox message (newest first; two after a re-send
     * under the same Message-ID); empty when the demo server is off or no longer keeps it.
     */
    @Transactional(readOnly = true)
    public List<DemoMailServer.Received> receivedCopies(long outboxId) {
        if (!demo.running()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT idempotency_key FROM email_outbox WHERE id = ?", String.class, outboxId)
                .stream().flatMap(key -> demo.byIdempotencyKey(key).stream()).toList();
    }

    @Transactional(readOnly = true)
    public List<SentMail> page(String search, String status, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(search, status, params);
        params.add(limit);
        params.add(offset);
        return jdbc.query("""
                SELECT o.id, o.contact_id, CONCAT(c.first_name, ' ', c.last_name), COALESCE(o.to_address, c.email),
                       o.subject, o.status, o.transport, o.attempts, o.created_at, o.sent_at, o.last_error
                FROM email_outbox o JOIN contact c ON c.id = o.contact_id""" + where
                + " ORDER BY o.id DESC LIMIT ? OFFSET ?", ROW, params.toArray());
    }

    @Transactional(readOnly = true)
    public int count(String search, String status) {
        List<Object> params = new ArrayList<>();
        String where = where(search, status, params);
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM email_outbox o JOIN contact c ON c.id = o.contact_id"
                + where, Integer.class, params.toArray());
        return n == null ? 0 : n;
    }

    /** The HTML and text of one sent message, as it went out. */
    @Transactional(readOnly = true)
    public Optional<RenderedEmail> content(long outboxId) {
        return jdbc.query("SELECT to_address, subject, html_body, text_body FROM email_outbox WHERE id = ? "
                + "AND status = 'SENT'", (rs, i) -> new RenderedEmail(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), null), outboxId).stream().findFirst();
    }

    private static String where(String search, String status, List<Object> params) {
        List<String> parts = new ArrayList<>();
        if (search != null && !search.isBlank()) {
            parts.add("(c.email LIKE ? OR o.subject LIKE ? OR c.last_name LIKE ?)");
            String like = "%" + search.trim() + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (status != null) {
            parts.add("o.status = ?");
            params.add(status);
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static final RowMapper<SentMail> ROW = (rs, i) -> {
        Timestamp sent = rs.getTimestamp(10);
        return new SentMail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getTimestamp(9).toInstant(),
                sent == null ? null : sent.toInstant(), rs.getString(11));
    };
}
