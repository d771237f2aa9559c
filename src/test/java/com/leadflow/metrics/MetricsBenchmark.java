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

    /** -Druns=N: timed runs per variant and per query (after one warm-up). */
    private static final int RUNS = Integer.getInteger("runs", 5);
    /** -Dvariant=exec,month,team,source,campaign,segment,year (default all); -Dvariant=none skips them. */
    private static final List<String> VARIANTS = List.of(System.getProperty("variant",
            "exec,month,team,source,campaign,segment,year").split(","));
    /** -Dbreakdown=false skips the per-query timings; -Dbreakdown=live also times the live queries. */
    private static final String BREAKDOWN = System.getProperty("breakdown", "true");
    /** -Drebuild=true times a full rebuild of the summary; -Dincremental=N times a refresh after N new moves. */
    private static final boolean REBUILD = Boolean.getBoolean("rebuild");
    private static final int INCREMENTAL = Integer.getInteger("incremental", 0);

    @Autowired
    MetricsService metrics;
    @Autowired
    MetricsQueries queries;
    @Autowired
    SummaryQueries summaryQueries;
    @Autowired
    MetricsSummary summary;
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
        System.out.printf("  reference: a plain scan of the quarter's funnel moves (index range, COUNT(*)) %s%n",
                reference(quarter));

        MetricsSummary.Result first = summary.refresh();
        if (!first.ran()) {
            System.out.printf("  summary refresh at start DID NOT RUN: its lock (shedlock '%s') is held elsewhere;"
                    + " figures below are live%n", MetricsSummary.LOCK);
        }
        System.out.printf("  summary refresh at start (%s): %,d days in %,d ms%n",
                first.rebuilt() ? "first build" : "incremental", first.days(), first.took().toMillis());
        if (REBUILD) {
            MetricsSummary.Result rebuilt = summary.rebuild();
            System.out.printf("  summary full rebuild: %,d days in %,d ms (load %s)%n", rebuilt.days(),
                    rebuilt.took().toMillis(), loadAverage());
        }
        if (INCREMENTAL > 0) {
            incremental(latest);
        }

        if (VARIANTS.contains("exec")) {
            measure("erik (EXECUTIVE), whole company", "erik", quarter);
        }
        if (VARIANTS.contains("month")) {
            measure("erik, by month", "erik", quarter, TrendGrain.MONTH);
        }
        if (VARIANTS.contains("team")) {
            measure("sam (SALES, team North)", "sam", quarter);
        }
        if (VARIANTS.contains("source")) {
            measure("erik, source AD", "erik", quarter.withSource(FirstTouchSource.AD));
        }
        if (VARIANTS.contains("campaign")) {
            measure("erik, campaign Google Ads", "erik", quarter.withCampaign("Google Ads: CRM for SMB"));
        }
        Long segment = jdbc.queryForList("SELECT id FROM segment WHERE system_key = 'CLOSED_LOST'", Long.class)
                .stream().findFirst().orElse(null);
        if (segment != null && VARIANTS.contains("segment")) {
            measure("erik, segment Closed-lost", "erik", quarter.withSegment(segment));
        }
        if (VARIANTS.contains("year")) {
            MetricsFilter year = MetricsFilter.period(quarter.to().minus(java.time.Duration.ofDays(365)), quarter.to());
            measure("erik, last 12 months", "erik", year);
        }
        if (!"false".equals(BREAKDOWN)) {
            summaryBreakdown(quarter);
        }
        if ("live".equals(BREAKDOWN)) {
            breakdown(quarter);
        }
        System.out.printf("  load at the end: %s%n", loadAverage());
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
        System.out.printf("  %-40s min %6.0f  median %6.0f  max %6.0f ms   %s (new leads %,d, wins %,d, SQLs %,d)%n",
                label, ms.getFirst(), ms.get(ms.size() / 2), ms.getLast(), report.live() ? "live" : "summary",
                report.headline().newLeads(), report.headline().wins(), report.headline().sqls());
    }

    /** A plain index range count over the period's funnel moves: the machine's speed at this moment. */
    private String reference(MetricsFilter filter) {
        long start = System.nanoTime();
        Long moves = jdbc.queryForObject("SELECT COUNT(*) FROM funnel_stage_history WHERE changed_at >= ? AND changed_at < ?",
                Long.class, MetricsQueries.utc(filter.from()), MetricsQueries.utc(filter.to()));
        return String.format("%,d rows in %,.0f ms", moves, (System.nanoTime() - start) / 1e6);
    }

    /**
     * N new funnel moves on the last day of the data (contacts re-entering their own stage), an incremental refresh
     * timed, then the moves removed again and the summary refreshed back: the bench data is left as it was.
     */
    private void incremental(Instant latest) {
        java.time.LocalDateTime at = MetricsQueries.utc(latest).minusMinutes(30);
        Long maxId = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM funnel_stage_history", Long.class);
        jdbc.update("""
                INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at)
                SELECT c.id, c.funnel_stage, c.funnel_stage, ? FROM contact c
                WHERE c.status = 'OPEN' ORDER BY c.id DESC LIMIT ?""", at, INCREMENTAL);
        MetricsSummary.Result refreshed = summary.refresh();
        System.out.printf("  incremental refresh after %,d new moves: %,d days in %,d ms (load %s)%n", INCREMENTAL,
                refreshed.days(), refreshed.took().toMillis(), loadAverage());
        jdbc.update("DELETE FROM funnel_stage_history WHERE id > ?", maxId);
        jdbc.update("INSERT INTO metrics_dirty_day (day) VALUES (?)", at.toLocalDate());
        MetricsSummary.Result back = summary.refresh();
        System.out.printf("  (moves removed again, refreshed back in %,d ms)%n", back.took().toMillis());
    }

    /** Each summary read on its own (and the live panels), to see where the time goes. */
    private void summaryBreakdown(MetricsFilter filter) {
        for (Long team : new Long[]{null, jdbc.queryForObject("SELECT id FROM team WHERE name = 'North'", Long.class)}) {
            authenticate("erik");
            var user = ((LeadflowUserDetails) SecurityContextHolder.getContext().getAuthentication().getPrincipal()).user();
            SummaryQueries.Scope s = SummaryQueries.scope(filter, team, List.of("WON"));
            MetricsQueries.Scope live = MetricsQueries.scope(filter.withTeam(team), user, Instant.now(), List.of("WON"));
            System.out.printf("  per read from the summary, %s (median of %d):%n", team == null ? "whole company" : "team North", RUNS);
            time("entries + trend (weeks)", () -> summaryQueries.entries(s, filter, TrendGrain.WEEK));
            time("win rate by source", () -> summaryQueries.winRateBySource(s));
            time("win rate by channel", () -> summaryQueries.winRateByChannel(s));
            time("campaigns", () -> summaryQueries.campaigns(s, true));
            time("time in stage", () -> summaryQueries.timeInStage(s));
            time("comeback", () -> summaryQueries.comeback(s));
            time("stuck in INTERESTED (live)", () -> queries.stuckIn(live, "INTERESTED", java.time.Duration.ofDays(30), Instant.now()));
            time("speed to lead (live)", () -> queries.speedToLead(live));
        }
    }

    /** Each query on its own, median of five, to see where the time goes. */
    private void breakdown(MetricsFilter filter) {
        authenticate("erik");
        var user = ((LeadflowUserDetails) SecurityContextHolder.getContext().getAuthentication().getPrincipal()).user();
        MetricsQueries.Scope s = MetricsQueries.scope(filter, user, Instant.now(), List.of("WON"));
        System.out.printf("  per query, whole company (median of %d):%n", RUNS);
        time("new leads", () -> queries.newLeads(s));
        time("funnel entries", () -> queries.funnelEntries(s));
        time("wins", () -> queries.wins(s));
        time("lifecycle entries", () -> queries.lifecycleEntries(s));
        time("win rate by source", () -> queries.winRateBySource(s));
        time("win rate by channel", () -> queries.winRateByChannel(s));
        time("campaigns", () -> queries.campaigns(s, filter, true));
        time("time in stage", () -> queries.timeInStage(s));
        time("stuck in INTERESTED (30 days)", () -> queries.stuckIn(s, "INTERESTED", java.time.Duration.ofDays(30), Instant.now()));
        time("stuck in NEW (30 days)", () -> queries.stuckIn(s, "NEW", java.time.Duration.ofDays(30), Instant.now()));
        time("speed to lead", () -> queries.speedToLead(s));
        time("comeback", () -> queries.comeback(s));
        time("trend (weeks)", () -> queries.trend(s, filter, TrendGrain.WEEK));
    }

    private void time(String label, Supplier<Object> work) {
        work.get();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("    %-32s %6.0f ms%n", label, ms.get(ms.size() / 2));
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
