package com.leadflow.segment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A full refresh of every segment in the background, one set-based refresh per segment, with progress the UI
 * can show. One at a time per node; MARKETING and ADMIN may start it.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class FullRefreshJob {

    private static final Logger log = LoggerFactory.getLogger(FullRefreshJob.class);

    /** Where the refresh stands: done of total segments, running or finished, and how long it took. */
    public record Progress(int done, int total, boolean running, long millis, Instant finishedAt, String error) {
        static final Progress IDLE = new Progress(0, 0, false, 0, null, null);
    }

    private final SegmentRefresher refresher;
    private final JdbcTemplate jdbc;
    private final RuleRefs ruleRefs;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "segment-full-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);

    FullRefreshJob(SegmentRefresher refresher, JdbcTemplate jdbc, RuleRefs ruleRefs) {
        this.refresher = refresher;
        this.jdbc = jdbc;
        this.ruleRefs = ruleRefs;
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a refresh unless one is running; returns the progress right after starting. */
    @PreAuthorize(SegmentService.CAN_EDIT)
    public synchronized Progress start() {
        if (progress.get().running()) {
            return progress.get();
        }
        List<Long> ids = jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class);
        List<Long> order = refresher.refreshOrder(ids, ruleRefs::referencedSegments);
        progress.set(new Progress(0, order.size(), true, 0, null, null));
        executor.submit(() -> run(order));
        return progress.get();
    }

    /** Runs a full refresh in the calling thread (benchmarks and tests); returns the final progress. */
    Progress runNow() {
        List<Long> ids = jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class);
        List<Long> order = refresher.refreshOrder(ids, ruleRefs::referencedSegments);
        progress.set(new Progress(0, order.size(), true, 0, null, null));
        run(order);
        return progress.get();
    }

    private void run(List<Long> order) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        int done = 0;
        try {
            for (Long id : order) {
                SegmentRefresher.Result result = refresher.refresh(id, MembershipReason.FULL_REFRESH, now);
                log.info("Segment {} refreshed: {} entered, {} left, {} members, {} ms", id, result.entered(),
                        result.exited(), result.members(), result.millis());
                done++;
                progress.set(new Progress(done, order.size(), true, (System.nanoTime() - started) / 1_000_000, null, null));
            }
            progress.set(new Progress(done, order.size(), false, (System.nanoTime() - started) / 1_000_000,
                    Instant.now(), null));
        } catch (RuntimeException e) {
            log.error("Full segment refresh failed", e);
            progress.set(new Progress(done, order.size(), false, (System.nanoTime() - started) / 1_000_000,
                    Instant.now(), e.getMessage()));
        }
    }
}
