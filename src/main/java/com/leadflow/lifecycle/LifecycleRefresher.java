package com.leadflow.lifecycle;

import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleDefinitions.StageRule;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.SqlPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the entry rules to every contact in one pass, whatever the number of contacts (decision 015 does the same
 * for scores): the stages' rules are one {@code CASE} over a contact, latest stage first, that yields the stage the
 * contact moves forward to (or NULL: it stays). A branch before each rule stops the CASE for contacts already at or
 * after that stage, so forward-only is decided in SQL and rules of stages a contact has passed are not evaluated.
 * The result is streamed (the CASE evaluated once per contact); only the contacts that move are kept, in a temporary
 * table, and history, timeline and contact rows are written from it with one statement each.
 */
@Component
class LifecycleRefresher {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRefresher.class);

    private static final int STREAM_FETCH_SIZE = 10_000;
    private static final int INSERT_BATCH = 5_000;

    /** What one refresh moved, per target stage. */
    record Result(Map<LifecycleStage, Integer> moved, long millis) {
        int total() {
            return moved.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final JdbcTemplate jdbc;
    private final LifecycleDefinitions definitions;
    private final FieldCatalogProvider catalogs;

    LifecycleRefresher(JdbcTemplate jdbc, LifecycleDefinitions definitions, FieldCatalogProvider catalogs) {
        this.jdbc = jdbc;
        this.definitions = definitions;
        this.catalogs = catalogs;
    }

    // READ COMMITTED: InnoDB reads the contacts without locking each row (decision 015)
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public Result refresh(Instant now) {
        return refresh(now, null);
    }

    /**
     * Refreshes only the contacts whose ids {@code scope} selects (a {@code SELECT id …}; for jobs that know whose
     * facts may have changed, and for tests); null means every contact.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public Result refresh(Instant now, SqlPredicate scope) {
        long started = System.nanoTime();
        Timestamp at = Timestamp.from(now);
        Map<LifecycleStage, Integer> moved = new EnumMap<>(LifecycleStage.class);

        List<Object> params = new ArrayList<>();
        List<LifecycleDefinitions.Row> all = definitions.all();
        String target = targetSql(LifecycleDefinitions.automatic(all), LifecycleDefinitions.positions(all), now, params);
        StringBuilder select = new StringBuilder("SELECT c.id, c.lifecycle_stage, ").append(target)
                .append(" FROM contact c");
        if (scope != null) {
            select.append(" WHERE c.id IN (").append(scope.sql()).append(")");
            params.addAll(scope.params());
        }
        // a person's move back holds the contact until newer engagement: few rows, read once
        Set<Long> held = held();

        List<Object[]> moves = new ArrayList<>();
        if (target != null) {
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(select.toString(),
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(STREAM_FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                return statement;
            }, (RowCallbackHandler) rs -> {
                String to = rs.getString(3);
                long contactId = rs.getLong(1);
                if (to != null && !held.contains(contactId)) {
                    moves.add(new Object[]{contactId, rs.getString(2), to});
                    moved.merge(LifecycleStage.valueOf(to), 1, Integer::sum);
                }
            });
        }

        writeMoves(moves, at);
        Result result = new Result(moved, (System.nanoTime() - started) / 1_000_000);
        log.info("Lifecycle refresh moved {} contacts in {} ms: {}", result.total(), result.millis(), moved);
        return result;
    }

    /** The contacts a person's move back holds (until newer engagement): few rows, read once per refresh. */
    public Set<Long> held() {
        return new HashSet<>(jdbc.queryForList(
                "SELECT h.contact_id FROM lifecycle_hold h WHERE " + LifecycleHold.heldSql("h.contact_id"), Long.class));
    }

    /**
     * Writes the moves a full refresh's single read of the contacts found ({@link LifecyclePass}), as
     * {@link #refresh} writes its own: {@code moves} holds contact id, from stage, to stage.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public void write(List<Object[]> moves, Instant now) {
        writeMoves(moves, Timestamp.from(now));
    }

    /** History, timeline entry, the contact's new stage and the hold's release, one statement each. */
    private void writeMoves(List<Object[]> moves, Timestamp at) {
        if (!moves.isEmpty()) {
            jdbc.execute("""
                    CREATE TEMPORARY TABLE IF NOT EXISTS lifecycle_target (
                        contact_id BIGINT PRIMARY KEY, from_stage VARCHAR(20) NOT NULL, to_stage VARCHAR(20) NOT NULL
                    ) ENGINE = InnoDB""");
            jdbc.update("DELETE FROM lifecycle_target");
            for (int from = 0; from < moves.size(); from += INSERT_BATCH) {
                jdbc.batchUpdate("INSERT INTO lifecycle_target (contact_id, from_stage, to_stage) VALUES (?, ?, ?)",
                        moves.subList(from, Math.min(moves.size(), from + INSERT_BATCH)));
            }
            // the stage the contact was read at: a contact moved meanwhile (by a person) is left alone
            jdbc.update("""
                    DELETE t FROM lifecycle_target t JOIN contact c ON c.id = t.contact_id
                    WHERE c.lifecycle_stage <> t.from_stage""");
            jdbc.update("""
                    INSERT INTO lifecycle_stage_history (contact_id, from_stage, to_stage, moved_at, moved_by_user_id, cause)
                    SELECT t.contact_id, t.from_stage, t.to_stage, ?, NULL, 'RULE' FROM lifecycle_target t""", at);
            jdbc.update("""
                    INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at)
                    SELECT t.contact_id, 'LIFECYCLE_CHANGE', ?, 'SYSTEM', CONCAT(t.from_stage, ' → ', t.to_stage),
                           JSON_OBJECT('from', t.from_stage, 'to', t.to_stage, 'cause', 'RULE'), ?
                    FROM lifecycle_target t""", at, at);
            // a new version tells an open form that the contact changed under it
            jdbc.update("""
                    UPDATE contact c JOIN lifecycle_target t ON t.contact_id = c.id
                    SET c.lifecycle_stage = t.to_stage, c.version = c.version + 1, c.updated_at = ?""", at);
            jdbc.update("DELETE h FROM lifecycle_hold h JOIN lifecycle_target t ON t.contact_id = h.contact_id");
            jdbc.update("DELETE FROM lifecycle_target");
        }
    }

    /**
     * The stage a contact moves forward to, as one SQL expression over {@code contact c} (NULL: it stays). Stages
     * latest first; before each rule, a contact at that stage or later stops with NULL (a code without a definition
     * counts as before every stage). Null when no stage has a usable rule. Appends its parameters in order.
     */
    private String targetSql(List<StageRule> latestFirst, Map<String, Integer> positions, Instant now,
                             List<Object> params) {
        RuleSqlCompiler compiler = new RuleSqlCompiler(catalogs.current());
        StringBuilder sql = new StringBuilder("CASE");
        boolean any = false;
        for (StageRule rule : latestFirst) {
            SqlPredicate predicate;
            try {
                predicate = compiler.compile(rule.rule(), now);
            } catch (RuleValidationException e) {
                log.warn("Lifecycle stage {} has a rule that cannot be compiled: {}", rule.stage(), e);
                continue;
            }
            List<String> notEarlier = positions.entrySet().stream().filter(p -> p.getValue() >= rule.position())
                    .map(Map.Entry::getKey).sorted().toList();
            sql.append(" WHEN c.lifecycle_stage IN (")
                    .append(notEarlier.stream().map(code -> "?").collect(Collectors.joining(", ")))
                    .append(") THEN NULL");
            params.addAll(notEarlier);
            sql.append(" WHEN ").append(predicate.sql()).append(" THEN ?");
            params.addAll(predicate.params());
            params.add(rule.stage().name());
            any = true;
        }
        return any ? sql.append(" ELSE NULL END").toString() : null;
    }

    /** The timeline summary of a move, the same as the set-based statement writes. */
    static String summary(String from, String to) {
        return from + " → " + to;
    }
}
