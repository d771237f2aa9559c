package com.leadflow.messaging;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.segment.MembershipReason;
import com.leadflow.segment.SegmentLiveEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Unsubscribe links and bounces: do-not-contact with reason and date, out of every cadence, on the list. */
class SuppressionServiceTest extends AbstractIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired SuppressionService suppression;
    @Autowired UnsubscribeTokens tokens;
    @Autowired SegmentLiveEvaluator segments;

    private final List<Long> contacts = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (long id : contacts) {
            jdbc.update("DELETE FROM email_suppression WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM scheduled_touch WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM cadence_enrolment WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM contact WHERE id = ?", id);
        }
    }

    /** An inactive SQL, enrolled in the default cadence. */
    private long enrolledContact(String email, String country) {
        Instant now = Instant.now();
        Timestamp quiet = Timestamp.from(now.minus(Duration.ofDays(150)));
        jdbc.update("INSERT INTO contact (first_name, last_name, email, country, lifecycle_stage, status, created_at, "
                + "updated_at, last_activity_at) VALUES ('Uma', 'Unsub', ?, ?, 'SQL', 'OPEN', ?, ?, ?)",
                email, country, quiet, quiet, quiet);
        long id = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        contacts.add(id);
        segments.reevaluate(id, MembershipReason.CONTACT_CHANGED, now);
        return id;
    }

    @Test
    void theUnsubscribeLinkSetsDoNotContactEndsEveryCadenceAndShowsOnTheTimeline() {
        String email = "uns-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        long id = enrolledContact(email, "RU");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cadence_enrolment WHERE contact_id = ? AND ended_at IS NULL",
                Integer.class, id)).isEqualTo(1);
        String token = tokens.token(id);

        UnsubscribeRequest request = suppression.describe(token).orElseThrow();
        assertThat(request.language().getLanguage()).isEqualTo("ru");
        assertThat(request.maskedEmail()).startsWith("u***@").doesNotContain("uns-");
        assertThat(suppression.unsubscribe(token)).isTrue();

        var contact = jdbc.queryForMap("SELECT do_not_contact, do_not_contact_reason, do_not_contact_at, next_touch_at "
                + "FROM contact WHERE id = ?", id);
        assertThat(contact.get("do_not_contact")).isEqualTo(true);
        assertThat(contact.get("do_not_contact_reason")).isEqualTo("unsubscribed");
        assertThat(contact.get("do_not_contact_at")).isNotNull();
        assertThat(contact.get("next_touch_at")).isNull();
        assertThat(jdbc.queryForObject("SELECT end_reason FROM cadence_enrolment WHERE contact_id = ?", String.class, id))
                .isEqualTo("DO_NOT_CONTACT");
        assertThat(jdbc.queryForList("SELECT status FROM scheduled_touch WHERE contact_id = ?", String.class, id))
                .containsOnly("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'CONSENT_CHANGE'",
                Integer.class, id)).isEqualTo(1);
        assertThat(suppression.describe(token).orElseThrow().alreadyUnsubscribed()).isTrue();
        assertThat(as("maria", () -> suppression.list(email, null, 0, 10)))
                .singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED));
    }

    @Test
    void aForgedOrDamagedLinkChangesNothing() {
        String email = "forge-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        long id = enrolledContact(email, "GB");
        String token = tokens.token(id);
        String forged = (id + 1) + token.substring(token.indexOf('.'));
        assertThat(suppression.describe(forged)).isEmpty();
        assertThat(suppression.unsubscribe(forged)).isFalse();
        assertThat(suppression.unsubscribe("garbage")).isFalse();
        char last = token.charAt(token.length() - 1);
        assertThat(suppression.unsubscribe(token.substring(0, token.length() - 1) + (last == 'x' ? 'y' : 'x'))).isFalse();
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id)).isFalse();
    }

    @Test
    void aBounceSuppressesTheAddressWithReasonBouncedAndTheListExportsIt() {
        String email = "bounce-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        long id = enrolledContact(email, "GB");
        assertThat(suppression.recordBounce(email, "550 mailbox unavailable")).isTrue();
        assertThat(suppression.recordBounce("nobody-" + UUID.randomUUID() + "@example.com", "550")).isFalse();

        assertThat(jdbc.queryForObject("SELECT do_not_contact_reason FROM contact WHERE id = ?", String.class, id))
                .isEqualTo("bounced: 550 mailbox unavailable");
        assertThat(jdbc.queryForObject("SELECT end_reason FROM cadence_enrolment WHERE contact_id = ?", String.class, id))
                .isEqualTo("DO_NOT_CONTACT");
        StringWriter csv = new StringWriter();
        as("maria", () -> {
            suppression.exportCsv(email, SuppressionReason.BOUNCED, csv);
            return null;
        });
        assertThat(csv.toString()).contains(email).contains("BOUNCED").contains("550 mailbox unavailable");
    }
}
