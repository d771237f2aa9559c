package com.leadflow.segment;

import com.leadflow.BenchmarkDatabase;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.Comparison;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleQueryService;
import com.leadflow.security.LeadflowUserDetails;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark, not a test: segment refresh, live preview and single-contact re-evaluation on the benchmark database
 * (1,000,000 contacts, 10,000,000 activities; see docs/benchmarks.md). Prints figures; asserts nothing:
 * <pre>./mvnw test -Dtest=SegmentBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@BenchmarkDatabase
class SegmentBenchmark {

    @Autowired
    FullRefreshJob fullRefresh;
    @Autowired
    SegmentRefresher refresher;
    @Autowired
    SegmentLiveEvaluator liveEvaluator;
    @Autowired
    RuleQueryService ruleQueries;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void segmentsAtScale() {
        LeadflowUserDetails maria = (LeadflowUserDetails) users.loadUserByUsername("maria");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(maria, null, maria.getAuthorities()));
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        long activities = jdbc.queryForObject("SELECT COUNT(*) FROM activity", Long.class);
        System.out.printf("%nSegment benchmark on %,d contacts and %,d activities%n", contacts, activities);

        long scanStart = System.nanoTime();
        int groups = jdbc.query("SELECT contact_id, COUNT(*) FROM activity GROUP BY contact_id", rs -> {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        });
        double scanMs = (System.nanoTime() - scanStart) / 1e6;
        System.out.printf("  plain aggregate scan of activity (GROUP BY contact_id, %,d groups): %8.0f ms%n", groups, scanMs);

        List<Long> ids = jdbc.queryForList("SELECT id FROM segment WHERE system_key IS NOT NULL ORDER BY id", Long.class);
        // a refresh from empty: every member enters (with history and a timeline entry each)
        String idList = String.join(",", ids.stream().map(String::valueOf).toList());
        jdbc.update("DELETE FROM segment_member WHERE segment_id IN (" + idList + ")");
        jdbc.update("DELETE FROM segment_membership_history WHERE segment_id IN (" + idList + ")");
        long fillStart = System.nanoTime();
        for (Long id : ids) {
            SegmentRefresher.Result r = refresher.refresh(id, MembershipReason.FULL_REFRESH, Instant.now());
            System.out.printf("    segment %d from empty: %,d members in %,d ms%n", id, r.members(), r.millis());
        }
        double fillMs = (System.nanoTime() - fillStart) / 1e6;
        System.out.printf("  four default segments filled from empty: %8.0f ms (ratio to the scan %.2f)%n", fillMs, fillMs / scanMs);

        long refreshStart = System.nanoTime();
        FullRefreshJob.Progress progress = fullRefresh.runSegmentsNow();
        double refreshMs = (System.nanoTime() - refreshStart) / 1e6;
        System.out.printf("  full refresh of all %d segments (steady state): %8.0f ms (ratio to the scan %.2f)%n",
                progress.total(), refreshMs, refreshMs / scanMs);

        Rule typical = Rule.of(RuleNode.all(
                new RuleNode.FieldCondition("lifecycleStage", Operator.EQUALS, LifecycleStage.MQL.name()),
                new RuleNode.FieldCondition("country", Operator.IN, "DE", "RU", "US"),
                new RuleNode.BehaviourCondition(ActivityType.CONTENT_DOWNLOAD, 90, null, null, Comparison.AT_LEAST, 1)));
        report("live preview count, 3-condition rule (MQL, country in 3, download in 90 days)",
                () -> ruleQueries.count(typical));
        Rule simple = Rule.of(RuleNode.all(
                new RuleNode.FieldCondition("status", Operator.EQUALS, ContactStatus.OPEN.name()),
                new RuleNode.FieldCondition("lifecycleStage", Operator.EQUALS, LifecycleStage.SQL.name()),
                new RuleNode.FieldCondition("score", Operator.GREATER_THAN, "50")));
        report("live preview count, 3 field conditions (open, SQL, score > 50)", () -> ruleQueries.count(simple));

        List<Long> sample = jdbc.queryForList("SELECT id FROM contact WHERE id % 50000 = 7", Long.class);
        double[] millis = new double[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            long start = System.nanoTime();
            liveEvaluator.reevaluate(sample.get(i), MembershipReason.CONTACT_CHANGED, Instant.now());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("  single-contact re-evaluation of all segments (%d contacts): median %.1f ms, max %.1f ms%n",
                sample.size(), millis[millis.length / 2], millis[millis.length - 1]);
    }

    private static void report(String name, java.util.function.Supplier<Object> query) {
        query.get();
        double[] millis = new double[5];
        Object result = null;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            result = query.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("  %-75s median %7.1f ms  max %7.1f ms  (%s)%n", name, millis[2], millis[4], result);
    }
}
