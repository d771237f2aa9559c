package com.leadflow.segment;

import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a segment's members in line with its rule in a handful of set-based statements, whatever the number
 * of contacts: the matching ids go into a temporary table, and entries and exits are joins against it.
 * Every entry and exit is written to the membership history and to the contact's timeline in the same
 * transaction.
 */
@Component
class SegmentRefresher {

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;
    private final FieldCatalogProvider catalogs;

    SegmentRefresher(JdbcTemplate jdbc, RuleJson ruleJson, FieldCatalogProvider catalogs) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
        this.catalogs = catalogs;
    }

    /** What one refresh changed. */
    record Result(long segmentId, int entered, int exited, int members, long millis) {
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Result refresh(long segmentId, MembershipReason reason, Instant now) {
        return refreshIn(segmentId, reason, now, null);
    }

    /**
     * Refreshes only the given candidate contacts (for the periodic job, which knows whose time-based conditions
     * may have flipped); {@code null} means every contact.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Result refreshCandidates(long segmentId, MembershipReason reason, Instant now, String candidateSql,
                                    List<Object> candidateParams) {
        return refreshIn(segmentId, reason, now, new SqlPredicate(candidateSql, candidateParams));
    }

    private Result refreshIn(long segmentId, MembershipReason reason, Instant now, SqlPredicate candidates) {
        long started = System.nanoTime();
        String name = jdbc.queryForObject("SELECT name FROM segment WHERE id = ?", String.class, segmentId);
        Rule rule = ruleJson.read(jdbc.queryForObject("SELECT rule_json FROM segment WHERE id = ?", String.class,
                segmentId));
        SqlPredicate predicate = new RuleSqlCompiler(catalogs.current()).compile(rule, now);
        Timestamp at = Timestamp.from(now);

        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_match (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_scope (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.update("DELETE FROM segment_match");
        jdbc.update("DELETE FROM segment_scope");

        // which contacts this refresh looks at: all of them, or the candidates
        String scopeJoin = "";
        String memberScope = "";
        if (candidates != null) {
            jdbc.update("INSERT IGNORE INTO segment_scope (contact_id) " + candidates.sql(),
                    candidates.params().toArray());
            scopeJoin = " JOIN segment_scope sc ON sc.contact_id = c.id";
            memberScope = " JOIN segment_scope sc ON sc.contact_id = m.contact_id";
        }
        jdbc.update("INSERT INTO segment_match (contact_id) SELECT c.id FROM contact c" + scopeJoin
                + " WHERE " + predicate.sql(), predicate.params().toArray());

        String newcomers = """
                FROM segment_match s LEFT JOIN segment_member m ON m.segment_id = ? AND m.contact_id = s.contact_id
                WHERE m.contact_id IS NULL""";
        jdbc.update("INSERT INTO segment_membership_history (segment_id, contact_id, entered_at, entry_reason) "
                + "SELECT ?, s.contact_id, ?, ? " + newcomers, segmentId, at, reason.name(), segmentId);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                + "SELECT s.contact_id, 'SEGMENT_ENTERED', ?, 'SYSTEM', ?, JSON_OBJECT('segmentId', ?, 'reason', ?), ? "
                + newcomers, at, name, segmentId, reason.name(), at, segmentId);
        int entered = jdbc.update("INSERT INTO segment_member (segment_id, contact_id, entered_at) SELECT ?, s.contact_id, ? "
                + newcomers, segmentId, at, segmentId);

        String leavers = " FROM segment_member m" + memberScope
                + " LEFT JOIN segment_match s ON s.contact_id = m.contact_id WHERE m.segment_id = ? AND s.contact_id IS NULL";
        jdbc.update("UPDATE segment_membership_history h JOIN (SELECT m.contact_id" + leavers + ") gone"
                        + " ON gone.contact_id = h.contact_id SET h.exited_at = ?, h.exit_reason = ?"
                        + " WHERE h.segment_id = ? AND h.exited_at IS NULL",
                segmentId, at, reason.name(), segmentId);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                + "SELECT m.contact_id, 'SEGMENT_EXITED', ?, 'SYSTEM', ?, JSON_OBJECT('segmentId', ?, 'reason', ?), ?"
                + leavers, at, name, segmentId, reason.name(), at, segmentId);
        int exited = jdbc.update("DELETE m" + leavers, segmentId);

        int members = countMembers(segmentId);
        jdbc.update("UPDATE segment SET member_count = ?, refreshed_at = ? WHERE id = ?", members, at, segmentId);
        return new Result(segmentId, entered, exited, members, (System.nanoTime() - started) / 1_000_000);
    }

    private int countMembers(long segmentId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM segment_member WHERE segment_id = ?", Integer.class,
                segmentId);
        return n == null ? 0 : n;
    }

    /** Segment ids in an order where a segment comes after the segments its rule refers to. */
    List<Long> refreshOrder(List<Long> ids, java.util.function.Function<Long, java.util.Set<Long>> referencesOf) {
        List<Long> ordered = new ArrayList<>();
        java.util.Set<Long> visiting = new java.util.HashSet<>();
        for (Long id : ids) {
            visit(id, referencesOf, ordered, visiting);
        }
        return ordered;
    }

    private void visit(Long id, java.util.function.Function<Long, java.util.Set<Long>> referencesOf, List<Long> ordered,
                       java.util.Set<Long> visiting) {
        if (ordered.contains(id) || !visiting.add(id)) {
            return;
        }
        for (Long ref : referencesOf.apply(id)) {
            visit(ref, referencesOf, ordered, visiting);
        }
        ordered.add(id);
    }
}
