package com.leadflow.segment;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleRefreshJob;
import com.leadflow.rules.Comparison;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.SqlPredicate;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleQueryService;
import com.leadflow.scoring.ScoringService;
import com.leadflow.security.SystemAuthentication;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: the rules engine's targets on the benchmark database (1,000,000 contacts; see
 * docs/benchmarks.md) — the combined full refresh (scores, lifecycle, the default segments) against one plain
 * aggregate scan of the activity table timed in the same run, and the live preview count of a typical
 * three-condition rule. Prints figures and the load average; asserts nothing.
 * <pre>
 * flock /tmp/leadflow-bench.lock ./mvnw -o -q test -Dtest=RulesEngineBenchmark -Dbenchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-DcombinedRuns=2] [-Dsteps=true] [-Dpreview=true] [-Dexperiments=false]
 * </pre>
 */
@BenchmarkDatabase
class RulesEngineBenchmark {

    private static final int COMBINED_RUNS = Integer.getInteger("combinedRuns", 2);

    @Autowired
    FullRefreshJob fullRefresh;
    @Autowired
    ScoringService scoring;
    @Autowired
    LifecycleRefreshJob lifecycle;
    @Autowired
    RuleQueryService ruleQueries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FieldCatalogProvider catalogs;

    @Test
    void rulesEngineAtScale() {
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        long activities = jdbc.queryForObject("SELECT COUNT(*) FROM activity", Long.class);
        System.out.printf("%nRules engine benchmark on %,d contacts and %,d activities; load %s%n", contacts, activities,
                load());

        double scanMs = scan();
        System.out.printf("  reference: plain aggregate scan of activity (GROUP BY contact_id): %,.0f ms%n", scanMs);

        if (Boolean.parseBoolean(System.getProperty("steps", "true"))) {
            SystemAuthentication.run(() -> {
                long t = System.nanoTime();
                ScoringService.PublishResult scores = scoring.refreshAll();
                double scoreMs = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                LifecycleRefreshJob.Progress stages = lifecycle.runNow();
                double lifecycleMs = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                FullRefreshJob.Progress segments = fullRefresh.runSegmentsNow();
                double segmentMs = (System.nanoTime() - t) / 1e6;
                System.out.printf("  steps: scores %,.0f ms (%,d changed), lifecycle %,.0f ms (%,d moved%s), "
                                + "%d segments %,.0f ms%s%n", scoreMs, scores.changedContacts(), lifecycleMs,
                        stages.moved(), stages.error() == null ? "" : " FAILED " + stages.error(), segments.total(),
                        segmentMs, segments.error() == null ? "" : " FAILED " + segments.error());
            });
        }
        for (int i = 0; i < COMBINED_RUNS; i++) {
            FullRefreshJob.Progress[] all = new FullRefreshJob.Progress[1];
            SystemAuthentication.run(() -> all[0] = fullRefresh.runAllNow());
            System.out.printf("  combined full refresh %d (scores + lifecycle + %d segments): %,d ms, ratio to the scan "
                            + "%.2f%s; load %s%n", i + 1, all[0].total() - 2, all[0].millis(), all[0].millis() / scanMs,
                    all[0].error() == null ? "" : " FAILED: " + all[0].error(), load());
        }
        if (COMBINED_RUNS > 0) {
            double again = scan();
            System.out.printf("  reference scan again after the refreshes: %,.0f ms%n", again);
        }

        Rule typical = Rule.of(RuleNode.all(
                new RuleNode.FieldCondition("lifecycleStage", Operator.EQUALS, LifecycleStage.MQL.name()),
                new RuleNode.FieldCondition("country", Operator.IN, "DE", "RU", "US"),
                new RuleNode.BehaviourCondition(ActivityType.CONTENT_DOWNLOAD, 90, null, null,
                        Comparison.AT_LEAST, 1)));
        if (Boolean.parseBoolean(System.getProperty("preview", "true"))) {
            SystemAuthentication.run(() -> report("live preview count: MQL, country in DE/RU/US, a content download "
                    + "in 90 days", () -> ruleQueries.count(typical)));
            Rule threeTimes = Rule.of(RuleNode.all(
                    new RuleNode.FieldCondition("status", Operator.EQUALS, "OPEN"),
                    new RuleNode.FieldCondition("jobTitle", Operator.CONTAINS, "manager"),
                    new RuleNode.BehaviourCondition(ActivityType.PAGE_VIEW, 30, null, null, Comparison.AT_LEAST, 3)));
            SystemAuthentication.run(() -> report("live preview count: open, job title contains 'manager', "
                    + "≥ 3 page views in 30 days", () -> ruleQueries.count(threeTimes)));
            SystemAuthentication.run(() -> report("live preview first 10 of the typical rule",
                    () -> ruleQueries.firstIds(typical, 10).size()));
        }

        if (Boolean.parseBoolean(System.getProperty("experiments", "false"))) {
            experiments();
            // the statement the preview service runs, as the compiler writes it (text compared case-folded)
            SqlPredicate compiled = new RuleSqlCompiler(catalogs.current()).compile(typical, Instant.now());
            sql("as the service runs it", "SELECT COUNT(*) FROM contact c WHERE " + compiled.sql(),
                    compiled.params().toArray());
            explain("SELECT COUNT(*) FROM contact c WHERE " + compiled.sql(), compiled.params().toArray());
        }
        System.out.printf("  load at the end %s%n", load());
    }

    /** Raw SQL variants of the typical preview, with their plans: what to build the preview on. */
    private void experiments() {
        Timestamp since = Timestamp.from(Instant.now().minus(90, ChronoUnit.DAYS));
        String fields = "c.lifecycle_stage = 'MQL' AND (c.country IS NOT NULL AND c.country IN ('DE', 'RU', 'US'))";
        String set = "SELECT a.contact_id FROM activity a WHERE a.type = 'CONTENT_DOWNLOAD' AND a.occurred_at >= ?";
        sql("MQL", "SELECT COUNT(*) FROM contact c WHERE c.lifecycle_stage = 'MQL'");
        sql("MQL and country", "SELECT COUNT(*) FROM contact c WHERE " + fields);
        sql("MQL and country, lifecycle index", "SELECT COUNT(*) FROM contact c FORCE INDEX (ix_contact_lifecycle) WHERE "
                + fields);
        sql("download set rows", "SELECT COUNT(*) FROM (" + set + ") s", since);
        sql("download set distinct", "SELECT COUNT(DISTINCT contact_id) FROM (" + set + ") s", since);
        sql("compiled", "SELECT COUNT(*) FROM contact c WHERE " + fields + " AND c.id IN (" + set + ")", since);
        explain("SELECT COUNT(*) FROM contact c WHERE " + fields + " AND c.id IN (" + set + ")", since);
        sql("compiled, lifecycle index", "SELECT COUNT(*) FROM contact c FORCE INDEX (ix_contact_lifecycle) WHERE "
                + fields + " AND c.id IN (" + set + ")", since);
        explain("SELECT COUNT(*) FROM contact c FORCE INDEX (ix_contact_lifecycle) WHERE " + fields + " AND c.id IN ("
                + set + ")", since);
        sql("EXISTS, lifecycle index", "SELECT COUNT(*) FROM contact c FORCE INDEX (ix_contact_lifecycle) WHERE " + fields
                + " AND EXISTS (SELECT 1 FROM activity a WHERE a.contact_id = c.id AND a.type = 'CONTENT_DOWNLOAD'"
                + " AND a.occurred_at >= ?)", since);
        sql("derived distinct set joined", "SELECT COUNT(*) FROM (SELECT DISTINCT a.contact_id FROM activity a WHERE "
                + "a.type = 'CONTENT_DOWNLOAD' AND a.occurred_at >= ?) d JOIN contact c ON c.id = d.contact_id WHERE "
                + fields, since);
        explain("SELECT COUNT(*) FROM (SELECT DISTINCT a.contact_id FROM activity a WHERE "
                + "a.type = 'CONTENT_DOWNLOAD' AND a.occurred_at >= ?) d JOIN contact c ON c.id = d.contact_id WHERE "
                + fields, since);
        sql("full scan of contact, one field", "SELECT COUNT(*) FROM contact c IGNORE INDEX (ix_contact_lifecycle) "
                + "WHERE c.country = 'DE'");
    }

    private void sql(String name, String sql, Object... params) {
        jdbc.queryForObject(sql, Long.class, params);
        double[] millis = new double[3];
        long result = 0;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            result = jdbc.queryForObject(sql, Long.class, params);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("    sql %-40s median %7.1f ms  (%,d)%n", name, millis[1], result);
    }

    private void explain(String sql, Object... params) {
        jdbc.query("EXPLAIN " + sql, rs -> {
            System.out.printf("      plan: %s %s type=%s key=%s rows=%s extra=%s%n", rs.getString("select_type"),
                    rs.getString("table"), rs.getString("type"), rs.getString("key"), rs.getString("rows"),
                    rs.getString("Extra"));
        }, params);
    }

    private double scan() {
        long start = System.nanoTime();
        jdbc.query("SELECT contact_id, COUNT(*) FROM activity GROUP BY contact_id", rs -> {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        });
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String name, Supplier<Object> query) {
        query.get();
        double[] millis = new double[5];
        Object result = null;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            result = query.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("  %-90s median %7.1f ms  max %7.1f ms  (%s)%n", name, millis[2], millis[4], result);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
