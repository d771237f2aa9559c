package com.leadflow.segment;

import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.FieldType;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.TimeUnit;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Catches what only the passing of time changes ("no activity for 3 months", "downloaded in the last 30 days"):
 * for each time-based condition it finds the contacts whose relevant timestamp crossed the condition's cutoff
 * since the last run (an indexed range, not a rescan), and refreshes just those contacts' membership.
 */
@Component
class TimeBasedSegmentJob {

    static final String JOB = "segment-time-check";
    private static final Logger log = LoggerFactory.getLogger(TimeBasedSegmentJob.class);

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;
    private final FieldCatalogProvider catalogs;
    private final SegmentRefresher refresher;
    private final RuleRefs ruleRefs;

    TimeBasedSegmentJob(JdbcTemplate jdbc, RuleJson ruleJson, FieldCatalogProvider catalogs,
                        SegmentRefresher refresher, RuleRefs ruleRefs) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
        this.catalogs = catalogs;
        this.refresher = refresher;
        this.ruleRefs = ruleRefs;
    }

    @Scheduled(initialDelayString = "${leadflow.segments.time-check-interval:PT5M}",
            fixedDelayString = "${leadflow.segments.time-check-interval:PT5M}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT30M")
    public void scheduledRun() {
        runUntil(Instant.now());
    }

    /** Looks at the time between the previous run and {@code now}; returns how many memberships changed. */
    int runUntil(Instant now) {
        List<Timestamp> last = jdbc.queryForList("SELECT last_run_at FROM job_run WHERE name = ?", Timestamp.class, JOB);
        if (last.isEmpty()) {
            // first run: segments were filled when they were created; from now on only crossings count
            jdbc.update("INSERT INTO job_run (name, last_run_at) VALUES (?, ?)", JOB, Timestamp.from(now));
            return 0;
        }
        Instant since = last.getFirst().toInstant();
        if (!now.isAfter(since)) {
            return 0;
        }
        FieldCatalog catalog = catalogs.current();
        List<Long> ids = jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class);
        int changes = 0;
        for (Long id : refresher.refreshOrder(ids, ruleRefs::referencedSegments)) {
            Rule rule = ruleJson.read(jdbc.queryForObject("SELECT rule_json FROM segment WHERE id = ?", String.class, id));
            List<String> parts = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            collect(rule.root(), catalog, since, now, parts, params);
            if (parts.isEmpty()) {
                continue; // nothing in this rule changes with time alone
            }
            SegmentRefresher.Result result = refresher.refreshCandidates(id, MembershipReason.TIME_PASSED, now,
                    String.join(" UNION ", parts), params);
            changes += result.entered() + result.exited();
        }
        jdbc.update("UPDATE job_run SET last_run_at = ? WHERE name = ?", Timestamp.from(now), JOB);
        if (changes > 0) {
            log.info("Time-based segment check from {} to {}: {} memberships changed", since, now, changes);
        }
        return changes;
    }

    /** For every time-based condition, a query of the contacts whose timestamp crossed its cutoff in (since, now]. */
    private void collect(RuleNode node, FieldCatalog catalog, Instant since, Instant now, List<String> parts,
                         List<Object> params) {
        switch (node) {
            case RuleNode.Group group -> group.children().forEach(c -> collect(c, catalog, since, now, parts, params));
            case RuleNode.Not not -> collect(not.child(), catalog, since, now, parts, params);
            case RuleNode.InactivityCondition c -> {
                Function<Instant, Instant> cutoff = t -> c.unit().before(t, c.amount());
                if (c.types().isEmpty()) {
                    parts.add("SELECT c.id FROM contact c WHERE c.last_activity_at > ? AND c.last_activity_at <= ?");
                    params.add(Timestamp.from(cutoff.apply(since)));
                    params.add(Timestamp.from(cutoff.apply(now)));
                    parts.add("SELECT c.id FROM contact c WHERE c.last_activity_at IS NULL AND c.created_at > ? AND c.created_at <= ?");
                    params.add(Timestamp.from(cutoff.apply(since)));
                    params.add(Timestamp.from(cutoff.apply(now)));
                } else {
                    activityCrossing(c.types().stream().map(Enum::name).toList(), cutoff.apply(since),
                            cutoff.apply(now), parts, params);
                    parts.add("SELECT c.id FROM contact c WHERE c.created_at > ? AND c.created_at <= ?");
                    params.add(Timestamp.from(cutoff.apply(since)));
                    params.add(Timestamp.from(cutoff.apply(now)));
                }
            }
            case RuleNode.BehaviourCondition c -> {
                Duration window = Duration.ofDays(c.withinDays());
                activityCrossing(List.of(c.type().name()), since.minus(window), now.minus(window), parts, params);
            }
            case RuleNode.FieldCondition c when c.operator() == Operator.MORE_THAN_AGO
                    || c.operator() == Operator.LESS_THAN_AGO -> {
                var field = catalog.field(c.field());
                if (field != null && field.type() == FieldType.DATE && c.values().size() == 2) {
                    int amount = Integer.parseInt(c.values().get(0));
                    TimeUnit unit = TimeUnit.valueOf(c.values().get(1));
                    parts.add("SELECT c.id FROM contact c WHERE c." + field.column() + " >= ? AND c." + field.column() + " < ?");
                    params.add(Timestamp.from(unit.before(since, amount)));
                    params.add(Timestamp.from(unit.before(now, amount)));
                }
            }
            default -> {
            }
        }
    }

    private static void activityCrossing(List<String> types, Instant from, Instant to, List<String> parts,
                                         List<Object> params) {
        parts.add("SELECT a.contact_id FROM activity a WHERE a.type IN ("
                + String.join(",", java.util.Collections.nCopies(types.size(), "?"))
                + ") AND a.occurred_at >= ? AND a.occurred_at < ?");
        params.addAll(types);
        params.add(Timestamp.from(from));
        params.add(Timestamp.from(to));
    }
}
