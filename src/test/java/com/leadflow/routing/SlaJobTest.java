package com.leadflow.routing;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlaJobTest extends AbstractIntegrationTest {

    static final Instant MONDAY_10 = RouterTest.MONDAY_10;

    @Autowired
    Router router;
    @Autowired
    SlaJob job;
    @Autowired
    RoutingService routing;
    @Autowired
    TimelineService timeline;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    RoutingTestSupport data;

    @BeforeEach
    void setUp() {
        data = new RoutingTestSupport(jdbc);
        data.cleanUp();
        authenticate("admin"); // reads through the service; the job itself runs as the system
    }

    @AfterEach
    void tearDown() {
        jdbc.update("DELETE FROM notification WHERE message_key LIKE 'routing.%' AND contact_id = ?", contactId);
        data.cleanUp();
        clearAuthentication();
    }

    private long routedLead(int slaMinutes, boolean reroute) {
        data.defaultTarget(data.teamId("North"));
        jdbc.update("UPDATE routing_rule SET sla_minutes = ?, reroute_on_breach = ? WHERE is_default", slaMinutes,
                reroute);
        testClock.set(MONDAY_10);
        long id = data.contacts(1, "DE", "Berlin").getFirst();
        router.route(List.of(id), RoutingCause.CREATED, null);
        contactId = id;
        return id;
    }

    private void log(long contactId, ActivityType type, String username) {
        Runnable write = () -> transactions.executeWithoutResult(
                tx -> timeline.recordChange(contactId, type, "logged", null));
        if (username == null) { // the system, e.g. a cadence's automated email
            var before = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            clearAuthentication();
            write.run();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(before);
        } else {
            as(username, () -> {
                write.run();
                return null;
            });
        }
    }

    @Test
    void theClockRunsInWorkingTimeAndStopsAtTheFirstContactByAPerson() {
        long id = routedLead(30, false);
        SlaClock clock = routing.latestClock(id).orElseThrow();
        assertThat(clock.startedAt()).isEqualTo(MONDAY_10);
        assertThat(clock.dueAt()).isEqualTo(MONDAY_10.plusSeconds(30 * 60));
        assertThat(jdbc.queryForObject("SELECT sla_due_at FROM contact WHERE id = ?", java.time.LocalDateTime.class, id))
                .isEqualTo(java.time.LocalDateTime.parse("2026-11-23T10:30:00"));

        log(id, ActivityType.EMAIL_SENT, null); // an automated email
        log(id, ActivityType.NOTE, "sam"); // a note is not a contact
        assertThat(routing.latestClock(id).orElseThrow().running()).isTrue();

        testClock.set(MONDAY_10.plusSeconds(600));
        log(id, ActivityType.CALL, "olga");
        SlaClock stopped = routing.latestClock(id).orElseThrow();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.stoppedAt()).isNotNull();
        assertThat(stopped.metTarget()).isTrue();
        assertThat(jdbc.queryForObject("SELECT sla_due_at FROM contact WHERE id = ?", java.time.LocalDateTime.class, id))
                .isNull();

        testClock.set(MONDAY_10.plusSeconds(3600));
        job.run();
        assertThat(routing.latestClock(id).orElseThrow().breachedAt()).as("a stopped clock never breaches").isNull();
    }

    @Test
    void nearBreachWarnsTheOwnerAndBreachEscalatesToTheManagerAndReroutes() {
        long manager = data.userId("erik");
        jdbc.update("INSERT INTO routing_team (team_id, manager_user_id) VALUES (?, ?)", data.teamId("North"), manager);
        long id = routedLead(30, true);
        long owner = data.owner(id);

        // (the scheduled run may do the work first: the assertions look at what was written, not at who wrote it)
        testClock.set(MONDAY_10.plusSeconds(20 * 60));
        job.run();
        assertThat(notifications(owner, "routing.notify.nearBreach")).as("too early to warn").isZero();
        testClock.set(MONDAY_10.plusSeconds(25 * 60));
        job.run();
        job.run();
        assertThat(notifications(owner, "routing.notify.nearBreach")).as("warned once").isEqualTo(1);
        assertThat(notifications(manager, "routing.notify.breach")).isZero();

        testClock.set(MONDAY_10.plusSeconds(31 * 60));
        job.run();
        assertThat(notifications(manager, "routing.notify.breach")).isEqualTo(1);
        assertThat(data.owner(id)).as("re-routed to the other rep of the team").isNotEqualTo(owner).isNotNull();
        Map<String, Object> breached = jdbc.queryForMap(
                "SELECT breached_at, cancelled_at FROM sla_clock WHERE contact_id = ? AND owner_id = ?", id, owner);
        assertThat(breached.get("breached_at")).isNotNull();
        assertThat(breached.get("cancelled_at")).isNotNull();
        assertThat(routing.latestClock(id).orElseThrow().running()).as("the new owner's clock runs").isTrue();
        assertThat(routing.latestAssignment(id).orElseThrow().cause()).isEqualTo(RoutingCause.SLA_BREACH);
    }

    @Test
    void withoutAManagerTheAdministratorsHearOfTheBreach() {
        long id = routedLead(15, false);
        testClock.set(MONDAY_10.plusSeconds(16 * 60));
        job.run();
        assertThat(notifications(data.userId("admin"), "routing.notify.breach")).isEqualTo(1);
        assertThat(routing.latestClock(id).orElseThrow().running()).as("still waiting for a first contact").isTrue();
    }

    private long contactId;

    private int notifications(long userId, String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE user_id = ? AND message_key = ? "
                + "AND contact_id = ?", Integer.class, userId, key, contactId);
    }
}
