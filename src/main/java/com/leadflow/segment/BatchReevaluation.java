package com.leadflow.segment;

import com.leadflow.contact.ContactBatchReevaluator;
import com.leadflow.lifecycle.LifecyclePass;
import com.leadflow.lifecycle.LifecycleRefreshJob;
import com.leadflow.rules.ContactPass;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.scoring.ScoringPass;
import com.leadflow.scoring.ScoringService;
import com.leadflow.security.SystemAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-evaluates a batch of changed contacts with the full refresh's machinery (decision 019) restricted to them: one
 * read of the batch's contacts, activities and memberships, scores then lifecycle then segments decided per contact,
 * and what changed written set-based — as the live evaluation writes it (reason "contact changed", score times for
 * the explanation, member counts adjusted). The segments that refer to other segments follow for the batch, in
 * dependency order.
 */
@Component
@Order(0) // before the cadences: they follow the segments
class BatchReevaluation implements ContactBatchReevaluator {

    private static final Logger log = LoggerFactory.getLogger(BatchReevaluation.class);

    private final ScoringService scoring;
    private final LifecycleRefreshJob lifecycle;
    private final SegmentRefresher refresher;
    private final RuleRefs ruleRefs;
    private final FieldCatalogProvider catalogs;
    private final JdbcTemplate jdbc;

    BatchReevaluation(ScoringService scoring, LifecycleRefreshJob lifecycle, SegmentRefresher refresher,
                      RuleRefs ruleRefs, FieldCatalogProvider catalogs, JdbcTemplate jdbc) {
        this.scoring = scoring;
        this.lifecycle = lifecycle;
        this.refresher = refresher;
        this.ruleRefs = ruleRefs;
        this.catalogs = catalogs;
        this.jdbc = jdbc;
    }

    @Override
    public void reevaluate(List<Long> contactIds) {
        // a background worker: the services' role checks see the system (an administrator)
        SystemAuthentication.run(() -> reevaluateAsSystem(contactIds.stream().distinct().sorted().toList()));
    }

    private void reevaluateAsSystem(List<Long> ids) {
        long started = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Long> segmentIds = jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class);
        List<Long> order = refresher.refreshOrder(segmentIds, ruleRefs::referencedSegments);
        List<Long> together = order.stream().filter(id -> ruleRefs.referencedSegments(id).isEmpty()).toList();

        Optional<ScoringPass> scores = scoring.fullRefreshPass(now);
        LifecyclePass stages = lifecycle.fullRefreshPass(now);
        SegmentPass segments = new SegmentPass(refresher, together, catalogs.current(), now, ids);
        List<ContactPass.Step> steps = new ArrayList<>();
        scores.ifPresent(steps::add);
        steps.add(stages);
        steps.add(segments);
        ContactPass.run(jdbc, catalogs.current(), now, steps, ids);

        scores.ifPresent(pass -> pass.writeBatch(ids));
        stages.write();
        int moved = segments.writeBatch().stream().mapToInt(r -> r.entered() + r.exited()).sum();
        String candidates = "SELECT id FROM contact WHERE id IN (" + String.join(", ", ids.stream().map(id -> "?")
                .toList()) + ")";
        for (Long id : order) {
            if (!together.contains(id)) {
                SegmentRefresher.Result result = refresher.refreshCandidates(id, MembershipReason.CONTACT_CHANGED,
                        now, candidates, new ArrayList<>(ids));
                moved += result.entered() + result.exited();
            }
        }
        log.info("Batch re-evaluation of {} contacts: {} segment entries and exits, {} ms", ids.size(), moved,
                (System.nanoTime() - started) / 1_000_000);
    }
}
