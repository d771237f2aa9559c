package com.leadflow.metrics;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.metrics.MetricsReport.TrendGrain;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: the whole dashboard for a quarter on the benchmark database (1,000,000 contacts). Fills the
 * demo campaigns and, only while they are empty, plausible funnel and lifecycle histories and SLA clocks derived from
 * the contacts (the benchmark data set has none). Prints figures; asserts nothing:
 * <pre>flock /tmp/leadflow-bench.lock ./mvnw -o -q test -Dtest=MetricsBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@BenchmarkDatabase
class MetricsBenchmark {

    private static final int RUNS = 5;

    @Autowired
    MetricsService metrics;
    @Autowired
    MetricsQueries queries;
    @Autowired
    MetricsDemoData demoData;
    @Autowired
    StageHistoryBackfill backfill;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void dashboardForAQuarter() {
        fillOnce();
        System.out.printf("%nMetrics benchmark on %,d contacts, %,d funnel moves, %,d lifecycle moves, %,d SLA clocks, "
                        + "%,d campaigns; load %s%n",
                count("contact"), count("funnel_stage_history"), count("lifecycle_stage_history"), count("sla_clock"),
                count("campaign"), loadAverage());

        Instant latest = jdbc.queryForObject("SELECT MAX(created_at) FROM contact", java.time.LocalDateTime.class)
                .toInstant(ZoneOffset.UTC);
        LocalDate quarterEnd = LocalDate.ofInstant(latest, ZoneOffset.UTC).withDayOfMonth(1)
                .minusMonths((LocalDate.ofInstant(latest, ZoneOffset.UTC).getMonthValue() - 1) % 3);
        MetricsFilter quarter = MetricsFilter.period(quarterEnd.minusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant(),
                quarterEnd.atStartOfDay(ZoneOffset.UTC).toInstant());
        System.out.printf("  period: the last full quarter of the data, %s .. %s%n", quarter.from(), quarter.to());

        measure("erik (EXECUTIVE), whole company", "erik", quarter);
        measure("erik, by month", "erik", quarter, TrendGrain.MONTH);
        measure("sam (SALES, team North)", "sam", quarter);
        measure("erik, source AD", "erik", quarter.withSource(FirstTouchSource.AD));
        measure("erik, campaign Google Ads", "erik", quarter.withCampaign("Google Ads: CRM for SMB"));
        Long segment = jdbc.queryForList("SELECT id FROM segment WHERE system_key = 'CLOSED_LOST'", Long.class)
                .stream().findFirst().orElse(null);
        if (segment != null) {
            measure("erik, segment Closed-lost", "erik", quarter.withSegment(segment));
        }
        MetricsFilter year = MetricsFilter.period(quarter.to().minus(java.time.Duration.ofDays(365)), quarter.to());
        measure("erik, last 12 months", "erik", year);

        breakdown(quarter);
    }

    private void measure(String label, String user, MetricsFilter filter) {
        measure(label, user, filter, null);
    }

    private void measure(String label, String user, MetricsFilter filter, TrendGrain grain) {
        authenticate(user);
        metrics.report(filter, grain); // warm-up
        List<Double> ms = new ArrayList<>();
        MetricsReport report = null;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            report = metrics.report(filter, grain);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("  %-40s min %6.0f  median %6.0f  max %6.0f ms   (new leads %,d, wins %,d, SQLs %,d)%n",
                label, ms.getFirst(), ms.get(ms.size() / 2), ms.getLast(), report.headline().newLeads(),
                report.headline().wins(), report.headline().sqls());
    }

    /** Each query on its own, median of five, to see where the time goes. */
    private void breakdown(MetricsFilter filter) {
        authenticate("erik");
        var user = ((LeadflowUserDetails) SecurityContextHolder.getContext().getAuthentication().getPrincipal()).user();
        MetricsQueries.Scope s = MetricsQueries.scope(filter, user, Instant.now(), List.of("WON"));
        System.out.println("  per query, whole company (median of 5):");
        time("new leads", () -> queries.newLeads(s));
        time("funnel entries", () -> queries.funnelEntries(s));
        time("wins", () -> queries.wins(s));
        time("lifecycle entries", () -> queries.lifecycleEntries(s));
        time("win rate by source", () -> queries.winRateBySource(s));
        time("win rate by channel", () -> queries.winRateByChannel(s));
        time("campaigns", () -> queries.campaigns(s, filter, true));
        time("time in stage", () -> queries.timeInStage(s));
        time("stuck in INTERESTED (30 days)", () -> queries.stuckIn(s, "INTERESTED", java.time.Duration.ofDays(30), Instant.now()));
        time("speed to lead", () -> queries.speedToLead(s));
        time("comeback", () -> queries.comeback(s));
        time("trend (weeks)", () -> queries.trend(s, filter, TrendGrain.WEEK));
    }

    private void time(String label, Supplier<Object> work) {
        work.get();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            work.get();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("    %-32s %6.0f ms%n", label, ms.get(2));
    }

    /** Idempotent: campaigns, histories and clocks are only added while their tables are empty. */
    private void fillOnce() {
        long start = System.nanoTime();
        if (count("campaign") == 0) {
            demoData.fill(); // demo campaigns, and the two histories while they are empty
        }
        int funnel = backfill.fillFunnelHistoryIfEmpty();
        int lifecycle = backfill.fillLifecycleHistoryIfEmpty();
        int clocks = 0;
        if (count("sla_clock") == 0) {
            // one clock per owned contact, started when it was created: most answered within 4 hours, 15% never
            clocks = jdbc.update("""
                    INSERT INTO sla_clock (contact_id, owner_id, team_id, started_at, due_at, target_minutes, stopped_at,
                                           breached_at)
                    SELECT c.id, c.owner_id, c.team_id, c.created_at, c.created_at + INTERVAL 60 MINUTE, 60,
                           CASE WHEN c.id % 20 < 17 THEN c.created_at + INTERVAL (c.id % 240) MINUTE END,
                           CASE WHEN c.id % 20 >= 17 OR c.id % 240 > 60 THEN c.created_at + INTERVAL 60 MINUTE END
                    FROM contact c WHERE c.owner_id IS NOT NULL""");
        }
        if (funnel + lifecycle + clocks > 0) {
            System.out.printf("%nFilled once: %,d funnel moves, %,d lifecycle moves, %,d SLA clocks in %,.0f s%n",
                    funnel, lifecycle, clocks, (System.nanoTime() - start) / 1e9);
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private void authenticate(String username) {
        LeadflowUserDetails details = (LeadflowUserDetails) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
