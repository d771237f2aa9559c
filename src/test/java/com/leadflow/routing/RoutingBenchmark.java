package com.leadflow.routing;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark, not a test: 10,000 new leads created in one transaction (as an import does: rows plus one
 * {@link ContactChangedEvent} CREATED each) on the benchmark database, then routed end to end after the commit by
 * {@link RoutingTrigger} — rules compiled to SQL, weighted round-robin, explanations, timeline entries, SLA clocks.
 * Prints figures; asserts nothing; deletes its leads and routing rows afterwards:
 * <pre>flock /tmp/leadflow-bench.lock ./mvnw -o -q test -Dtest=RoutingBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * ({@code -Drouting.bench.import=true} adds the import path, which includes every other listener of new contacts).
 */
@BenchmarkDatabase
class RoutingBenchmark {

    static final int LEADS = 10_000;
    static final int RUNS = 3;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    RuleJson ruleJson;
    @Autowired
    Router router;

    @Test
    void routeTenThousandNewLeads() throws Exception {
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        System.out.printf("%nRouting benchmark on %,d contacts; load %s%n", contacts,
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        Map<String, Object> settingsBefore = jdbc.queryForMap("SELECT enabled, time_zone FROM routing_settings WHERE id = 1");
        Long defaultTeamBefore = jdbc.queryForObject("SELECT target_team_id FROM routing_rule WHERE is_default", Long.class);
        long north = jdbc.queryForObject("SELECT id FROM team WHERE name = 'North'", Long.class);
        long south = jdbc.queryForObject("SELECT id FROM team WHERE name = 'South'", Long.class);
        long enterprise = jdbc.queryForObject("SELECT id FROM team WHERE name = 'Enterprise'", Long.class);
        String marker = "RB" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ruleIds = new ArrayList<>();
        try {
            ruleIds.add(rule(marker + " hot", Rule.of(RuleNode.all(
                    new RuleNode.FieldCondition("temperature", Operator.EQUALS, "HOT"))), null, enterprise));
            ruleIds.add(rule(marker + " russia", Rule.of(RuleNode.all(
                    new RuleNode.FieldCondition("country", Operator.IN, "RU", "BY", "KZ"))), null, north));
            ruleIds.add(rule(marker + " pricing", null, "pricing", south));
            jdbc.update("UPDATE routing_rule SET target_team_id = ? WHERE is_default", north);
            jdbc.update("UPDATE routing_settings SET enabled = TRUE WHERE id = 1");

            for (int run = 1; run <= RUNS; run++) {
                // routing end to end: rules as SQL, round-robin, explanations, owners, SLA clocks, timeline, events
                String runMarker = marker + "-r" + run;
                List<Long> ids = insertLeads(runMarker);
                long start = System.nanoTime();
                List<Router.Decision> decisions = transactions.execute(tx -> router.route(ids, RoutingCause.CREATED, null));
                long routed = System.nanoTime() - start;
                System.out.printf("  run %d: Router.route of %,d new leads: %,d ms (%d assigned); %s%n", run, LEADS,
                        routed / 1_000_000, decisions.stream().filter(d -> d.outcome() == RoutingOutcome.ASSIGNED).count(),
                        check(runMarker));
                jdbc.update("DELETE FROM contact WHERE company = ?", runMarker);
            }
            // the import path: rows and one CREATED event each in one transaction; routing (and every other
            // feature's listener for new contacts) runs after the commit. Slow for reasons outside routing: opt in.
            if (Boolean.getBoolean("routing.bench.import")) {
            String importMarker = marker + "-import";
            long[] insertNanos = new long[1];
            long start = System.nanoTime();
            transactions.executeWithoutResult(tx -> {
                List<Long> ids = insertLeads(importMarker);
                ids.forEach(id -> events.publishEvent(new ContactChangedEvent(id, ContactChangedEvent.Kind.CREATED)));
                insertNanos[0] = System.nanoTime() - start;
            });
            long total = System.nanoTime() - start;
            System.out.printf("  import path: %,d leads inserted + events in %,d ms; after-commit work (routing and all "
                            + "other listeners of CREATED) %,d ms; end to end %,d ms; %s%n", LEADS, insertNanos[0] / 1_000_000,
                    (total - insertNanos[0]) / 1_000_000, total / 1_000_000, check(importMarker));
            jdbc.update("DELETE FROM contact WHERE company = ?", importMarker);
            }
            System.out.printf("  load after: %s%n",
                    new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        } finally {
            jdbc.update("DELETE FROM contact WHERE company LIKE ?", marker + "%");
            for (Long id : ruleIds) {
                jdbc.update("DELETE FROM routing_rule WHERE id = ?", id);
            }
            jdbc.update("UPDATE routing_rule SET target_team_id = ? WHERE is_default", defaultTeamBefore);
            jdbc.update("UPDATE routing_settings SET enabled = ?, time_zone = ? WHERE id = 1",
                    settingsBefore.get("enabled"), settingsBefore.get("time_zone"));
            jdbc.update("DELETE FROM routing_rep");
        }
    }

    private List<Long> insertLeads(String marker) {
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
        return jdbc.queryForList("SELECT id FROM contact WHERE company = ? ORDER BY id", Long.class, marker);
    }

    private String check(String marker) {
        Map<String, Object> result = jdbc.queryForMap("""
                SELECT SUM(owner_id IS NOT NULL) AS assigned, SUM(sla_due_at IS NOT NULL) AS clocks
                FROM contact WHERE company = ?""", marker);
        long entries = jdbc.queryForObject("""
                SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id
                WHERE c.company = ? AND a.type = 'LEAD_ROUTED'""", Long.class, marker);
        return String.format("%s owners, %s SLA clocks, %,d timeline entries", result.get("assigned"),
                result.get("clocks"), entries);
    }

    private long rule(String name, Rule condition, String landing, long teamId) {
        jdbc.update("""
                INSERT INTO routing_rule (name, position, rule_json, landing_page_contains, target_team_id, updated_at)
                VALUES (?, (SELECT COALESCE(MAX(r.position), 0) + 10 FROM routing_rule r WHERE NOT r.is_default),
                        ?, ?, ?, NOW(6))""", name, condition == null ? null : ruleJson.write(condition), landing, teamId);
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }
}
