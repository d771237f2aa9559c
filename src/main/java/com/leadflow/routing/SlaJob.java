package com.leadflow.routing;

import com.leadflow.notification.NotificationService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Every minute, on one node (only the clocks routing started; {@code leadflow.routing.sla-check-interval}): ends the clocks of leads that were closed, warns owners whose clock is about to run
 * out, records breaches and escalates them to the team's manager (or to the administrators when the team has none),
 * re-routes breached leads whose rule says so, and offers queued leads to the reps again.
 */
@Component
class SlaJob {

    static final String JOB = "routing-sla-check";
    private static final Logger log = LoggerFactory.getLogger(SlaJob.class);
    private static final int BATCH = 500;
    /** Clocks routing started: an assignment of the contact was decided at the clock's start. */
    private static final String ROUTED_CLOCK = " EXISTS (SELECT 1 FROM routing_assignment ra "
            + "WHERE ra.contact_id = s.contact_id AND ra.decided_at = s.started_at) ";

    private final JdbcTemplate jdbc;
    private final Router router;
    private final RoutingStore store;
    private final NotificationService notifications;
    private final Clock clock;
    private final TransactionTemplate transaction;

    SlaJob(JdbcTemplate jdbc, Router router, RoutingStore store, NotificationService notifications, Clock clock,
           PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.router = router;
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What one run did, for tests and the log. */
    record Result(int cancelled, int warned, int breached, int rerouted, int dequeued) {
    }

    @Scheduled(initialDelayString = "${leadflow.routing.sla-check-interval:PT1M}",
            fixedDelayString = "${leadflow.routing.sla-check-interval:PT1M}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT10M")
    public void scheduledRun() {
        Result result = run();
        if (result.warned() + result.breached() + result.rerouted() + result.dequeued() > 0) {
            log.info("SLA check: {}", result);
        }
    }

    /** One pass at the application clock's now, as the system; never two at once on this node. */
    synchronized Result run() {
        var caller = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            RoutingSettings settings = store.settings();
            int cancelled = transaction.execute(tx -> cancelClosed(now));
            int warned = transaction.execute(tx -> warn(now, settings));
            int[] breached = transaction.execute(tx -> breach(now));
            int dequeued = settings.enabled() ? transaction.execute(tx -> retryQueue()) : 0;
            return new Result(cancelled, warned, breached[0], breached[1], dequeued);
        } finally {
            SecurityContextHolder.setContext(caller);
        }
    }

    /** A lead won, lost or unqualified needs no first contact any more. */
    private int cancelClosed(Instant now) {
        var at = Db.utc(now);
        int n = jdbc.update("""
                UPDATE sla_clock s JOIN contact c ON c.id = s.contact_id
                SET s.cancelled_at = ?, c.sla_due_at = NULL
                WHERE s.cancelled_at IS NULL AND s.stopped_at IS NULL AND c.status <> 'OPEN' AND""" + ROUTED_CLOCK, at);
        return n;
    }

    private int warn(Instant now, RoutingSettings settings) {
        List<Map<String, Object>> due = jdbc.queryForList("""
                SELECT s.id, s.contact_id, s.owner_id, s.due_at, CONCAT(c.first_name, ' ', c.last_name) AS name
                FROM sla_clock s JOIN contact c ON c.id = s.contact_id
                WHERE s.cancelled_at IS NULL AND s.stopped_at IS NULL AND s.warned_at IS NULL AND s.breached_at IS NULL
                  AND s.owner_id IS NOT NULL AND s.due_at > ?
                  AND s.due_at <= DATE_ADD(?, INTERVAL CEIL(s.target_minutes * ? / 100) MINUTE) AND""" + ROUTED_CLOCK
                + " ORDER BY s.due_at LIMIT ?", Db.utc(now), Db.utc(now),
                settings.nearBreachPercent(), BATCH);
        for (Map<String, Object> clock : due) {
            long minutesLeft = Math.max(1, ChronoUnit.MINUTES.between(now, Db.instant(clock.get("due_at"))));
            notifications.send(((Number) clock.get("owner_id")).longValue(),
                    ((Number) clock.get("contact_id")).longValue(), "SLA_WARNING", "routing.notify.nearBreach",
                    clock.get("name"), minutesLeft);
            jdbc.update("UPDATE sla_clock SET warned_at = ? WHERE id = ?", Db.utc(now), clock.get("id"));
        }
        return due.size();
    }

    /** Records breaches, escalates them, and re-routes those whose rule asks for it; returns {breached, rerouted}. */
    private int[] breach(Instant now) {
        List<Map<String, Object>> late = jdbc.queryForList("""
                SELECT s.id, s.contact_id, s.owner_id, s.team_id, s.rule_id, u.display_name AS owner_name,
                       CONCAT(c.first_name, ' ', c.last_name) AS name, COALESCE(r.reroute_on_breach, FALSE) AS reroute
                FROM sla_clock s JOIN contact c ON c.id = s.contact_id
                LEFT JOIN app_user u ON u.id = s.owner_id
                LEFT JOIN routing_rule r ON r.id = s.rule_id
                WHERE s.cancelled_at IS NULL AND s.stopped_at IS NULL AND s.breached_at IS NULL AND s.due_at <= ?
                  AND""" + ROUTED_CLOCK + " ORDER BY s.due_at LIMIT ?", Db.utc(now), BATCH);
        int rerouted = 0;
        for (Map<String, Object> clock : late) {
            jdbc.update("UPDATE sla_clock SET breached_at = ? WHERE id = ?", Db.utc(now), clock.get("id"));
            long contactId = ((Number) clock.get("contact_id")).longValue();
            Long ownerId = clock.get("owner_id") == null ? null : ((Number) clock.get("owner_id")).longValue();
            for (Long manager : escalationTargets((Number) clock.get("team_id"))) {
                notifications.send(manager, contactId, "SLA_BREACH", "routing.notify.breach", clock.get("name"),
                        clock.get("owner_name") == null ? "—" : clock.get("owner_name"));
            }
            if (truthy(clock.get("reroute"))) {
                List<Router.Decision> decisions = router.route(List.of(contactId), RoutingCause.SLA_BREACH, ownerId);
                if (!decisions.isEmpty() && decisions.getFirst().outcome() == RoutingOutcome.ASSIGNED) {
                    rerouted++;
                }
            }
        }
        return new int[]{late.size(), rerouted};
    }

    private List<Long> escalationTargets(Number teamId) {
        if (teamId != null) {
            var manager = store.manager(teamId.longValue());
            if (manager.isPresent()) {
                return List.of(manager.get());
            }
        }
        return jdbc.queryForList("SELECT id FROM app_user WHERE role = 'ADMIN' AND enabled ORDER BY id", Long.class);
    }

    /** Queued leads get another chance: a rep may be back, under capacity again, or at work now. */
    private int retryQueue() {
        List<Long> queued = jdbc.queryForList("""
                SELECT a.contact_id FROM routing_assignment a JOIN contact c ON c.id = a.contact_id
                WHERE a.latest AND a.outcome = 'QUEUED' AND c.owner_id IS NULL AND c.status = 'OPEN'
                ORDER BY a.decided_at LIMIT ?""", Long.class, BATCH);
        if (queued.isEmpty()) {
            return 0;
        }
        return (int) router.route(queued, RoutingCause.QUEUE_RETRY, null).stream()
                .filter(d -> d.outcome() == RoutingOutcome.ASSIGNED).count();
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
