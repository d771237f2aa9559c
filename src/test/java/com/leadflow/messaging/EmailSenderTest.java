package com.leadflow.messaging;

import com.leadflow.AbstractIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox against a real SMTP server: leases, crashes, retries, suppression at the last moment. */
class EmailSenderTest extends AbstractIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired EmailSender sender;

    private TestMailServer mail;
    private final List<Long> contacts = new ArrayList<>();
    private Instant now;

    @BeforeEach
    void start() {
        mail = new TestMailServer(jdbc);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.set(now);
    }

    @AfterEach
    void cleanUp() {
        mail.close();
        for (long id : contacts) {
            jdbc.update("DELETE FROM email_outbox WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM email_suppression WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM contact WHERE id = ?", id);
        }
    }

    private String queueFor(String country) {
        String email = "out-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        Timestamp at = Timestamp.from(now);
        jdbc.update("INSERT INTO contact (first_name, last_name, email, company, country, created_at, updated_at) "
                + "VALUES ('Olga', 'Outbox', ?, 'Acme <b>Ltd</b>', ?, ?, ?)", email, country, at, at);
        long id = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        contacts.add(id);
        jdbc.update("INSERT INTO email_outbox (idempotency_key, contact_id, template_id, status, next_attempt_at, created_at) "
                + "SELECT ?, ?, id, 'PENDING', ?, ? FROM email_template WHERE system_key = 'MONTHLY_CONTENT'",
                "test-" + UUID.randomUUID(), id, at, at);
        return email;
    }

    private String status(String email) {
        return jdbc.queryForObject("SELECT o.status FROM email_outbox o JOIN contact c ON c.id = o.contact_id "
                + "WHERE c.email = ?", String.class, email);
    }

    @Test
    void sendsPersonalisedHtmlAndTextInTheContactsLanguageWithAnUnsubscribeLink() throws Exception {
        String english = queueFor("GB");
        String russian = queueFor("RU");
        sender.sendAllDue();

        MimeMessage en = mail.receivedBy(english).getFirst();
        assertThat(en.getSubject()).isEqualTo("Olga, this month's best reads for Acme <b>Ltd</b>");
        String raw = new String(en.getRawInputStream().readAllBytes());
        assertThat(en.getContentType()).startsWith("multipart/");
        assertThat(mail.receivedBy(russian).getFirst().getSubject()).startsWith("Olga, полезное за месяц");
        assertThat(status(english)).isEqualTo("SENT");
        String html = jdbc.queryForObject("SELECT o.html_body FROM email_outbox o JOIN contact c ON c.id = o.contact_id "
                + "WHERE c.email = ?", String.class, english);
        assertThat(html).contains("Acme &lt;b&gt;Ltd&lt;/b&gt;").contains("/unsubscribe/");
        assertThat(raw).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id "
                + "WHERE c.email = ? AND a.type = 'EMAIL_SENT'", Integer.class, english)).isEqualTo(1);
    }

    @Test
    void aCrashAfterClaimingIsSentOnceWhenTheLeaseRunsOut() {
        String email = queueFor("GB");
        // a sender claimed the row and died before talking to the server
        jdbc.update("UPDATE email_outbox o JOIN contact c ON c.id = o.contact_id SET o.status = 'SENDING', "
                + "o.claim_token = 'dead', o.lease_until = ?, o.attempts = 1 WHERE c.email = ?",
                Timestamp.from(now.plus(EmailSender.LEASE)), email);
        sender.sendAllDue();
        assertThat(mail.receivedBy(email)).isEmpty(); // the lease still holds: nobody else takes it

        testClock.set(now.plus(EmailSender.LEASE).plusSeconds(1));
        sender.sendAllDue();
        sender.sendAllDue();
        assertThat(mail.receivedBy(email)).hasSize(1);
        assertThat(status(email)).isEqualTo("SENT");
    }

    @Test
    void aCrashBetweenSendAndMarkIsNeverLostAndTheResendCarriesTheSameMessageId() throws Exception {
        String email = queueFor("GB");
        assertThatThrownBy(() -> sender.sendBatch(10, () -> {
            throw new IllegalStateException("simulated crash after the SMTP server accepted the message");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(mail.receivedBy(email)).hasSize(1);
        assertThat(status(email)).isEqualTo("SENDING"); // not marked: the process "died"

        testClock.set(now.plus(EmailSender.LEASE).plusSeconds(1));
        sender.sendAllDue();
        sender.sendAllDue();

        // SMTP has no transactions: the one ambiguous message is sent again, under the same Message-ID, so the
        // receiving server can tell it is the same message; it is recorded once
        List<MimeMessage> received = mail.receivedBy(email);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getMessageID()).isEqualTo(received.get(0).getMessageID());
        assertThat(status(email)).isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id "
                + "WHERE c.email = ? AND a.type = 'EMAIL_SENT'", Integer.class, email)).isEqualTo(1);
    }

    @Test
    void twoSendersAtOnceSendEveryMessageExactlyOnce() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            emails.add(queueFor("GB"));
        }
        Callable<Integer> run = () -> sender.sendAllDue();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(run);
            var b = pool.submit(run);
            a.get();
            b.get();
        }
        for (String email : emails) {
            assertThat(mail.receivedBy(email)).as(email).hasSize(1);
            assertThat(status(email)).isEqualTo("SENT");
        }
    }

    @Test
    void aServerThatIsDownIsRetriedWithBackoffAndNothingIsLost() {
        String email = queueFor("GB");
        mail.stop();
        sender.sendAllDue();
        var row = jdbc.queryForMap("SELECT o.status, o.attempts, o.next_attempt_at, o.last_error FROM email_outbox o "
                + "JOIN contact c ON c.id = o.contact_id WHERE c.email = ?", email);
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(((Timestamp) row.get("next_attempt_at")).toInstant()).isAfter(now);
        assertThat(row.get("last_error")).isNotNull();

        mail = new TestMailServer(jdbc);
        sender.sendAllDue();
        assertThat(mail.receivedBy(email)).as("not before its backoff").isEmpty();
        testClock.set(now.plus(Duration.ofMinutes(2)));
        sender.sendAllDue();
        assertThat(mail.receivedBy(email)).hasSize(1);
        assertThat(status(email)).isEqualTo("SENT");
    }

    @Test
    void aContactSetToDoNotContactAfterQueueingIsNotMailed() {
        String email = queueFor("GB");
        jdbc.update("UPDATE contact SET do_not_contact = TRUE WHERE email = ?", email);
        sender.sendAllDue();
        assertThat(mail.receivedBy(email)).isEmpty();
        assertThat(status(email)).isEqualTo("SUPPRESSED");
    }
}
