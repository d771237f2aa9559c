package com.leadflow.messaging;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.ingest.ApiKeyService;
import com.leadflow.ingest.ApiScope;
import com.leadflow.ingest.CreatedApiKey;
import com.leadflow.segment.MembershipReason;
import com.leadflow.segment.SegmentLiveEvaluator;
import com.leadflow.timeline.ContactReevaluationQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounces and replies reported by a mail system through the real ingestion API (HTTP, API key). */
class BounceAndReplyApiTest extends AbstractIntegrationTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApiKeyService keys;
    @Autowired SuppressionService suppression;
    @Autowired SegmentLiveEvaluator segments;
    @Autowired ContactReevaluationQueue reevaluation;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Long> contacts = new ArrayList<>();
    private final List<Long> keyIds = new ArrayList<>();
    private String key;

    @BeforeEach
    void createKey() {
        key = key(EnumSet.of(ApiScope.EVENTS));
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        // ingested events re-evaluate their contacts in the background: let that finish before deleting them
        assertThat(reevaluation.awaitIdle(Duration.ofSeconds(30))).isTrue();
        for (long id : contacts) {
            jdbc.update("DELETE FROM email_suppression WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM email_outbox WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM scheduled_touch WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM cadence_enrolment WHERE contact_id = ?", id);
            jdbc.update("UPDATE segment s SET member_count = GREATEST(member_count - 1, 0) WHERE EXISTS "
                    + "(SELECT 1 FROM segment_member m WHERE m.segment_id = s.id AND m.contact_id = ?)", id);
            jdbc.update("DELETE FROM contact WHERE id = ?", id);
        }
        for (long id : keyIds) {
            jdbc.update("DELETE FROM api_key WHERE id = ?", id);
        }
    }

    private String key(EnumSet<ApiScope> scopes) {
        CreatedApiKey created = as("admin", () -> keys.create("bounce test " + UUID.randomUUID(), scopes, 600));
        keyIds.add(created.key().id());
        return created.secret();
    }

    /** An inactive SQL, enrolled in the default inactive-SQL cadence by the live segment path. */
    private long enrolledContact(String email) {
        Instant now = Instant.now();
        Timestamp quiet = Timestamp.from(now.minus(Duration.ofDays(150)));
        jdbc.update("INSERT INTO contact (first_name, last_name, email, country, lifecycle_stage, status, created_at, "
                + "updated_at, last_activity_at) VALUES ('Bea', 'Bounce', ?, 'GB', 'SQL', 'OPEN', ?, ?, ?)",
                email, quiet, quiet, quiet);
        long id = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        contacts.add(id);
        segments.reevaluate(id, MembershipReason.CONTACT_CHANGED, now);
        assertThat(openEnrolments(id)).as("enrolled before the event").isEqualTo(1);
        return id;
    }

    private static String uniqueEmail() {
        return "br-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private int openEnrolments(long contactId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cadence_enrolment WHERE contact_id = ? AND ended_at IS NULL",
                Integer.class, contactId);
    }

    private int entries(long contactId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = ?", Integer.class,
                contactId, type);
    }

    private HttpResponse<String> post(String apiKey, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHardBounceSetsDoNotContactBouncedEndsEveryCadenceAndShowsOnTimelineAndSuppressionList() throws Exception {
        String email = uniqueEmail();
        long id = enrolledContact(email);
        // a message already queued for this contact must not go out after the bounce
        jdbc.update("INSERT INTO email_outbox (idempotency_key, touch_id, contact_id, template_id, status, "
                + "next_attempt_at, created_at) SELECT CONCAT('touch-', t.id), t.id, t.contact_id, s.template_id, "
                + "'PENDING', NOW(), NOW() FROM scheduled_touch t JOIN cadence_step s ON s.id = t.step_id "
                + "WHERE t.contact_id = ? AND t.kind = 'EMAIL'", id);

        HttpResponse<String> response = post(key, """
                {"type": "EMAIL_BOUNCED", "email": "%s", "eventId": "bounce-1",
                 "attributes": {"diagnostic": "550 5.1.1 user unknown", "campaign": "Monthly"}}""".formatted(email));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var contact = jdbc.queryForMap("SELECT do_not_contact, do_not_contact_reason, do_not_contact_at, next_touch_at "
                + "FROM contact WHERE id = ?", id);
        assertThat(contact.get("do_not_contact")).isEqualTo(true);
        assertThat((String) contact.get("do_not_contact_reason")).isEqualTo("bounced: 550 5.1.1 user unknown");
        assertThat(contact.get("do_not_contact_at")).isNotNull();
        assertThat(contact.get("next_touch_at")).isNull();
        assertThat(openEnrolments(id)).isZero();
        assertThat(jdbc.queryForObject("SELECT end_reason FROM cadence_enrolment WHERE contact_id = ?", String.class, id))
                .isEqualTo("DO_NOT_CONTACT");
        assertThat(jdbc.queryForList("SELECT status FROM scheduled_touch WHERE contact_id = ?", String.class, id))
                .containsOnly("CANCELLED");
        assertThat(jdbc.queryForList("SELECT status FROM email_outbox WHERE contact_id = ?", String.class, id))
                .containsOnly("SUPPRESSED");
        assertThat(entries(id, "EMAIL_BOUNCED")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT summary FROM activity WHERE contact_id = ? AND type = 'EMAIL_BOUNCED'",
                String.class, id)).isEqualTo("Hard bounce: 550 5.1.1 user unknown");
        assertThat(entries(id, "CONSENT_CHANGE")).isEqualTo(1);
        assertThat(as("maria", () -> suppression.list(email, SuppressionReason.BOUNCED, 0, 10))).singleElement()
                .satisfies(s -> {
                    assertThat(s.contactId()).isEqualTo(id);
                    assertThat(s.detail()).isEqualTo("550 5.1.1 user unknown");
                    assertThat(s.since()).isNotNull();
                });

        // the mail system retries its webhook: the same event is a duplicate and changes nothing
        HttpResponse<String> again = post(key, """
                {"type": "EMAIL_BOUNCED", "email": "%s", "eventId": "bounce-1",
                 "attributes": {"diagnostic": "550 5.1.1 user unknown"}}""".formatted(email));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicates\":1");
        assertThat(entries(id, "EMAIL_BOUNCED")).isEqualTo(1);
        assertThat(entries(id, "CONSENT_CHANGE")).isEqualTo(1);
    }

    @Test
    void aSoftBounceIsRecordedButSuppressesNothing() throws Exception {
        String email = uniqueEmail();
        long id = enrolledContact(email);

        HttpResponse<String> response = post(key, """
                {"type": "EMAIL_BOUNCED", "contactId": %d,
                 "attributes": {"bounceType": "SOFT", "diagnostic": "452 mailbox full"}}""".formatted(id));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(entries(id, "EMAIL_BOUNCED")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id)).isFalse();
        assertThat(openEnrolments(id)).isEqualTo(1);
        assertThat(as("maria", () -> suppression.count(email, null))).isZero();
    }

    @Test
    void aReplyEndsTheContactsCadencesAndShowsOnTheTimelineWithoutSuppressingThem() throws Exception {
        String email = uniqueEmail();
        long id = enrolledContact(email);

        HttpResponse<String> response = post(key, """
                {"events": [{"type": "EMAIL_REPLY", "email": "%s", "attributes": {"subject": "Re: this month"}}]}"""
                .formatted(email.toUpperCase()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(openEnrolments(id)).isZero();
        assertThat(jdbc.queryForObject("SELECT end_reason FROM cadence_enrolment WHERE contact_id = ?", String.class, id))
                .isEqualTo("REPLIED");
        assertThat(jdbc.queryForList("SELECT status FROM scheduled_touch WHERE contact_id = ?", String.class, id))
                .containsOnly("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT summary FROM activity WHERE contact_id = ? AND type = 'EMAIL_REPLY'",
                String.class, id)).isEqualTo("Replied to “Re: this month”");
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id)).isFalse();
    }

    @Test
    void bouncesAndRepliesForUnknownAddressesOrWithBadAttributesAreRefusedAndWriteNothing() throws Exception {
        String known = uniqueEmail();
        long id = enrolledContact(known);
        String mayCreate = key(EnumSet.of(ApiScope.EVENTS, ApiScope.CREATE_CONTACTS));
        String stranger = uniqueEmail();

        HttpResponse<String> response = post(mayCreate, """
                {"events": [
                  {"type": "EMAIL_BOUNCED", "email": "%s"},
                  {"type": "EMAIL_REPLY", "email": "%s"},
                  {"type": "EMAIL_BOUNCED", "email": "%s", "attributes": {"bounceType": "sometimes"}},
                  {"type": "EMAIL_OPEN", "email": "%s", "attributes": {"campaign": "x", "bounceType": "hard"}}
                ]}""".formatted(stranger, stranger, known, known));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("events[0].email").contains("events[1].email")
                .contains("never create contacts").contains("events[2].attributes.bounceType")
                .contains("events[3].attributes.bounceType");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE email = ?", Integer.class, stranger)).isZero();
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id)).isFalse();
        assertThat(entries(id, "EMAIL_BOUNCED")).isZero();
        assertThat(openEnrolments(id)).isEqualTo(1);
    }
}
