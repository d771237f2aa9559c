package com.leadflow.lifecycle;

import com.leadflow.lifecycle.LifecycleDefinitions.StageRule;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.SqlPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies the entry rules to every contact in a few set-based statements per stage, whatever the number of
 * contacts. From the latest stage down, the contacts whose rule matches and who are earlier (and not held) go into
 * a temporary table, first stage wins; all rules see the contacts as they were. Then history, timeline and the
 * contact rows are written with one INSERT…SELECT or UPDATE…JOIN each.
 */
@Component
class LifecycleRefresher {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRefresher.class);

    /** What one refresh moved, per target stage. */
    record Result(Map<com.leadflow.contact.LifecycleStage, Integer> moved, long millis) {
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

    // READ COMMITTED: InnoDB reads the contacts of an INSERT … SELECT without locking each row (decision 015)
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
        List<StageRule> rules = definitions.automatic();
        Map<String, Integer> positions = definitions.positions();
        RuleSqlCompiler compiler = new RuleSqlCompiler(catalogs.current());
        Timestamp at = Timestamp.from(now);

        jdbc.execute("""
                CREATE TEMPORARY TABLE IF NOT EXISTS lifecycle_target (
                    contact_id BIGINT PRIMARY KEY, from_stage VARCHAR(20) NOT NULL, to_stage VARCHAR(20) NOT NULL
                ) ENGINE = InnoDB""");
        jdbc.update("DELETE FROM lifecycle_target");

        Map<com.leadflow.contact.LifecycleStage, Integer> moved = new EnumMap<>(com.leadflow.contact.LifecycleStage.class);
        for (StageRule rule : rules) {
            SqlPredicate predicate;
            try {
                predicate = compiler.compile(rule.rule(), now);
            } catch (RuleValidationException e) {
                log.warn("Lifecycle stage {} has a rule that cannot be compiled: {}", rule.stage(), e);
                continue;
            }
            // contacts at this stage or later are not candidates; unknown codes count as before every stage
            List<String> notEarlier = positions.entrySet().stream().filter(p -> p.getValue() >= rule.position())
                    .map(Map.Entry::getKey).toList();
            List<Object> params = new ArrayList<>();
            params.add(rule.stage().name());
            StringBuilder sql = new StringBuilder("INSERT IGNORE INTO lifecycle_target (contact_id, from_stage, to_stage)"
                    + " SELECT c.id, c.lifecycle_stage, ? FROM contact c WHERE ");
            if (!notEarlier.isEmpty()) {
                sql.append("c.lifecycle_stage NOT IN (")
                        .append(notEarlier.stream().map(code -> "?").collect(Collectors.joining(", "))).append(") AND ");
                params.addAll(notEarlier);
            }
            if (scope != null) {
                sql.append("c.id IN (").append(scope.sql()).append(") AND ");
                params.addAll(scope.params());
            }
            sql.append("NOT ").append(LifecycleHold.heldSql("c.id")).append(" AND (").append(predicate.sql()).append(")");
            params.addAll(predicate.params());
            // INSERT IGNORE: a contact already taken by a later stage keeps that one
            int n = jdbc.update(sql.toString(), params.toArray());
            moved.put(rule.stage(), n);
        }

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
        Result result = new Result(moved, (System.nanoTime() - started) / 1_000_000);
        log.info("Lifecycle refresh moved {} contacts in {} ms: {}", result.total(), result.millis(), moved);
        return result;
    }

    /** The timeline summary of a move, the same as the set-based statement writes. */
    static String summary(String from, String to) {
        return from + " → " + to;
    }
}
