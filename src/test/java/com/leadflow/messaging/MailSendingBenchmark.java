package com.leadflow.messaging;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.leadflow.BenchmarkDatabase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Benchmark, not a test: the outbox sender against an in-process SMTP server (GreenMail) on the benchmark database
 * (docs/benchmarks.md, "Email sending"). Queues {@code -Dmails=N} (default 5,000) cadence emails — a due touch of
 * the inactive-SQL cadence's email step for N real contacts, each with its outbox row — and sends them all, so
 * every write the real path does (outbox, timeline, touch, next occurrence, next-touch date) is in the figure.
 * Reference figures in the same run: the same number of ready-made messages pushed straight through one SMTP
 * connection (the ceiling GreenMail allows), and a plain scan. {@code -Drounds=R} repeats the send (default 2).
 * Everything it creates is deleted at the end:
 * <pre>flock /tmp/leadflow-bench.lock env JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -o -q test \
 *   -Dtest=MailSendingBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false -Dmails=5000</pre>
 */
@BenchmarkDatabase
@TestPropertySource(properties = {"leadflow.cadence.schedule-interval=PT24H", "leadflow.messaging.send-interval=PT24H",
        "logging.level.com.icegreen.greenmail=WARN", "logging.level.com.leadflow.messaging.EmailSender=DEBUG"})
class MailSendingBenchmark {

    /** Marks the benchmark's enrolments (no real segment entry is this old). */
    private static final Timestamp MARKER = Timestamp.valueOf("2001-01-02 00:00:00");

    @Autowired JdbcTemplate jdbc;
    @Autowired EmailSender sender;
    @Autowired TransactionTemplate tx;

    @Test
    void sendingToALocalSmtpServer() throws Exception {
        int mails = Integer.getInteger("mails", 5000);
        int rounds = Integer.getInteger("rounds", 2);
        System.out.printf("%nMail sending benchmark: %,d emails x %d rounds; load at start: %s%n", mails, rounds,
                loadAverage());
        cleanUp();
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        try {
            jdbc.update("UPDATE messaging_settings SET smtp_host = '127.0.0.1', smtp_port = ?, version = version + 1 "
                    + "WHERE id = 1", greenMail.getSmtp().getPort());
            long t = System.nanoTime();
            long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
            System.out.printf("  reference: plain COUNT(*) over %,d contacts: %,d ms%n", contacts, ms(t));
            smtpCeiling(greenMail.getSmtp().getPort(), mails);
            for (int round = 1; round <= rounds; round++) {
                queue(mails);
                greenMail.purgeEmailFromAllMailboxes();
                t = System.nanoTime();
                int sent = sender.sendAllDue();
                long millis = ms(t);
                System.out.printf("  round %d: %,d emails through the outbox in %,d ms = %,.0f emails/s "
                                + "(GreenMail received %,d; outbox now %s)%n", round, sent, millis, sent * 1000.0 / millis,
                        greenMail.getReceivedMessages().length, jdbc.queryForList("SELECT CONCAT(status, ' ', "
                                + "COUNT(*)) FROM email_outbox WHERE idempotency_key LIKE 'bench-touch-%' "
                                + "GROUP BY status", String.class));
                cleanUp();
            }
        } finally {
            greenMail.stop();
            jdbc.update("UPDATE messaging_settings SET smtp_host = NULL, smtp_port = NULL, version = version + 1 WHERE id = 1");
            cleanUp();
            System.out.printf("  load at end: %s%n", loadAverage());
        }
    }

    /** The same number of small messages over one connection, no database: what GreenMail can take. */
    private static void smtpCeiling(int port, int mails) throws Exception {
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(port);
        MimeMessage[] messages = new MimeMessage[mails];
        for (int i = 0; i < mails; i++) {
            messages[i] = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(messages[i], true, "UTF-8");
            helper.setFrom("bench@example.com");
            helper.setTo("ceiling-" + i + "@example.com");
            helper.setSubject("Ceiling " + i);
            helper.setText("Plain text " + i, "<p>HTML " + i + "</p>");
        }
        long t = System.nanoTime();
        smtp.send(messages);
        long millis = ms(t);
        System.out.printf("  reference: %,d ready-made messages over one SMTP connection: %,d ms = %,.0f emails/s%n",
                mails, millis, mails * 1000.0 / millis);
    }

    /** N contacts that may be mailed get a due email touch of the inactive-SQL cadence and its outbox row. */
    private void queue(int mails) {
        long t = System.nanoTime();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT IGNORE INTO cadence_enrolment (cadence_id, contact_id, segment_entered_at, enrolled_at)
                    SELECT cad.id, c.id, ?, ? FROM contact c JOIN cadence cad ON cad.system_key = 'INACTIVE_SQL'
                    WHERE NOT c.do_not_contact AND c.email IS NOT NULL AND c.email <> ''
                      AND NOT EXISTS (SELECT 1 FROM segment_member m JOIN segment s ON s.id = m.segment_id
                                      WHERE m.contact_id = c.id AND s.no_correspondence)
                      AND NOT EXISTS (SELECT 1 FROM cadence_enrolment e WHERE e.contact_id = c.id AND e.cadence_id = cad.id)
                    ORDER BY c.id LIMIT ?""", MARKER, now, mails);
            jdbc.update("""
                    INSERT INTO scheduled_touch (enrolment_id, cadence_id, step_id, contact_id, occurrence, kind, channel,
                                                 due_at, owner_id, team_id, status)
                    SELECT e.id, e.cadence_id, s.id, e.contact_id, 1, s.kind, 'EMAIL', ?, c.owner_id, c.team_id, 'DUE'
                    FROM cadence_enrolment e JOIN cadence_step s ON s.cadence_id = e.cadence_id AND s.kind = 'EMAIL'
                    JOIN contact c ON c.id = e.contact_id WHERE e.segment_entered_at = ?""", now, MARKER);
            jdbc.update("""
                    INSERT INTO email_outbox (idempotency_key, touch_id, contact_id, template_id, status, next_attempt_at,
                                              created_at)
                    SELECT CONCAT('bench-touch-', t.id), t.id, t.contact_id, s.template_id, 'PENDING', ?, ?
                    FROM scheduled_touch t JOIN cadence_step s ON s.id = t.step_id
                    JOIN cadence_enrolment e ON e.id = t.enrolment_id WHERE e.segment_entered_at = ?""",
                    now, now, MARKER);
        });
        System.out.printf("  set-up: %,d emails queued in %,d ms%n", jdbc.queryForObject(
                "SELECT COUNT(*) FROM email_outbox WHERE idempotency_key LIKE 'bench-touch-%'", Long.class), ms(t));
    }

    /** Everything the benchmark made: its enrolments, touches, mail and the timeline entries of that mail. */
    private void cleanUp() {
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    DELETE a FROM activity a JOIN email_outbox o ON o.contact_id = a.contact_id
                    WHERE o.idempotency_key LIKE 'bench-touch-%' AND a.type IN ('EMAIL_SENT', 'EMAIL_FAILED')
                      AND JSON_VALUE(a.payload, '$.outboxId') = o.id""");
            jdbc.update("DELETE FROM email_outbox WHERE idempotency_key LIKE 'bench-touch-%'");
            jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_mail_contact (id BIGINT PRIMARY KEY)");
            jdbc.update("INSERT IGNORE INTO bench_mail_contact SELECT contact_id FROM cadence_enrolment "
                    + "WHERE segment_entered_at = ?", MARKER);
            jdbc.update("DELETE FROM cadence_enrolment WHERE segment_entered_at = ?", MARKER); // touches cascade
            jdbc.update("UPDATE contact c JOIN bench_mail_contact b ON b.id = c.id "
                    + "SET c.next_touch_at = (SELECT MIN(t.due_at) FROM scheduled_touch t WHERE t.contact_id = c.id "
                    + "AND t.status IN ('PLANNED', 'DUE'))");
            jdbc.execute("DROP TEMPORARY TABLE bench_mail_contact");
        });
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
