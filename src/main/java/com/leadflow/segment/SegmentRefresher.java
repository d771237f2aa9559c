package com.leadflow.segment;

import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.RuleValidator;
import com.leadflow.rules.SqlPredicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private static final int STREAM_FETCH_SIZE = 10_000;
    private static final int INSERT_BATCH = 5_000;

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

        createWorkTables();
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

        return write(segmentId, name, reason, at, candidates == null, started);
    }

    /**
     * Writes what {@code segment_enter} and {@code segment_leave} hold: history, timeline, members; then the member
     * count (a full refresh recounts, a partial one adjusts it by what it changed).
     */
    private Result write(long segmentId, String name, MembershipReason reason, Timestamp at, boolean recount,
                         long started) {
        return write(segmentId, name, reason, at, recount, true, started);
    }

    /**
     * With {@code announce} false no {@link SegmentMembershipChangedEvent} is published: a batch re-evaluation's
     * contacts each get their own change event, which the cadences follow.
     */
    private Result write(long segmentId, String name, MembershipReason reason, Timestamp at, boolean recount,
                         boolean announce, long started) {
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
        if (recount) {
            jdbc.update("UPDATE segment SET member_count = (SELECT COUNT(*) FROM segment_member WHERE segment_id = ?), "
                    + "refreshed_at = ? WHERE id = ?", segmentId, at, segmentId);
        } else {
            jdbc.update("UPDATE segment SET member_count = GREATEST(member_count + ? - ?, 0), refreshed_at = ? WHERE id = ?",
                    entered, exited, at, segmentId);
        }
        int members = jdbc.queryForObject("SELECT member_count FROM segment WHERE id = ?", Integer.class, segmentId);
        if (announce && entered + exited > 0) {
            events.publishEvent(new SegmentMembershipChangedEvent(segmentId, null)); // cadences enrol set-based
        }
        return new Result(segmentId, entered, exited, members, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Refreshes several segments with one read of the contacts (for the full refresh): every segment's rule is one
     * column of a single streamed {@code SELECT} over {@code contact}, compared in memory with the current members
     * (read once); only the contacts that enter or leave are written, as {@link #refresh} does. The rules must not
     * refer to other segments (those are refreshed after, in order, one by one).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public List<Result> refreshTogether(List<Long> segmentIds, MembershipReason reason, Instant now) {
        long started = System.nanoTime();
        if (segmentIds.isEmpty()) {
            return List.of();
        }
        RuleSqlCompiler compiler = new RuleSqlCompiler(catalogs.current());
        List<String> names = new ArrayList<>();
        List<Set<Long>> members = new ArrayList<>();
        List<List<Long>> entering = new ArrayList<>();
        List<List<Long>> leaving = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT c.id");
        List<Object> params = new ArrayList<>();
        for (Long id : segmentIds) {
            names.add(jdbc.queryForObject("SELECT name FROM segment WHERE id = ?", String.class, id));
            Rule rule = ruleJson.read(jdbc.queryForObject("SELECT rule_json FROM segment WHERE id = ?", String.class,
                    id));
            SqlPredicate predicate = compiler.compile(rule, now);
            // a compiled rule is TRUE or FALSE for every contact, never NULL
            select.append(", ").append(predicate.sql());
            params.addAll(predicate.params());
            members.add(new HashSet<>(jdbc.queryForList("SELECT contact_id FROM segment_member WHERE segment_id = ?",
                    Long.class, id)));
            entering.add(new ArrayList<>());
            leaving.add(new ArrayList<>());
        }
        select.append(" FROM contact c");
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(select.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(STREAM_FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> {
            long contactId = rs.getLong(1);
            for (int i = 0; i < segmentIds.size(); i++) {
                boolean matches = rs.getBoolean(i + 2);
                boolean member = members.get(i).contains(contactId);
                if (matches && !member) {
                    entering.get(i).add(contactId);
                } else if (!matches && member) {
                    leaving.get(i).add(contactId);
                }
            }
        });

        return writeChanges(segmentIds, names, entering, leaving, reason, now, started, true);
    }

    /** A segment's name and rule as a refresh reads them. */
    record SegmentRule(long id, String name, Rule rule) {
    }

    /** The segment's name and rule; the rule must be valid (the refresh fails otherwise, as a compile would). */
    SegmentRule read(long segmentId) {
        String name = jdbc.queryForObject("SELECT name FROM segment WHERE id = ?", String.class, segmentId);
        Rule rule = ruleJson.read(jdbc.queryForObject("SELECT rule_json FROM segment WHERE id = ?", String.class,
                segmentId));
        new RuleValidator(catalogs.current()).requireValid(rule);
        return new SegmentRule(segmentId, name, rule);
    }

    /** The segment's current members (among the given contacts; null: all). */
    Set<Long> members(long segmentId, List<Long> among) {
        if (among == null) {
            return new HashSet<>(jdbc.queryForList("SELECT contact_id FROM segment_member WHERE segment_id = ?",
                    Long.class, segmentId));
        }
        Set<Long> members = new HashSet<>();
        for (int from = 0; from < among.size(); from += INSERT_BATCH) {
            List<Long> part = among.subList(from, Math.min(among.size(), from + INSERT_BATCH));
            List<Object> params = new ArrayList<>(part);
            params.addFirst(segmentId);
            members.addAll(jdbc.queryForList("SELECT contact_id FROM segment_member WHERE segment_id = ? AND contact_id IN ("
                    + String.join(", ", part.stream().map(id -> "?").toList()) + ")", Long.class, params.toArray()));
        }
        return members;
    }

    /**
     * Writes the entries and exits found by a read of the contacts (the full refresh's, {@link SegmentPass}, or
     * {@link #refreshTogether}'s own), segment by segment, as {@link #refresh} does.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public List<Result> writeChanges(List<Long> segmentIds, List<String> names, List<List<Long>> entering,
                                     List<List<Long>> leaving, MembershipReason reason, Instant now, long started,
                                     boolean recount) {
        createWorkTables();
        Timestamp at = Timestamp.from(now);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < segmentIds.size(); i++) {
            long segmentId = segmentIds.get(i);
            long segmentStarted = System.nanoTime();
            jdbc.update("DELETE FROM segment_enter");
            jdbc.update("DELETE FROM segment_leave");
            insertIds("segment_enter", entering.get(i));
            insertIds("segment_leave", leaving.get(i));
            // the live evaluation may have moved a contact since the members were read: only real changes count
            jdbc.update("DELETE e FROM segment_enter e JOIN segment_member m ON m.contact_id = e.contact_id "
                    + "AND m.segment_id = ?", segmentId);
            jdbc.update("DELETE l FROM segment_leave l WHERE NOT EXISTS (SELECT 1 FROM segment_member m "
                    + "WHERE m.segment_id = ? AND m.contact_id = l.contact_id)", segmentId);
            // a full refresh recounts and announces; a batch adjusts the counts and leaves cadences to its
            // contacts' own change events
            results.add(write(segmentId, names.get(i), reason, at, recount, recount,
                    i == 0 ? started : segmentStarted));
        }
        return results;
    }

    private void insertIds(String table, List<Long> ids) {
        for (int from = 0; from < ids.size(); from += INSERT_BATCH) {
            jdbc.batchUpdate("INSERT INTO " + table + " (contact_id) VALUES (?)",
                    ids.subList(from, Math.min(ids.size(), from + INSERT_BATCH)).stream()
                            .map(id -> new Object[]{id}).toList());
        }
    }

    private void createWorkTables() {
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_enter (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_leave (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS segment_scope (contact_id BIGINT PRIMARY KEY) ENGINE = InnoDB");
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
