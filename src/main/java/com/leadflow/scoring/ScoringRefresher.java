package com.leadflow.scoring;

import com.leadflow.contact.Temperature;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores every contact with a handful of set-based statements per model, whatever the number of contacts: one
 * INSERT … SELECT per rule into the twin breakdown table, one aggregate into a temporary table of new scores, then
 * the moves (timeline entries, coalesced), one UPDATE of the contacts, and an atomic RENAME that swaps the new
 * breakdown in. The same per-rule statements, into a temporary table, give the preview and the backtest of a draft.
 */
@Component
class ScoringRefresher {

    /** What one full refresh did. */
    record Result(int rules, long parts, long changedContacts, long timelineEntries, long millis) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ScoringRefresher.class);

    private final JdbcTemplate jdbc;
    private final FieldCatalogProvider catalogs;
    private final TransactionTemplate transactions;

    ScoringRefresher(JdbcTemplate jdbc, FieldCatalogProvider catalogs, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.catalogs = catalogs;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Scores every contact with the model and makes its breakdown the current one. */
    Result refreshAll(ScoringModel model, String reason, Instant at) {
        return refreshAll(model, reason, at, true);
    }

    /**
     * With {@code timeline} false the moves are not written to the timeline (only remembered as the baseline for
     * the next ones): the very first scoring replaces placeholder scores, and a million "score changed" entries
     * would tell nobody anything.
     */
    synchronized Result refreshAll(ScoringModel model, String reason, Instant at, boolean timeline) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        return transactions.execute(status -> {
            LocalDateTime time = DbTime.of(now);
            // TRUNCATE and RENAME commit implicitly: the work between them is one transaction, the swap is atomic
            jdbc.execute("TRUNCATE TABLE contact_score_part_next");
            long parts = 0;
            for (ScoringRule rule : model.rules()) {
                long step = System.nanoTime();
                long rows = insertParts("contact_score_part_next (contact_id, rule_id, points)", rule.id(), rule,
                        model, now);
                parts += rows;
                log.info("Scoring rule {} '{}': {} contacts in {} ms", rule.id(), rule.name(), rows,
                        (System.nanoTime() - step) / 1_000_000);
            }
            long step = System.nanoTime();
            ScoreCalculator calc = model.calculator();
            jdbc.execute("DROP TEMPORARY TABLE IF EXISTS score_next");
            jdbc.execute("""
                    CREATE TEMPORARY TABLE score_next (contact_id BIGINT PRIMARY KEY, score INT NOT NULL,
                                                       temperature VARCHAR(10) NOT NULL) ENGINE = InnoDB""");
            jdbc.update("""
                    INSERT INTO score_next (contact_id, score, temperature)
                    SELECT t.contact_id, t.score, CASE WHEN t.score >= ? THEN 'HOT' WHEN t.score >= ? THEN 'WARM'
                                                       ELSE 'COLD' END
                    FROM (SELECT p.contact_id,
                                 LEAST(SUM(IF(r.rule_group = 'FIT', p.points, 0)), ?)
                                 + LEAST(SUM(IF(r.rule_group = 'ENGAGEMENT', p.points, 0)), ?) AS score
                          FROM contact_score_part_next p JOIN scoring_rule r ON r.id = p.rule_id
                          GROUP BY p.contact_id) t""",
                    model.hotThreshold(), model.warmThreshold(), cap(model.fitCap()), cap(model.engagementCap()));
            log.info("Scoring: new scores aggregated in {} ms", (System.nanoTime() - step) / 1_000_000);
            step = System.nanoTime();
            long[] moves = applyMoves(calc, reason, time, timeline);
            log.info("Scoring: {} moves applied in {} ms", moves[0], (System.nanoTime() - step) / 1_000_000);
            jdbc.execute("RENAME TABLE contact_score_part TO contact_score_part_old, "
                    + "contact_score_part_next TO contact_score_part, contact_score_part_old TO contact_score_part_next");
            jdbc.execute("TRUNCATE TABLE contact_score_part_next");
            jdbc.update("UPDATE scoring_model SET refreshed_at = ? WHERE id = ?", time, model.id());
            return new Result(model.rules().size(), parts, moves[0], moves[1],
                    (System.nanoTime() - started) / 1_000_000);
        });
    }

    /**
     * Writes the contacts whose score or temperature changed: a timeline entry where the move since the last
     * recorded one is meaningful (the mark table keeps what the timeline last said), then the new values.
     */
    private long[] applyMoves(ScoreCalculator calc, String reason, LocalDateTime time, boolean timeline) {
        String zeroTemperature = calc.temperature(0).name();
        jdbc.execute("DROP TEMPORARY TABLE IF EXISTS score_move");
        jdbc.execute("""
                CREATE TEMPORARY TABLE score_move (contact_id BIGINT PRIMARY KEY, marked BOOLEAN NOT NULL,
                    from_score INT NOT NULL, from_temperature VARCHAR(10) NOT NULL, to_score INT NOT NULL,
                    to_temperature VARCHAR(10) NOT NULL, meaningful BOOLEAN NOT NULL) ENGINE = InnoDB""");
        long changed = jdbc.update("""
                INSERT INTO score_move (contact_id, marked, from_score, from_temperature, to_score, to_temperature,
                                        meaningful)
                SELECT v.id, v.marked, v.from_score, v.from_temperature, v.to_score, v.to_temperature,
                       ABS(v.to_score - v.from_score) >= ? OR v.to_temperature <> v.from_temperature
                FROM (SELECT c.id, m.contact_id IS NOT NULL AS marked,
                             COALESCE(m.score, c.score) AS from_score,
                             COALESCE(m.temperature, c.temperature) AS from_temperature,
                             COALESCE(s.score, 0) AS to_score, COALESCE(s.temperature, ?) AS to_temperature,
                             c.score AS stored_score, c.temperature AS stored_temperature
                      FROM contact c LEFT JOIN score_next s ON s.contact_id = c.id
                      LEFT JOIN contact_score_mark m ON m.contact_id = c.id) v
                WHERE v.to_score <> v.stored_score OR v.to_temperature <> v.stored_temperature""",
                ScoreCalculator.MEANINGFUL_POINTS, zeroTemperature);
        long entries = !timeline ? 0 : jdbc.update("""
                INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at)
                SELECT contact_id, 'SCORE_CHANGE', ?, 'SYSTEM', CONCAT(from_score, ' → ', to_score),
                       JSON_OBJECT('from', from_score, 'to', to_score, 'fromTemperature', from_temperature,
                                   'toTemperature', to_temperature, 'reason', ?), ?
                FROM score_move WHERE meaningful""", time, reason, time);
        // a meaningful move is the new mark; a small one keeps the old mark (or sets the first), so moves add up
        jdbc.update("""
                INSERT INTO contact_score_mark (contact_id, score, temperature, marked_at)
                SELECT contact_id, IF(meaningful, to_score, from_score),
                       IF(meaningful, to_temperature, from_temperature), ?
                FROM score_move WHERE meaningful OR NOT marked
                ON DUPLICATE KEY UPDATE score = VALUES(score), temperature = VALUES(temperature),
                                        marked_at = VALUES(marked_at)""", time);
        jdbc.update("""
                UPDATE contact c JOIN score_move v ON v.contact_id = c.id
                SET c.score = v.to_score, c.temperature = v.to_temperature""");
        return new long[]{changed, entries};
    }

    /** Inserts one row per contact matching the rule into the given table; returns how many. */
    private long insertParts(String target, Object ruleKey, ScoringRule rule, ScoringModel model, Instant now) {
        SqlPredicate predicate = new RuleSqlCompiler(catalogs.current()).compile(rule.rule(), now);
        List<Object> params = new ArrayList<>();
        params.add(ruleKey);
        String points = pointsSql(rule, model, now, params);
        params.addAll(predicate.params());
        return jdbc.update("INSERT INTO " + target + " SELECT c.id, ?, " + points + " FROM contact c WHERE "
                + predicate.sql(), params.toArray());
    }

    /** The SQL twin of {@link ScoreCalculator#points}. */
    static String pointsSql(ScoringRule rule, ScoringModel model, Instant now, List<Object> params) {
        params.add(rule.points());
        if (rule.group() != ScoreGroup.ENGAGEMENT || rule.points() <= 0) {
            return "?";
        }
        params.add(DbTime.of(now));
        params.add((double) model.halfLifeDays());
        return "FLOOR(? * POW(0.5, GREATEST(0, TIMESTAMPDIFF(DAY, COALESCE(c.last_activity_at, c.created_at), ?)) / ?)"
                + " + 0.5)";
    }

    private static long cap(Integer cap) {
        return cap == null ? Integer.MAX_VALUE : cap;
    }

    /** Scores every contact with a model that need not be saved, without writing anything that lasts. */
    ScorePreview preview(ScoringModel model, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        return transactions.execute(status -> {
            jdbc.execute("DROP TEMPORARY TABLE IF EXISTS score_preview_part");
            jdbc.execute("""
                    CREATE TEMPORARY TABLE score_preview_part (contact_id BIGINT NOT NULL, rule_index INT NOT NULL,
                        fit BOOLEAN NOT NULL, points INT NOT NULL, PRIMARY KEY (contact_id, rule_index)) ENGINE = InnoDB""");
            int index = 0;
            for (ScoringRule rule : model.rules()) {
                insertParts("score_preview_part (contact_id, rule_index, fit, points)", index++, rule, model, now,
                        rule.group() == ScoreGroup.FIT);
            }
            Map<Integer, long[]> buckets = new TreeMap<>();
            Map<Temperature, long[]> bands = new EnumMap<>(Temperature.class);
            for (Temperature t : Temperature.values()) {
                bands.put(t, new long[3]);
            }
            long[] total = {0};
            jdbc.query("""
                    SELECT FLOOR(s.score / ?) * ? AS bucket,
                           CASE WHEN s.score >= ? THEN 'HOT' WHEN s.score >= ? THEN 'WARM' ELSE 'COLD' END AS temperature,
                           COUNT(*), SUM(s.status = 'WON'), SUM(s.status = 'LOST')
                    FROM (SELECT c.id, c.status,
                                 COALESCE(LEAST(a.fit, ?), 0) + COALESCE(LEAST(a.engagement, ?), 0) AS score
                          FROM contact c LEFT JOIN (SELECT contact_id, SUM(IF(fit, points, 0)) AS fit,
                                                           SUM(IF(fit, 0, points)) AS engagement
                                                    FROM score_preview_part GROUP BY contact_id) a
                                         ON a.contact_id = c.id) s
                    GROUP BY bucket, temperature""", rs -> {
                int bucket = rs.getInt(1);
                Temperature temperature = Temperature.valueOf(rs.getString(2));
                long[] values = {rs.getLong(3), rs.getLong(4), rs.getLong(5)};
                long[] b = buckets.computeIfAbsent(bucket, k -> new long[3]);
                long[] t = bands.get(temperature);
                for (int i = 0; i < 3; i++) {
                    b[i] += values[i];
                    t[i] += values[i];
                }
                total[0] += values[0];
            }, ScorePreview.BUCKET_SIZE, ScorePreview.BUCKET_SIZE, model.hotThreshold(), model.warmThreshold(),
                    cap(model.fitCap()), cap(model.engagementCap()));
            jdbc.execute("DROP TEMPORARY TABLE IF EXISTS score_preview_part");
            return new ScorePreview(
                    buckets.entrySet().stream().map(e -> new ScorePreview.Bucket(e.getKey(), e.getValue()[0],
                            e.getValue()[1], e.getValue()[2])).toList(),
                    bands.entrySet().stream().map(e -> new ScorePreview.Band(e.getKey(), e.getValue()[0],
                            e.getValue()[1], e.getValue()[2])).toList(),
                    total[0], (System.nanoTime() - started) / 1_000_000);
        });
    }

    private void insertParts(String target, int ruleIndex, ScoringRule rule, ScoringModel model, Instant now,
                             boolean fit) {
        SqlPredicate predicate = new RuleSqlCompiler(catalogs.current()).compile(rule.rule(), now);
        List<Object> params = new ArrayList<>();
        params.add(ruleIndex);
        params.add(fit);
        String points = pointsSql(rule, model, now, params);
        params.addAll(predicate.params());
        jdbc.update("INSERT INTO " + target + " SELECT c.id, ?, ?, " + points + " FROM contact c WHERE "
                + predicate.sql(), params.toArray());
    }
}
