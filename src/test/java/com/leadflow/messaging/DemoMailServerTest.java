package com.leadflow.messaging;

import com.leadflow.AbstractIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode's in-process SMTP server: with no server configured the outbox delivers to it over real SMTP, and the
 * send log shows each message as the server received it; spring.mail.* and Mail settings take precedence.
 */
class DemoMailServerTest extends AbstractIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired EmailSender sender;
    @Autowired DemoMailServer demo;
    @Autowired SentMailService sentMail;

    private long contactId;
    private String email;

    @BeforeEach
    void queueAMessageForAContactOfSam() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.set(now);
        email = "demo-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        Timestamp at = Timestamp.from(now);
        jdbc.update("UPDATE app_user SET email_signature = 'Sam Seller\nTeam North' WHERE username = 'sam'");
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, email, company, country, owner_id, team_id, created_at, updated_at)
                SELECT 'Dora', 'Demo', ?, 'Demo Ltd', 'GB', u.id, u.team_id, ?, ? FROM app_user u WHERE u.username = 'sam'""",
                email, at, at);
        contactId = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        jdbc.update("INSERT INTO email_outbox (idempotency_key, contact_id, template_id, status, next_attempt_at, created_at) "
                + "SELECT ?, ?, id, 'PENDING', ?, ? FROM email_template WHERE system_key = 'MONTHLY_CONTENT'",
                "demo-test-" + UUID.randomUUID(), contactId, at, at);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("UPDATE app_user SET email_signature = NULL WHERE username = 'sam'");
        jdbc.update("DELETE FROM email_outbox WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM contact WHERE id = ?", contactId);
    }

    @Test
    void withoutAConfiguredServerTheOutboxDeliversToTheDemoServerAndTheSendLogShowsWhatItReceived() {
        assertThat(demo.running()).as("demo mode without spring.mail.host").isTrue();
        assertThat(jdbc.queryForObject("SELECT smtp_host FROM messaging_settings WHERE id = 1", String.class)).isNull();

        sender.sendAllDue();

        var row = jdbc.queryForMap("SELECT id, status, transport, idempotency_key FROM email_outbox WHERE contact_id = ?",
                contactId);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("transport")).isEqualTo(DeliveryTarget.DEMO_SMTP);
        long outboxId = ((Number) row.get("id")).longValue();
        var copies = as("maria", () -> sentMail.receivedCopies(outboxId));
        assertThat(copies).singleElement().satisfies(copy -> {
            assertThat(copy.envelopeTo()).isEqualTo(email);
            assertThat(copy.messageId()).isEqualTo("<" + row.get("idempotency_key") + "@leadflow>");
            assertThat(copy.subject()).startsWith("Dora");
            // the raw message as it crossed SMTP: headers, both MIME parts, the owner's signature
            assertThat(copy.source()).contains("Message-ID: <" + row.get("idempotency_key") + "@leadflow>")
                    .contains("multipart/alternative");
            assertThat(plainText(copy.source())).contains("Dora").contains("Sam Seller\nTeam North");
        });
        var mode = as("maria", () -> sentMail.deliveryMode());
        assertThat(mode.demo()).isTrue();
        assertThat(mode.server()).isEqualTo("127.0.0.1:" + demo.port());
        assertThat(mode.demoReceived()).isPositive();
    }

    /** The text/plain part of a raw message, decoded. */
    private static String plainText(String source) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)));
        return find(message).replace("\r\n", "\n");
    }

    private static String find(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = find(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    @Test
    void mailSettingsWinOverSpringMailWhichWinsOverTheDemoServer() {
        MessagingSettings none = new MessagingSettings(null, null, null, null, false, "news@example.com", "Leadflow",
                7, 1);
        MockEnvironment production = new MockEnvironment().withProperty("spring.mail.host", "smtp.example.com")
                .withProperty("spring.mail.port", "587").withProperty("spring.mail.username", "mailer")
                .withProperty("spring.mail.password", "secret")
                .withProperty("spring.mail.properties.mail.smtp.starttls.enable", "true");
        DemoMailServer off = new DemoMailServer(production, Clock.systemUTC(), true, 0);
        assertThat(off.running()).as("spring.mail.host switches the demo server off").isFalse();
        DeliveryTarget springMail = new DeliveryTarget(production, off);
        MessagingSettings resolved = springMail.resolve(none);
        assertThat(resolved.smtpHost()).isEqualTo("smtp.example.com");
        assertThat(resolved.smtpPort()).isEqualTo(587);
        assertThat(resolved.smtpUsername()).isEqualTo("mailer");
        assertThat(resolved.smtpStartTls()).isTrue();
        assertThat(springMail.transport(none)).isEqualTo(DeliveryTarget.SMTP);

        MessagingSettings admin = none.withSmtp("mail.internal", 25);
        assertThat(springMail.resolve(admin).smtpHost()).isEqualTo("mail.internal");

        MockEnvironment plain = new MockEnvironment();
        DemoMailServer demoOff = new DemoMailServer(plain, Clock.systemUTC(), false, 0);
        assertThat(demoOff.running()).as("demo mode off").isFalse();
        DeliveryTarget nothing = new DeliveryTarget(plain, demoOff);
        assertThat(nothing.resolve(none).smtpConfigured()).isFalse();
        assertThat(nothing.transport(none)).isEqualTo(DeliveryTarget.CAPTURED);
        assertThat(new DeliveryTarget(plain, demo).transport(none)).isEqualTo(DeliveryTarget.DEMO_SMTP);
    }
}
