package com.leadflow.routing;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleNode;
import com.leadflow.security.LeadflowUserDetails;
import com.leadflow.timeline.ContactReevaluationQueue;
import com.leadflow.timeline.TimelineService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark, not a test: 10,000 new leads routed end to end on the benchmark database. Each run creates 10,000
 * leads in one transaction the way a file import writes them (the rows set-based, then their CONTACT_CREATED
 * timeline entries through {@link TimelineService#recordCreatedInBulk}, as maria) and measures from that
 * transaction's commit until routing has committed everything for them: the rules (three rules and the default),
 * the weighted round-robin, the stored decisions with their explanations, the owners and {@code sla_due_at}, the
 * SLA clocks, the 10,000 {@code LEAD_ROUTED} timeline entries and their events, including the delivery of those
 * events after routing's commit. Routing starts from {@link RoutingTrigger} exactly as in production (a batch this
 * big goes to its background worker). Prints figures; asserts nothing; deletes its leads (and with them everything
 * routing wrote for them) and puts rules and settings back:
 * <pre>flock /tmp/leadflow-bench.lock ./mvnw -o -q test -Dtest=RoutingBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * {@code -Drouting.bench.runs=N} changes the number of runs (default 3; the first one after the server start is the
 * cold one).
 */
@BenchmarkDatabase
class RoutingBenchmark {

    static final int LEADS = 10_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    RuleJson ruleJson;
    @Autowired
    TimelineService timeline;
    @Autowired
    RoutingTrigger trigger;
    @Autowired
    UserDetailsService users;
    @Autowired
    ContactReevaluationQueue reevaluation;

    @Test
    void routeTenThousandNewLeads() throws Exception {
        int runs = Integer.getInteger("routing.bench.runs", 3);
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        System.out.printf("%nRouting benchmark on %,d contacts; load %s%n", contacts, load());
        sweepEarlierRuns();
        Map<String, Object> settingsBefore = jdbc.queryForMap("SELECT enabled, time_zone FROM routing_settings WHERE id = 1");
        Long defaultTeamBefore = jdbc.queryForObject("SELECT target_team_id FROM routing_rule WHERE is_default", Long.class);
        long north = jdbc.queryForObject("SELECT id FROM team WHERE name = 'North'", Long.class);
        long south = jdbc.queryForObject("SELECT id FROM team WHERE name = 'South'", Long.class);
        long enterprise = jdbc.queryForObject("SELECT id FROM team WHERE name = 'Enterprise'", Long.class);
        String marker = "RB" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ruleIds = new ArrayList<>();
        LeadflowUserDetails maria = (LeadflowUserDetails) users.loadUserByUsername("maria");
        try {
            ruleIds.add(rule(marker + " hot", Rule.of(RuleNode.all(
                    new RuleNode.FieldCondition("temperature", Operator.EQUALS, "HOT"))), null, enterprise));
            ruleIds.add(rule(marker + " russia", Rule.of(RuleNode.all(
                    new RuleNode.FieldCondition("country", Operator.IN, "RU", "BY", "KZ"))), null, north));
            ruleIds.add(rule(marker + " pricing", null, "pricing", south));
            jdbc.update("UPDATE routing_rule SET target_team_id = ? WHERE is_default", north);
            jdbc.update("UPDATE routing_settings SET enabled = TRUE WHERE id = 1");

            for (int run = 1; run <= runs; run++) {
                String runMarker = marker + "-r" + run;
                // a plain scan of the new rows' range as a reference for how busy the machine is right now
                long scanStart = System.nanoTime();
                jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE id > (SELECT MAX(id) - 200000 FROM contact) "
                        + "AND first_name LIKE '%x%'", Long.class);
                long scanMs = (System.nanoTime() - scanStart) / 1_000_000;

                long[] committed = new long[1];
                long createStart = System.nanoTime();
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(maria, null, maria.getAuthorities()));
                try {
                    transactions.executeWithoutResult(tx -> {
                        createLeads(runMarker);
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                committed[0] = System.nanoTime();
                            }
                        });
                    });
                } finally {
                    SecurityContextHolder.clearContext();
                }
                boolean idle = trigger.awaitIdle(Duration.ofMinutes(3));
                long routed = System.nanoTime();
                System.out.printf("  run %d: created %,d leads in %,d ms; creation commit -> routed end to end: %,d ms%s; "
                                + "%s; reference scan of 200,000 rows %,d ms; load %s%n", run, LEADS,
                        (committed[0] - createStart) / 1_000_000, (routed - committed[0]) / 1_000_000,
                        idle ? "" : " (NOT FINISHED, gave up waiting)", check(runMarker), scanMs, load());
                deleteLeads(runMarker);
                // the routed leads also went to the background re-evaluation (segments and scores on owner): let
                // it pass over the deleted leads before the next run, so runs do not overlap
                long drainStart = System.nanoTime();
                boolean drained = reevaluation.awaitIdle(Duration.ofSeconds(90));
                System.out.printf("         re-evaluation backlog after deleting the leads %s in %,d ms%n",
                        drained ? "drained" : "NOT drained", (System.nanoTime() - drainStart) / 1_000_000);
            }
        } finally {
            trigger.awaitIdle(Duration.ofMinutes(3));
            for (int run = 1; run <= runs; run++) {
                deleteLeads(marker + "-r" + run);
            }
            for (Long id : ruleIds) {
                jdbc.update("DELETE FROM routing_rule WHERE id = ?", id);
            }
            jdbc.update("UPDATE routing_rule SET target_team_id = ? WHERE is_default", defaultTeamBefore);
            jdbc.update("UPDATE routing_settings SET enabled = ?, time_zone = ? WHERE id = 1",
                    settingsBefore.get("enabled"), settingsBefore.get("time_zone"));
            jdbc.update("DELETE FROM routing_rep");
        }
    }

    /**
     * Deletes a run's leads (their routing rows, clocks and entries go with them) 500 at a time: short transactions,
     * so the background re-evaluation of the same leads never waits long for them, nor they for it (one 10,000-row
     * delete ran into the lock wait timeout). A failure is reported, not thrown, so the rest of the clean-up runs.
     */
    private void deleteLeads(String marker) {
        try {
            List<Long> ids = jdbc.queryForList("SELECT id FROM contact WHERE company = ? ORDER BY id", Long.class, marker);
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                jdbc.update("DELETE FROM activity WHERE contact_id IN (" + in + ")", chunk.toArray());
                jdbc.update("DELETE FROM contact WHERE id IN (" + in + ")", chunk.toArray());
            }
        } catch (RuntimeException e) {
            System.out.printf("  could not delete the leads of %s: %s%n", marker, e);
        }
    }

    /** Leads and rules an interrupted earlier run left behind (markers "RBxxxxxxxx-rN", rules "RBxxxxxxxx …"). */
    private void sweepEarlierRuns() {
        List<String> markers = jdbc.queryForList("SELECT DISTINCT company FROM contact WHERE company LIKE 'RB%' "
                + "AND last_name = 'Bench' AND company REGEXP '^RB[0-9a-f]{8}-(r[0-9]+|import)$'", String.class);
        markers.forEach(this::deleteLeads);
        int rules = jdbc.update("DELETE FROM routing_rule WHERE NOT is_default "
                + "AND name REGEXP '^RB[0-9a-f]{8} (hot|russia|pricing)$'");
        if (!markers.isEmpty() || rules > 0) {
            System.out.printf("  swept %s and %d rules left by an interrupted earlier run%n", markers, rules);
        }
    }

    /** The rows set-based and their CONTACT_CREATED entries, as {@code ContactService.importBatch} writes them. */
    private void createLeads(String marker) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        String[] countries = {"RU", "DE", "US", "KZ", "FR", "GB", "BY", "PL"};
        for (int i = 0; i < LEADS; i++) {
            rows.add(new Object[]{"Lead" + i, "Bench", marker, countries[i % countries.length],
                    i % 5 == 0 ? "Came from the ad and read the pricing page" : "Web form", i % 7 == 0 ? "HOT" : "COLD",
                    now, now});
        }
        jdbc.batchUpdate("INSERT INTO contact (first_name, last_name, company, country, first_touch_context, "
                + "temperature, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        Map<Long, String> payloads = new LinkedHashMap<>();
        for (Long id : jdbc.queryForList("SELECT id FROM contact WHERE company = ? ORDER BY id", Long.class, marker)) {
            payloads.put(id, "[]");
        }
        timeline.recordCreatedInBulk(payloads, "Routing benchmark " + marker);
    }

    private String check(String marker) {
        Map<String, Object> result = jdbc.queryForMap("""
                SELECT SUM(owner_id IS NOT NULL) AS assigned, SUM(sla_due_at IS NOT NULL) AS due
                FROM contact WHERE company = ?""", marker);
        long clocks = jdbc.queryForObject("""
                SELECT COUNT(*) FROM sla_clock s JOIN contact c ON c.id = s.contact_id WHERE c.company = ?""",
                Long.class, marker);
        long decisions = jdbc.queryForObject("""
                SELECT COUNT(*) FROM routing_assignment a JOIN contact c ON c.id = a.contact_id WHERE c.company = ?""",
                Long.class, marker);
        long entries = jdbc.queryForObject("""
                SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id
                WHERE c.company = ? AND a.type = 'LEAD_ROUTED'""", Long.class, marker);
        return String.format("%s owners, %s due times, %,d SLA clocks, %,d decisions, %,d timeline entries",
                result.get("assigned"), result.get("due"), clocks, decisions, entries);
    }

    private long rule(String name, Rule condition, String landing, long teamId) {
        jdbc.update("""
                INSERT INTO routing_rule (name, position, rule_json, landing_page_contains, target_team_id, updated_at)
                VALUES (?, (SELECT COALESCE(MAX(r.position), 0) + 10 FROM routing_rule r WHERE NOT r.is_default),
                        ?, ?, ?, NOW(6))""", name, condition == null ? null : ruleJson.write(condition), landing, teamId);
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
