package com.leadflow.scoring;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.security.SystemAuthentication;
import com.leadflow.segment.FullRefreshJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark, not a test: a full scoring refresh and single-contact re-scoring on the benchmark database
 * (1,000,000 contacts, 10,000,000 activities, see docs/benchmarks.md). Prints figures; asserts nothing. Runs only
 * with -Dbenchmark=true:
 * <pre>./mvnw test -Dtest=ScoringBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@BenchmarkDatabase
class ScoringBenchmark {

    private static final int REFRESH_RUNS = Integer.getInteger("refreshRuns", 3);
    private static final int LIVE_RUNS = 200;

    @Autowired
    FullRefreshJob fullRefresh;
    @Autowired
    ScoringRefresher refresher;
    @Autowired
    LiveScorer liveScorer;
    @Autowired
    ScoringModels models;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void scoringAtScale() {
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        long activities = jdbc.queryForObject("SELECT COUNT(*) FROM activity", Long.class);
        ScoringModel model = models.find(ScoringModels.PUBLISHED).orElseThrow();
        System.out.printf("%nScoring benchmark on %,d contacts and %,d activities, %d rules%n", contacts, activities,
                model.rules().size());

        long scanStart = System.nanoTime();
        long grouped = jdbc.queryForObject(
                "SELECT COUNT(*) FROM (SELECT contact_id, COUNT(*) FROM activity GROUP BY contact_id) t", Long.class);
        double scanMillis = (System.nanoTime() - scanStart) / 1e6;
        System.out.printf("  plain aggregate scan of activity (GROUP BY contact_id, %,d groups): %,.0f ms%n", grouped,
                scanMillis);

        for (int i = 0; i < REFRESH_RUNS; i++) {
            ScoringRefresher.Result r = refresher.refreshAll(model, "BENCHMARK", Instant.now());
            System.out.printf("  full refresh %d: %,d ms (ratio to the scan %.2f); %,d contacts changed, %,d timeline "
                    + "entries%n", i + 1, r.millis(), r.millis() / scanMillis, r.changedContacts(), r.timelineEntries());
        }
        if (Boolean.parseBoolean(System.getProperty("combined", "true"))) {
            // what the nightly backstop and "Refresh all" run: scores, then lifecycle, then every segment
            FullRefreshJob.Progress[] all = new FullRefreshJob.Progress[1];
            SystemAuthentication.run(() -> all[0] = fullRefresh.runAllNow());
            System.out.printf("  combined full refresh (scores + lifecycle + %d segments): %,d ms%s%n",
                    all[0].total() - 2, all[0].millis(), all[0].error() == null ? "" : " FAILED: " + all[0].error());
        }

        long maxId = jdbc.queryForObject("SELECT MAX(id) FROM contact", Long.class);
        List<Long> ids = jdbc.queryForList("SELECT id FROM contact WHERE id >= ? ORDER BY id LIMIT ?", Long.class,
                maxId / 3, LIVE_RUNS);
        for (int i = 0; i < 20; i++) {
            liveScorer.rescore(ids.get(i), "BENCHMARK", Instant.now());
        }
        double[] millis = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            long start = System.nanoTime();
            liveScorer.rescore(ids.get(i), "BENCHMARK", Instant.now());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("  single-contact re-score (%d contacts): median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                millis.length, millis[millis.length / 2], millis[(int) (millis.length * 0.95)],
                millis[millis.length - 1]);

        if (!Boolean.parseBoolean(System.getProperty("preview", "true"))) {
            return;
        }
        long previewStart = System.nanoTime();
        ScorePreview preview = refresher.preview(model, Instant.now());
        System.out.printf("  preview + backtest of the model: %,d ms (%,d contacts)%n",
                (System.nanoTime() - previewStart) / 1_000_000, preview.contacts());
    }
}
