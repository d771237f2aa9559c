package com.leadflow.cadence;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.messaging.EmailSender;
import com.leadflow.messaging.TestMailServer;
import com.leadflow.segment.MembershipReason;
import com.leadflow.segment.SegmentLiveEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Enrolment on segment entry, the materialised touches, their delivery over real SMTP, and the frequency cap. */
class TouchSchedulerTest extends AbstractIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired SegmentLiveEvaluator segments;
    @Autowired TouchScheduler scheduler;
    @Autowired EmailSender sender;
    @Autowired TouchService touches;

    private TestMailServer mail;
    private final List<Long> contacts = new ArrayList<>();
    private Instant t0;

    @BeforeEach
    void start() {
        mail = new TestMailServer(jdbc);
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.set(t0);
    }

    @AfterEach
    void cleanUp() {
        mail.close();
        contacts.forEach(id -> CadenceFixtures.delete(jdbc, id));
        jdbc.update("UPDATE cadence SET active = TRUE");
        jdbc.update("DELETE FROM notification WHERE kind = ?", TouchScheduler.NOTIFICATION_KIND);
    }

    private long contact(String email, String lifecycle, String status, int quietDays) {
        long id = CadenceFixtures.contact(jdbc, email, lifecycle, status, quietDays, "sam", t0);
        contacts.add(id);
        segments.reevaluate(id, MembershipReason.CONTACT_CHANGED, t0); // enters its segments, live
        return id;
    }

    private long cadence(String key) {
        return jdbc.queryForObject("SELECT id FROM cadence WHERE system_key = ?", Long.class, key);
    }

    /** Days pass: each day the scheduler runs, the outbox is delivered, and the owner does the due calls. */
    private void liveDays(long contactId, int days) {
        for (int day = 1; day <= days; day++) {
            testClock.set(t0.plus(Duration.ofDays(day)).plusSeconds(60));
            scheduler.runUntil(testClock.instant());
            sender.sendAllDue();
            as("sam", () -> {
                touches.myTasks(ZoneOffset.UTC).stream().filter(t -> t.contactId() == contactId)
                        .forEach(t -> touches.complete(t.id(), TaskOutcome.REACHED, "talked about the budget"));
                return null;
            });
        }
    }

    @Test
    void inactiveSqlContactIsEnrolledAndGetsAnEmailAMonthAndACallAQuarter() {
        String email = CadenceFixtures.uniqueEmail();
        long id = contact(email, "SQL", "OPEN", 120);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cadence_enrolment WHERE contact_id = ? AND cadence_id = ? "
                + "AND ended_at IS NULL", Integer.class, id, cadence("INACTIVE_SQL"))).isEqualTo(1);
        Timestamp next = jdbc.queryForObject("SELECT next_touch_at FROM contact WHERE id = ?", Timestamp.class, id);
        assertThat(next.toInstant()).isEqualTo(t0.plus(Duration.ofDays(1)));

        liveDays(id, 95);

        // day 1, then a month apart: four emails in 95 days, over SMTP
        assertThat(mail.receivedBy(email)).hasSize(4);
        List<Timestamp> emailDue = jdbc.queryForList("SELECT due_at FROM scheduled_touch WHERE contact_id = ? "
                + "AND kind = 'EMAIL' AND status = 'DONE' ORDER BY occurrence", Timestamp.class, id);
        LocalDateTime first = LocalDateTime.ofInstant(emailDue.getFirst().toInstant(), ZoneOffset.UTC);
        assertThat(emailDue).extracting(t -> LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC))
                .containsExactly(first, first.plusMonths(1), first.plusMonths(2), first.plusMonths(3));
        // the call on day 7 was done, with its outcome on the timeline; the next one is a quarter later
        List<Timestamp> calls = jdbc.queryForList("SELECT due_at FROM scheduled_touch WHERE contact_id = ? "
                + "AND kind = 'TASK' ORDER BY occurrence", Timestamp.class, id);
        assertThat(calls).hasSize(2);
        assertThat(LocalDateTime.ofInstant(calls.get(1).toInstant(), ZoneOffset.UTC))
                .isEqualTo(LocalDateTime.ofInstant(calls.get(0).toInstant(), ZoneOffset.UTC).plusMonths(3));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'CALL' "
                + "AND summary LIKE '%talked about the budget%'", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'EMAIL_SENT'",
                Integer.class, id)).isEqualTo(4);
        // sam heard about the call when it fell due
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification n JOIN app_user u ON u.id = n.user_id "
                + "WHERE u.username = 'sam' AND n.kind = ?", Integer.class, TouchScheduler.NOTIFICATION_KIND)).isPositive();
    }

    @Test
    void leavingTheSegmentCancelsFutureTouches() {
        String email = CadenceFixtures.uniqueEmail();
        long id = contact(email, "SQL", "OPEN", 120);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_touch WHERE contact_id = ? AND status = 'PLANNED'",
                Integer.class, id)).isEqualTo(2);

        // the contact becomes active again: out of the inactive-SQL segment, out of the cadence
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?", Timestamp.from(t0), id);
        segments.reevaluate(id, MembershipReason.CONTACT_CHANGED, t0);

        assertThat(jdbc.queryForObject("SELECT end_reason FROM cadence_enrolment WHERE contact_id = ?", String.class, id))
                .isEqualTo("LEFT_SEGMENT");
        assertThat(jdbc.queryForList("SELECT status FROM scheduled_touch WHERE contact_id = ?", String.class, id))
                .containsOnly("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT next_touch_at FROM contact WHERE id = ?", Timestamp.class, id)).isNull();
        liveDays(id, 40);
        assertThat(mail.receivedBy(email)).isEmpty();
    }

    @Test
    void doNotContactAndUnqualifiedContactsGetNoEmailUnderAnyDefaultCadence() {
        List<String> addresses = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        // one of each default segment's kind of contact, set to do-not-contact after enrolment
        for (String[] kind : new String[][]{{"SQL", "OPEN", "120"}, {"MQL", "OPEN", "90"}, {"SQL", "LOST", "100"}}) {
            String email = CadenceFixtures.uniqueEmail();
            long id = contact(email, kind[0], kind[1], Integer.parseInt(kind[2]));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cadence_enrolment WHERE contact_id = ?", Integer.class,
                    id)).as("enrolled first").isEqualTo(1);
            jdbc.update("UPDATE contact SET do_not_contact = TRUE, do_not_contact_reason = 'asked us' WHERE id = ?", id);
            addresses.add(email);
            ids.add(id);
        }
        // a do-not-contact contact from the start, and an unqualified one (a suppressed segment)
        String dnc = CadenceFixtures.uniqueEmail();
        long dncId = CadenceFixtures.contact(jdbc, dnc, "SQL", "OPEN", 120, "sam", t0);
        contacts.add(dncId);
        jdbc.update("UPDATE contact SET do_not_contact = TRUE WHERE id = ?", dncId);
        segments.reevaluate(dncId, MembershipReason.CONTACT_CHANGED, t0);
        addresses.add(dnc);
        String unqualified = CadenceFixtures.uniqueEmail();
        long unqualifiedId = contact(unqualified, "SQL", "UNQUALIFIED", 120);
        addresses.add(unqualified);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cadence_enrolment WHERE contact_id IN (?, ?)",
                Integer.class, dncId, unqualifiedId)).isZero();

        // 200 days of every default cadence (closed-lost starts after three months)
        for (int day = 1; day <= 200; day += 7) {
            testClock.set(t0.plus(Duration.ofDays(day)));
            scheduler.runUntil(testClock.instant());
            sender.sendAllDue();
        }
        for (String address : addresses) {
            assertThat(mail.receivedBy(address)).as(address).isEmpty();
        }
        // the three were let go by the backstop, with the reason
        for (long id : ids) {
            assertThat(jdbc.queryForObject("SELECT end_reason FROM cadence_enrolment WHERE contact_id = ?", String.class,
                    id)).isEqualTo("DO_NOT_CONTACT");
        }
    }

    @Test
    void frequencyCapLetsTheHigherPriorityEmailThroughAndShowsTheCollision() {
        String email = CadenceFixtures.uniqueEmail();
        long id = contact(email, "SQL", "OPEN", 120);
        // a second cadence on the same segment, lower priority, whose email falls on the same day
        long segment = jdbc.queryForObject("SELECT id FROM segment WHERE system_key = 'INACTIVE_SQL'", Long.class);
        long template = jdbc.queryForObject("SELECT id FROM email_template WHERE system_key = 'MONTHLY_CONTENT'", Long.class);
        CadenceForm extra = as("maria", () -> context().getBean(CadenceService.class).save(new CadenceForm(null, null,
                "Cap test " + id, null, segment, 90, true, List.of(new CadenceStep(null, StepKind.EMAIL, null,
                template, 1, IntervalUnit.DAYS, null, null, null)), 0)));
        try {
            // two emails due on day 1, and nothing else may go out within 7 days of the first
            liveDays(id, 8);

            assertThat(mail.receivedBy(email)).hasSize(1);
            var loser = jdbc.queryForMap("SELECT status, status_reason, collided_with_id FROM scheduled_touch "
                    + "WHERE contact_id = ? AND cadence_id = ?", id, extra.id());
            assertThat(loser.get("status")).isEqualTo("SKIPPED");
            assertThat(loser.get("status_reason")).isEqualTo("FREQUENCY_CAP");
            Long winner = ((Number) loser.get("collided_with_id")).longValue();
            assertThat(jdbc.queryForObject("SELECT cadence_id FROM scheduled_touch WHERE id = ?", Long.class, winner))
                    .isEqualTo(cadence("INACTIVE_SQL"));
            // the calendar names the cadence it lost to
            TouchItem shown = as("maria", () -> touches.dayItems(CalendarFilter.all(),
                    LocalDateTime.ofInstant(t0.plus(Duration.ofDays(1)), ZoneOffset.UTC).toLocalDate(), ZoneOffset.UTC,
                    0, 500)).stream().filter(t -> t.contactId() == id && t.cadenceId() == extra.id()).findFirst()
                    .orElseThrow();
            assertThat(shown.collidedWithCadence()).startsWith("Inactive SQLs");
        } finally {
            contacts.forEach(c -> CadenceFixtures.delete(jdbc, c));
            contacts.clear();
            jdbc.update("DELETE FROM cadence WHERE id = ?", extra.id());
        }
    }

    private org.springframework.context.ApplicationContext context() {
        return applicationContext;
    }

    @Autowired org.springframework.context.ApplicationContext applicationContext;
}
