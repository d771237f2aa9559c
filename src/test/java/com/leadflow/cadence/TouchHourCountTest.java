package com.leadflow.cadence;

import com.leadflow.AbstractIntegrationTest;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar's pre-aggregated hourly counts ({@code touch_hour_count}, kept by triggers) agree with the touches
 * themselves after every kind of write — enrolment, the scheduler, complete, skip, reschedule, an owner change,
 * leaving the cadence, and deletions that cascade — and the calendar's day counts agree with counting the touches.
 */
class TouchHourCountTest extends AbstractIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired SegmentLiveEvaluator segments;
    @Autowired TouchScheduler scheduler;
    @Autowired TouchService touches;

    private final List<Long> contacts = new ArrayList<>();
    private Instant t0;

    @BeforeEach
    void start() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.set(t0);
    }

    @AfterEach
    void cleanUp() {
        contacts.forEach(id -> CadenceFixtures.delete(jdbc, id));
    }

    private long contact(String lifecycle, String status, int quietDays, String owner) {
        long id = CadenceFixtures.contact(jdbc, CadenceFixtures.uniqueEmail(), lifecycle, status, quietDays, owner, t0);
        contacts.add(id);
        segments.reevaluate(id, MembershipReason.CONTACT_CHANGED, t0);
        return id;
    }

    /** Every non-zero hourly count equals the count of the touches it stands for, and nothing is missing. */
    private void assertCountsAgreeWithTouches(String after) {
        List<String> live = jdbc.queryForList("SELECT CONCAT_WS('|', DATE_FORMAT(due_at, '%Y-%m-%d %H'), "
                + "IFNULL(team_id, 0), IFNULL(owner_id, 0), cadence_id, kind, COUNT(*)) FROM scheduled_touch "
                + "WHERE status <> 'CANCELLED' GROUP BY DATE_FORMAT(due_at, '%Y-%m-%d %H'), IFNULL(team_id, 0), "
                + "IFNULL(owner_id, 0), cadence_id, kind", String.class);
        List<String> kept = jdbc.queryForList("SELECT CONCAT_WS('|', DATE_FORMAT(hour_start, '%Y-%m-%d %H'), team_id, "
                + "owner_id, cadence_id, kind, touches) FROM touch_hour_count WHERE touches <> 0", String.class);
        assertThat(kept).as("hourly counts after " + after).containsExactlyInAnyOrderElementsOf(live);
    }

    /** The calendar's counts (from the hourly table) equal counting the touches, for the filters people use. */
    private void assertDayCountsAgree(ZoneId zone, LocalDate from, LocalDate to) {
        long northTeam = jdbc.queryForObject("SELECT team_id FROM app_user WHERE username = 'sam'", Long.class);
        long cadence = jdbc.queryForObject("SELECT id FROM cadence WHERE system_key = 'INACTIVE_SQL'", Long.class);
        long segment = jdbc.queryForObject("SELECT segment_id FROM cadence WHERE id = ?", Long.class, cadence);
        for (CalendarFilter filter : List.of(
                CalendarFilter.all(),
                new CalendarFilter(OwnerScope.ALL, northTeam, null, null, null),
                new CalendarFilter(OwnerScope.TEAM, null, null, null, StepKind.TASK),
                new CalendarFilter(OwnerScope.MINE, null, null, null, null),
                new CalendarFilter(OwnerScope.MINE, null, null, null, StepKind.EMAIL),
                new CalendarFilter(OwnerScope.ALL, null, cadence, null, null),
                new CalendarFilter(OwnerScope.ALL, null, null, segment, StepKind.TASK))) {
            as("sam", () -> {
                assertThat(touches.dayCounts(filter, from, to, zone)).as(filter + " in " + zone)
                        .isEqualTo(touches.countTouches(filter, from, to, zone));
                return null;
            });
        }
    }

    @Test
    void hourlyCountsFollowEveryWriteToTheTouches() {
        long sams = contact("SQL", "OPEN", 120, "sam");      // inactive SQL: a monthly email and a quarterly call
        long peters = contact("MQL", "OPEN", 90, "peter");   // dormant MQL, another team
        long unowned = contact("SQL", "OPEN", 120, "sam");
        jdbc.update("UPDATE scheduled_touch SET owner_id = NULL, team_id = NULL WHERE contact_id = ?", unowned);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_touch WHERE contact_id IN (?, ?, ?)",
                Integer.class, sams, peters, unowned)).isGreaterThanOrEqualTo(4);
        assertCountsAgreeWithTouches("enrolment");

        // the scheduler over ten days: due, emails queued or skipped, next occurrences planned
        for (int day = 1; day <= 10; day++) {
            testClock.set(t0.plus(Duration.ofDays(day)).plusSeconds(60));
            scheduler.runUntil(testClock.instant());
        }
        assertCountsAgreeWithTouches("the scheduler");

        // a rep moves a call three days on, completes another, skips a third
        TouchItem call = as("sam", () -> touches.myTasks(ZoneOffset.UTC)).stream()
                .filter(t -> t.contactId() == sams).findFirst().orElseThrow();
        LocalDate today = LocalDate.ofInstant(testClock.instant(), ZoneOffset.UTC);
        as("sam", () -> touches.reschedule(call.id(), today.plusDays(3), ZoneOffset.UTC, call.version()));
        assertCountsAgreeWithTouches("reschedule");
        as("sam", () -> {
            touches.complete(call.id(), TaskOutcome.REACHED, null);
            return null;
        });
        assertCountsAgreeWithTouches("complete");
        long open = jdbc.queryForObject("SELECT MIN(id) FROM scheduled_touch WHERE contact_id = ? "
                + "AND status IN ('PLANNED', 'DUE')", Long.class, sams);
        as("sam", () -> {
            touches.skip(open, "on holiday");
            return null;
        });
        assertCountsAgreeWithTouches("skip");

        // a new owner in another team, then the contact leaves the cadence (its touches are cancelled)
        jdbc.update("UPDATE scheduled_touch t JOIN app_user u ON u.username = 'lisa' SET t.owner_id = u.id, "
                + "t.team_id = u.team_id WHERE t.contact_id = ? AND t.status IN ('PLANNED', 'DUE')", peters);
        assertCountsAgreeWithTouches("an owner change");
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?", Timestamp.from(testClock.instant()), sams);
        segments.reevaluate(sams, MembershipReason.CONTACT_CHANGED, testClock.instant());
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM scheduled_touch WHERE contact_id = ? AND status "
                + "IN ('PLANNED', 'DUE', 'CANCELLED')", String.class, sams)).containsExactly("CANCELLED");
        assertCountsAgreeWithTouches("leaving the cadence");

        // the calendar agrees with counting, in whole-hour zones and (by falling back) in a half-hour one
        LocalDate from = today.minusDays(14);
        LocalDate to = today.plusDays(120);
        for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("Europe/Moscow"), ZoneId.of("Asia/Kolkata"))) {
            assertDayCountsAgree(zone, from, to);
        }

        // a deletion that cascades to the touches fires no trigger on them: the contact takes them out first
        jdbc.update("DELETE FROM email_outbox WHERE contact_id = ?", unowned);
        jdbc.update("DELETE FROM contact WHERE id = ?", unowned);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_touch WHERE contact_id = ?", Integer.class, unowned))
                .isZero();
        assertCountsAgreeWithTouches("deleting a contact");
    }

    @Test
    void onlyZonesWithWholeHourOffsetsReadTheHourlyCounts() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Instant end = Instant.parse("2026-04-15T00:00:00Z");
        assertThat(TouchService.wholeHourOffsets(ZoneOffset.UTC, start, end)).isTrue();
        assertThat(TouchService.wholeHourOffsets(ZoneId.of("Europe/Berlin"), start, end)).isTrue(); // DST inside
        assertThat(TouchService.wholeHourOffsets(ZoneId.of("Asia/Kolkata"), start, end)).isFalse();
        assertThat(TouchService.wholeHourOffsets(ZoneId.of("Australia/Lord_Howe"), start, end)).isFalse();
    }
}
