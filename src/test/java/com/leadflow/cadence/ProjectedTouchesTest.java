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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The week view's projected repeats: a step's later occurrences appear, marked projected, in the week the
 * scheduler will plan them, and once the touch before is done the planned row takes the projection's place.
 */
class ProjectedTouchesTest extends AbstractIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired SegmentLiveEvaluator segments;
    @Autowired TouchScheduler scheduler;
    @Autowired TouchService touches;
    @Autowired EmailSender sender;

    private TestMailServer mail;
    private long contactId;
    private Instant t0;

    @BeforeEach
    void start() {
        mail = new TestMailServer(jdbc);
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.set(t0);
        // an inactive SQL: a monthly email from tomorrow, a quarterly call (decision 012's default cadence)
        contactId = CadenceFixtures.contact(jdbc, CadenceFixtures.uniqueEmail(), "SQL", "OPEN", 120, "sam", t0);
        segments.reevaluate(contactId, MembershipReason.CONTACT_CHANGED, t0);
    }

    @AfterEach
    void cleanUp() {
        mail.close();
        CadenceFixtures.delete(jdbc, contactId);
    }

    private List<TouchItem> projectedInWeekOf(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        CalendarFilter mine = new CalendarFilter(OwnerScope.MINE, null, null, null, null);
        return as("sam", () -> touches.projected(mine, monday, monday.plusDays(6), ZoneOffset.UTC, 12)).items()
                .values().stream().flatMap(List::stream).filter(t -> t.contactId() == contactId).toList();
    }

    @Test
    void laterRepeatsAreProjectedWhereTheSchedulerWillPlanThem() {
        Timestamp firstEmail = jdbc.queryForObject("SELECT due_at FROM scheduled_touch WHERE contact_id = ? "
                + "AND kind = 'EMAIL' AND status = 'PLANNED'", Timestamp.class, contactId);
        long openEmail = jdbc.queryForObject("SELECT id FROM scheduled_touch WHERE contact_id = ? AND kind = 'EMAIL'",
                Long.class, contactId);
        LocalDateTime first = LocalDateTime.ofInstant(firstEmail.toInstant(), ZoneOffset.UTC);
        Instant secondAt = first.plusMonths(1).toInstant(ZoneOffset.UTC);
        Instant thirdAt = first.plusMonths(2).toInstant(ZoneOffset.UTC);

        // two and three months ahead: the second and third emails are projected from the first, which is planned
        List<TouchItem> second = projectedInWeekOf(LocalDate.ofInstant(secondAt, ZoneOffset.UTC));
        assertThat(second).filteredOn(t -> t.kind() == StepKind.EMAIL).singleElement().satisfies(t -> {
            assertThat(t.dueAt()).isEqualTo(secondAt);
            assertThat(t.status()).isEqualTo(TouchStatus.PROJECTED);
            assertThat(t.id()).isEqualTo(openEmail);
        });
        assertThat(projectedInWeekOf(LocalDate.ofInstant(thirdAt, ZoneOffset.UTC)))
                .filteredOn(t -> t.kind() == StepKind.EMAIL).extracting(TouchItem::dueAt).containsExactly(thirdAt);
        // the planned touch itself is not projected again
        assertThat(projectedInWeekOf(LocalDate.ofInstant(firstEmail.toInstant(), ZoneOffset.UTC)))
                .filteredOn(t -> t.kind() == StepKind.EMAIL).isEmpty();

        // the first email goes out: the second is planned exactly where it was projected, and is no longer projected
        testClock.set(t0.plus(Duration.ofDays(2)));
        scheduler.runUntil(testClock.instant());
        sender.sendAllDue();
        scheduler.runUntil(testClock.instant());
        assertThat(jdbc.queryForList("SELECT due_at FROM scheduled_touch WHERE contact_id = ? AND kind = 'EMAIL' "
                + "AND status = 'PLANNED'", Timestamp.class, contactId)).extracting(Timestamp::toInstant)
                .containsExactly(secondAt);
        assertThat(projectedInWeekOf(LocalDate.ofInstant(secondAt, ZoneOffset.UTC)))
                .filteredOn(t -> t.kind() == StepKind.EMAIL).isEmpty();
        assertThat(projectedInWeekOf(LocalDate.ofInstant(thirdAt, ZoneOffset.UTC)))
                .filteredOn(t -> t.kind() == StepKind.EMAIL).extracting(TouchItem::dueAt).containsExactly(thirdAt);

        // nothing is projected into the past, and nothing once the contact left the cadence
        assertThat(projectedInWeekOf(LocalDate.ofInstant(t0, ZoneOffset.UTC).minusWeeks(5))).isEmpty();
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?", Timestamp.from(testClock.instant()), contactId);
        segments.reevaluate(contactId, MembershipReason.CONTACT_CHANGED, testClock.instant());
        assertThat(projectedInWeekOf(LocalDate.ofInstant(thirdAt, ZoneOffset.UTC))).isEmpty();
    }
}
