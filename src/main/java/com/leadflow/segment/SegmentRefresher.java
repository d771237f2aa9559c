package com.leadflow.segment;

import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.SqlPredicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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
    private final ApplicationEventPublisher events;

    SegmentRefresher(JdbcTemplate jdbc, RuleJson ruleJson, FieldCatalogProvider catalogs,
                     ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
        this.catalogs = catalogs;
        this.events = events;
    }

    /** What one refresh changed. */
    record Result(long segmentId, int entered, int exited, int members, long millis) {
    }

    // READ COMMITTED: InnoDB reads the contacts of an INSERT … SELECT without locking each row (decision 015)
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public Result refresh(long segmentId, MembershipReason reason, Instant now) {
        return refreshIn(segmentId, reason, now, null);
    }

    /**
     * Refreshes only the given candidate contacts (for the periodic job, which knows whose time-based conditions
     * may have flipped); {@code null} means every contact.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
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

        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_enter (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_leave (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_scope (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.update("DELETE FROM segment_enter");
        jdbc.update("DELETE FROM segment_leave");
        jdbc.update("DELETE FROM segment_scope");

        // which contacts this refresh looks at: all of them, or the candidates
        String contactScope = "";
        String memberScope = "";
        if (candidates != null) {
            jdbc.update("INSERT IGNORE INTO segment_scope (contact_id) " + candidates.sql(),
                    candidates.params().toArray());
            contactScope = " JOIN segment_scope sc ON sc.contact_id = c.id";
            memberScope = " JOIN segment_scope sc ON sc.contact_id = m.contact_id";
        }

        // the two differences, computed once each (the rule is TRUE or FALSE for every contact, never NULL);
        // everything after works on these usually small tables
        List<Object> enterParams = new ArrayList<>(predicate.params());
        enterParams.add(segmentId);
        jdbc.update("INSERT INTO segment_enter (contact_id) SELECT c.id FROM contact c" + contactScope
                + " WHERE " + predicate.sql()
                + " AND NOT EXISTS (SELECT 1 FROM segment_member m WHERE m.segment_id = ? AND m.contact_id = c.id)",
                enterParams.toArray());
        List<Object> leaveParams = new ArrayList<>();
        leaveParams.add(segmentId);
        leaveParams.addAll(predicate.params());
        jdbc.update("INSERT INTO segment_leave (contact_id) SELECT m.contact_id FROM segment_member m" + memberScope
                + " JOIN contact c ON c.id = m.contact_id WHERE m.segment_id = ? AND NOT " + predicate.sql(),
                leaveParams.toArray());

        jdbc.update("INSERT INTO segment_membership_history (segment_id, contact_id, entered_at, entry_reason) "
                + "SELECT ?, e.contact_id, ?, ? FROM segment_enter e", segmentId, at, reason.name());
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                + "SELECT e.contact_id, 'SEGMENT_ENTERED', ?, 'SYSTEM', ?, JSON_OBJECT('segmentId', ?, 'reason', ?), ? "
                + "FROM segment_enter e", at, name, segmentId, reason.name(), at);
        int entered = jdbc.update("INSERT INTO segment_member (segment_id, contact_id, entered_at) "
                + "SELECT ?, e.contact_id, ? FROM segment_enter e", segmentId, at);

        jdbc.update("UPDATE segment_membership_history h JOIN segment_leave l ON l.contact_id = h.contact_id "
                + "SET h.exited_at = ?, h.exit_reason = ? WHERE h.segment_id = ? AND h.exited_at IS NULL",
                at, reason.name(), segmentId);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at) "
                + "SELECT l.contact_id, 'SEGMENT_EXITED', ?, 'SYSTEM', ?, JSON_OBJECT('segmentId', ?, 'reason', ?), ? "
                + "FROM segment_leave l", at, name, segmentId, reason.name(), at);
        int exited = jdbc.update("DELETE m FROM segment_member m JOIN segment_leave l ON l.contact_id = m.contact_id "
                + "WHERE m.segment_id = ?", segmentId);

        // a full refresh recounts; a partial one adjusts the count by what it changed
        if (candidates == null) {
            jdbc.update("UPDATE segment SET member_count = (SELECT COUNT(*) FROM segment_member WHERE segment_id = ?), "
                    + "refreshed_at = ? WHERE id = ?", segmentId, at, segmentId);
        } else {
            jdbc.update("UPDATE segment SET member_count = GREATEST(member_count + ? - ?, 0), refreshed_at = ? WHERE id = ?",
                    entered, exited, at, segmentId);
        }
        int members = jdbc.queryForObject("SELECT member_count FROM segment WHERE id = ?", Integer.class, segmentId);
        if (entered + exited > 0) {
            events.publishEvent(new SegmentMembershipChangedEvent(segmentId, null)); // cadences enrol set-based
        }
        return new Result(segmentId, entered, exited, members, (System.nanoTime() - started) / 1_000_000);
    }

    /** Segment ids in an order where a segment comes after the segments its rule refers to. */
    List<Long> refreshOrder(List<Long> ids, Function<Long, Set<Long>> referencesOf) {
        List<Long> ordered = new ArrayList<>();
        Set<Long> visiting = new HashSet<>();
        for (Long id : ids) {
            visit(id, referencesOf, ordered, visiting);
        }
        return ordered;
    }

    private void visit(Long id, Function<Long, Set<Long>> referencesOf, List<Long> ordered,
                       Set<Long> visiting) {
        if (ordered.contains(id) || !visiting.add(id)) {
            return;
        }
        for (Long ref : referencesOf.apply(id)) {
            visit(ref, referencesOf, ordered, visiting);
        }
        ordered.add(id);
    }
}
