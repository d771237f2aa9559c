package com.leadflow.segment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.leadflow.lifecycle.LifecyclePass;
import com.leadflow.lifecycle.LifecycleRefreshJob;
import com.leadflow.rules.ContactPass;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.scoring.ScoringPass;
import com.leadflow.scoring.ScoringService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full refresh in the background, with progress the UI can show: scores first (lifecycle rules read them),
 * then lifecycle stages, then every segment (dependencies first), each step set-based. One at a time per node;
 * MARKETING and ADMIN may start it.
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
    private final ScoringService scoring;
    private final LifecycleRefreshJob lifecycle;
    private final FieldCatalogProvider catalogs;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "segment-full-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);

    FullRefreshJob(SegmentRefresher refresher, JdbcTemplate jdbc, RuleRefs ruleRefs, ScoringService scoring,
                   LifecycleRefreshJob lifecycle, FieldCatalogProvider catalogs) {
        this.catalogs = catalogs;
        this.scoring = scoring;
        this.lifecycle = lifecycle;
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
        progress.set(new Progress(0, order.size() + 2, true, 0, null, null));
        // the steps run as the user who started them: the services check their role
        executor.submit(new DelegatingSecurityContextRunnable(() -> run(order, true)));
        return progress.get();
    }

    /**
     * Scores, lifecycle and segments in the calling thread, unless a refresh is already running (then it returns
     * that one's progress): the nightly backstop for what time alone changes — score decay, lifecycle rules with
     * time conditions.
     */
    @PreAuthorize(SegmentService.CAN_EDIT)
    public Progress runAllNow() {
        List<Long> order;
        synchronized (this) {
            if (progress.get().running()) {
                return progress.get();
            }
            List<Long> ids = jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class);
            order = refresher.refreshOrder(ids, ruleRefs::referencedSegments);
            progress.set(new Progress(0, order.size() + 2, true, 0, null, null));
        }
        run(order, true);
        return progress.get();
    }

    /** Refreshes the segments only, in the calling thread (benchmarks and tests); returns the final progress. */
    Progress runSegmentsNow() {
        List<Long> ids = jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class);
        List<Long> order = refresher.refreshOrder(ids, ruleRefs::referencedSegments);
        progress.set(new Progress(0, order.size(), true, 0, null, null));
        run(order, false);
        return progress.get();
    }

    private static void log(SegmentRefresher.Result result) {
        log.info("Segment {} refreshed: {} entered, {} left, {} members, {} ms", result.segmentId(), result.entered(),
                result.exited(), result.members(), result.millis());
    }

    private void run(List<Long> order, boolean scoresAndLifecycle) {
        long started = System.nanoTime();
        int total = order.size() + (scoresAndLifecycle ? 2 : 0);
        int done = 0;
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // the segments that do not refer to other segments are decided in the same read of the contacts (or
            // one of their own); the others follow in dependency order, each after the segments it refers to
            List<Long> together = order.stream().filter(id -> ruleRefs.referencedSegments(id).isEmpty()).toList();
            if (scoresAndLifecycle) {
                done = runOnePass(together, now, started, total);
            } else {
                for (SegmentRefresher.Result result : refresher.refreshTogether(together,
                        MembershipReason.FULL_REFRESH, now)) {
                    log(result);
                }
                done += together.size();
            }
            progress.set(new Progress(done, total, true, (System.nanoTime() - started) / 1_000_000, null, null));
            for (Long id : order) {
                if (together.contains(id)) {
                    continue;
                }
                log(refresher.refresh(id, MembershipReason.FULL_REFRESH, now));
                done++;
                progress.set(new Progress(done, total, true, (System.nanoTime() - started) / 1_000_000, null, null));
            }
            progress.set(new Progress(done, total, false, (System.nanoTime() - started) / 1_000_000,
                    Instant.now(), null));
        } catch (RuntimeException e) {
            log.error("Full segment refresh failed", e);
            progress.set(new Progress(done, total, false, (System.nanoTime() - started) / 1_000_000,
                    Instant.now(), e.getMessage()));
        }
    }

    /**
     * Scores, lifecycle stages and the given segments from one read of the contacts ({@link ContactPass}, decision
     * 019), each contact decided in that order; then each writes what changed, in its own transaction, in the same
     * order. Returns the number of steps done.
     */
    private int runOnePass(List<Long> together, Instant now, long started, int total) {
        Optional<ScoringPass> scores = scoring.fullRefreshPass(now);
        LifecyclePass stages = lifecycle.fullRefreshPass(now);
        SegmentPass segments = new SegmentPass(refresher, together, catalogs.current(), now);
        List<ContactPass.Step> steps = new ArrayList<>();
        scores.ifPresent(steps::add);
        steps.add(stages);
        steps.add(segments);
        long read = ContactPass.run(jdbc, catalogs.current(), now, steps);
        log.info("Full refresh: {} contacts read and decided in {} ms", read, (System.nanoTime() - started) / 1_000_000);
        int done = 0;
        if (scores.isPresent()) {
            ScoringService.PublishResult result = scores.get().write();
            log.info("Full refresh: scores, {} contacts changed", result.changedContacts());
        }
        progress.set(new Progress(++done, total, true, (System.nanoTime() - started) / 1_000_000, null, null));
        LifecycleRefreshJob.Progress moved = stages.write();
        log.info("Full refresh: lifecycle, {} contacts moved", moved.moved());
        progress.set(new Progress(++done, total, true, (System.nanoTime() - started) / 1_000_000, null, null));
        for (SegmentRefresher.Result result : segments.write(MembershipReason.FULL_REFRESH)) {
            log(result);
        }
        return done + together.size();
    }
}
