package com.leadflow.messaging;

import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers the outbox: claims a batch with a lease (so two senders never take the same rows), re-checks
 * suppression at the last moment, sends over one SMTP connection, then records the batch in one transaction
 * (batched outbox updates and timeline entries). A failed message is retried with growing backoff; after {@value #MAX_ATTEMPTS} attempts it fails.
 * A message whose sender died mid-batch is taken again when its lease runs out, with the same Message-ID
 * (its idempotency key), so it is never lost.
 */
@Component
public class EmailSender {

    static final int MAX_ATTEMPTS = 5;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MailTransport transport;
    private final DeliveryTarget target;
    private final EmailRenderer renderer;
    private final MessagingSettingsService settingsService;
    private final TimelineService timeline;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EmailSender(JdbcTemplate jdbc, TransactionTemplate tx, MailTransport transport, DeliveryTarget target,
                EmailRenderer renderer, MessagingSettingsService settingsService, TimelineService timeline,
                ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.transport = transport;
        this.target = target;
        this.renderer = renderer;
        this.settingsService = settingsService;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${leadflow.messaging.send-interval:PT20S}",
            fixedDelayString = "${leadflow.messaging.send-interval:PT20S}")
    @SchedulerLock(name = "email-sender", lockAtMostFor = "PT10M")
    public void scheduledRun() {
        sendAllDue();
    }

    /** Sends batches until nothing is due; returns how many messages were handled. */
    public int sendAllDue() {
        int total = 0;
        int handled;
        do {
            handled = sendBatch(BATCH, () -> { });
            total += handled;
        } while (handled > 0);
        return total;
    }

    /** Sends at most about {@code max} due messages (in batches); returns how many were handled. */
    public int sendUpTo(int max) {
        int total = 0;
        int handled;
        do {
            handled = sendBatch(Math.min(BATCH, max - total), () -> { });
            total += handled;
        } while (handled > 0 && total < max);
        return total;
    }

    /** One batch; {@code afterSmtp} runs between delivery and recording it (tests simulate a crash there). */
    int sendBatch(int limit, Runnable afterSmtp) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        // one statement claims the batch: a lease, so a sender that dies lets another take its rows later
        Integer claimed = tx.execute(status -> jdbc.update("""
                UPDATE email_outbox SET status = 'SENDING', claim_token = ?, lease_until = ?, attempts = attempts + 1
                WHERE (status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?)
                ORDER BY next_attempt_at, id LIMIT ?""",
                claim, Timestamp.from(now.plus(LEASE)), Timestamp.from(now), Timestamp.from(now), limit));
        if (claimed == null || claimed == 0) {
            return 0;
        }
        List<Claimed> rows = jdbc.query("""
                SELECT o.id, o.idempotency_key, o.touch_id, o.contact_id, o.template_id, o.attempts, c.email,
                       c.do_not_contact,
                       EXISTS (SELECT 1 FROM segment_member m JOIN segment s ON s.id = m.segment_id
                               WHERE m.contact_id = c.id AND s.no_correspondence) AS no_correspondence
                FROM email_outbox o JOIN contact c ON c.id = o.contact_id
                WHERE o.claim_token = ? ORDER BY o.id""",
                (rs, i) -> new Claimed(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                        rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getString(7), rs.getBoolean(8),
                        rs.getBoolean(9)), claim);
        long claimedAt = System.nanoTime();

        MessagingSettings stored = settingsService.current();
        MessagingSettings settings = target.resolve(stored);
        Map<Long, EmailTemplate> templates = new HashMap<>();
        Map<Long, EmailRenderer.Recipient> recipients = renderer.recipients(rows.stream().map(Claimed::contactId).toList());
        List<Prepared> toSend = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Claimed row : rows) {
            String suppressed = row.doNotContact() ? "DO_NOT_CONTACT"
                    : row.noCorrespondence() ? "NO_CORRESPONDENCE"
                    : row.email() == null || row.email().isBlank() ? "NO_EMAIL_ADDRESS" : null;
            if (suppressed != null) {
                outcomes.add(new Outcome(row, null, EmailOutcomeEvent.Outcome.SUPPRESSED, suppressed, null));
                continue;
            }
            try {
                EmailTemplate template = templates.computeIfAbsent(row.templateId(), this::template);
                RenderedEmail email = renderer.render(template, recipients.get(row.contactId()));
                toSend.add(new Prepared(row, email, message(settings, row, email)));
            } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
                outcomes.add(new Outcome(row, null, null, null, "cannot build the message: " + e.getMessage()));
            }
        }
        long renderedAt = System.nanoTime();

        // one SMTP connection for the whole batch
        Map<Integer, String> failures = settings.smtpConfigured()
                ? transport.send(settings, toSend.stream().map(Prepared::message).toList())
                : Map.of(); // no SMTP server at all: the send log is the delivery
        long deliveredAt = System.nanoTime();
        afterSmtp.run();
        for (int i = 0; i < toSend.size(); i++) {
            Prepared p = toSend.get(i);
            String error = failures.get(i);
            outcomes.add(new Outcome(p.row(), p.email(), error == null ? EmailOutcomeEvent.Outcome.SENT : null,
                    null, error));
        }
        String transportName = target.transport(stored);
        int touches = (int) outcomes.stream().filter(o -> o.row().touchId() != null).count();
        long[] recorded = new long[1];
        tx.executeWithoutResult(status -> {
            Instant at = clock.instant();
            recordSent(outcomes.stream().filter(o -> o.outcome() == EmailOutcomeEvent.Outcome.SENT).toList(), claim,
                    transportName, at);
            outcomes.stream().filter(o -> o.outcome() != EmailOutcomeEvent.Outcome.SENT)
                    .forEach(o -> recordOther(o, claim, at));
            events.publishEvent(new EmailBatchRecordedEvent(outcomes.size(), touches));
            recorded[0] = System.nanoTime();
        });
        long committedAt = System.nanoTime();
        if (log.isDebugEnabled()) {
            log.debug("Outbox batch of {} ({} to SMTP): claim+load {} ms, render {} ms, SMTP {} ms, record {} ms, "
                            + "commit and after-commit listeners {} ms", rows.size(), toSend.size(),
                    ms(started, claimedAt), ms(claimedAt, renderedAt), ms(renderedAt, deliveredAt),
                    ms(deliveredAt, recorded[0]), ms(recorded[0], committedAt));
        }
        return rows.size();
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /**
     * The delivered messages of a batch, set-based: one batched update marks them SENT (only rows this run still
     * holds: a row whose lease ran out may have been taken by another sender), one batched insert writes their
     * timeline entries, then each announces its outcome.
     */
    private void recordSent(List<Outcome> sent, String claim, String transportName, Instant now) {
        if (sent.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        jdbc.batchUpdate("""
                UPDATE email_outbox SET status = 'SENT', sent_at = ?, to_address = ?, subject = ?, html_body = ?,
                       text_body = ?, transport = ?, lease_until = NULL, last_error = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""", sent, sent.size(), (ps, o) -> {
                    RenderedEmail email = o.email();
                    ps.setTimestamp(1, at);
                    ps.setString(2, email.to());
                    ps.setString(3, email.subject());
                    ps.setString(4, email.html());
                    ps.setString(5, email.text());
                    ps.setString(6, transportName);
                    ps.setLong(7, o.row().id());
                    ps.setString(8, claim);
                });
        // which of them this run marked (batched updates may not report per-row counts)
        Set<Long> mine = new HashSet<>(jdbc.queryForList("SELECT id FROM email_outbox WHERE claim_token = ? "
                + "AND status = 'SENT'", Long.class, claim));
        List<Outcome> recorded = sent.stream().filter(o -> mine.contains(o.row().id())).toList();
        timeline.recordAllAt(ActivityType.EMAIL_SENT, now, recorded.stream()
                .map(o -> new TimelineService.SystemEntry(o.row().contactId(), o.email().subject(),
                        "{\"outboxId\":" + o.row().id() + ",\"templateId\":" + o.row().templateId() + "}"))
                .toList());
        for (Outcome o : recorded) {
            events.publishEvent(new EmailOutcomeEvent(o.row().id(), o.row().touchId(), o.row().contactId(),
                    EmailOutcomeEvent.Outcome.SENT, null));
        }
    }

    /** A suppressed or failed message (rare: one statement each). */
    private void recordOther(Outcome o, String claim, Instant now) {
        Claimed row = o.row();
        if (o.outcome() == EmailOutcomeEvent.Outcome.SUPPRESSED) {
            int updated = jdbc.update("UPDATE email_outbox SET status = 'SUPPRESSED', last_error = ?, lease_until = NULL "
                    + "WHERE id = ? AND claim_token = ?", o.reason(), row.id(), claim);
            if (updated == 1) {
                events.publishEvent(new EmailOutcomeEvent(row.id(), row.touchId(), row.contactId(),
                        EmailOutcomeEvent.Outcome.SUPPRESSED, o.reason()));
            }
        } else if (row.attempts() < MAX_ATTEMPTS) {
            // 1, 4, 16, 64 minutes: a server that is down for a while is not hammered
            Duration backoff = Duration.ofMinutes((long) Math.pow(4, row.attempts() - 1));
            jdbc.update("UPDATE email_outbox SET status = 'PENDING', next_attempt_at = ?, last_error = ?, "
                    + "lease_until = NULL WHERE id = ? AND claim_token = ?",
                    Timestamp.from(now.plus(backoff)), o.error(), row.id(), claim);
        } else {
            int updated = jdbc.update("UPDATE email_outbox SET status = 'FAILED', last_error = ?, lease_until = NULL "
                    + "WHERE id = ? AND claim_token = ?", o.error(), row.id(), claim);
            if (updated == 1) {
                log.warn("Email {} to contact {} failed after {} attempts: {}", row.id(), row.contactId(),
                        row.attempts(), o.error());
                timeline.recordAt(row.contactId(), ActivityType.EMAIL_FAILED, now, null, null,
                        o.error(), "{\"outboxId\":" + row.id() + "}");
                events.publishEvent(new EmailOutcomeEvent(row.id(), row.touchId(), row.contactId(),
                        EmailOutcomeEvent.Outcome.FAILED, o.error()));
            }
        }
    }

    private EmailTemplate template(long id) {
        return jdbc.queryForObject("SELECT * FROM email_template WHERE id = ?", EmailTemplateService.TEMPLATE, id);
    }

    /**
     * The message: a plain-text and an HTML alternative. Built with Jakarta Mail directly: Spring's
     * MimeMessageHelper re-reads its MIME type table for every message it wraps, which was most of the CPU time
     * a batch spent before SMTP.
     */
    private MimeMessage message(MessagingSettings settings, Claimed row, RenderedEmail email)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new IdempotentMimeMessage(transport.newMessage(settings),
                "<" + row.idempotencyKey() + "@leadflow>");
        message.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to()));
        message.setSubject(email.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.setHeader("X-Leadflow-Idempotency-Key", row.idempotencyKey());
        return message;
    }

    /** Keeps our Message-ID (JavaMail would make a new one on every save), so a re-send is recognisably the same. */
    private static final class IdempotentMimeMessage extends MimeMessage {

        private final String messageId;

        IdempotentMimeMessage(MimeMessage blank, String messageId) {
            super(blank.getSession());
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private record Claimed(long id, String idempotencyKey, Long touchId, long contactId, long templateId, int attempts,
                           String email, boolean doNotContact, boolean noCorrespondence) {
    }

    private record Prepared(Claimed row, RenderedEmail email, MimeMessage message) {
    }

    private record Outcome(Claimed row, RenderedEmail email, EmailOutcomeEvent.Outcome outcome, String reason,
                           String error) {
    }
}
