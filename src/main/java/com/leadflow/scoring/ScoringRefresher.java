package com.leadflow.scoring;

import com.leadflow.contact.Temperature;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores every contact in one pass, whatever the number of contacts: the whole model is one SQL expression over a
 * contact (each compiled rule as {@code IF(<rule>, <points after decay>, 0)}, summed per group and capped), so one
 * scan finds the contacts whose score or temperature changed; only those are written (timeline entries, coalesced,
 * and one UPDATE). No breakdown is stored: the explanation recomputes it for the instant the score was computed.
 * The same expression, grouped, gives the preview and the backtest of a draft.
 */
@Component
class ScoringRefresher {

    /** What one full refresh did. */
    record Result(int rules, long changedContacts, long timelineEntries, long millis) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ScoringRefresher.class);

    private static final int STREAM_FETCH_SIZE = 10_000;
    private static final int INSERT_BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final FieldCatalogProvider catalogs;
    private final TransactionTemplate transactions;

    ScoringRefresher(JdbcTemplate jdbc, FieldCatalogProvider catalogs, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.catalogs = catalogs;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // under READ COMMITTED, InnoDB reads the contacts of an INSERT … SELECT as a consistent read; under the
        // default REPEATABLE READ it would take a shared lock on every one of a million contact rows
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
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
        return transactions.execute(status -> finish(model, changes(model, now), reason, now, timeline, started));
    }

    /**
     * Writes the changes a full refresh's single read of the contacts found ({@link ScoringPass}): the same as
     * {@link #refreshAll} does after its own read. {@code at} must be the instant the pass scored at.
     */
    synchronized Result writeChanges(ScoringModel model, List<ScoreChange> changes, String reason, Instant at,
                                     long started) {
        return transactions.execute(status -> finish(model, changes, reason, at, true, started));
    }

    /**
     * Writes what a batch re-evaluation found ({@link ScoringPass} over some contacts), as the live re-score writes
     * one contact: the changed scores with their coalesced timeline entries, and the instant every contact of the
     * batch was scored at (the explanation recomputes for it).
     */
    Result writeBatch(ScoringModel model, List<ScoreChange> changes, List<Long> scored, Instant at, long started) {
        return transactions.execute(status -> {
            LocalDateTime time = DbTime.of(at.truncatedTo(ChronoUnit.MICROS));
            long entries = writeMoves(changes, "CONTACT_CHANGED", time, true);
            for (int from = 0; from < scored.size(); from += INSERT_BATCH) {
                jdbc.batchUpdate("INSERT INTO contact_scored_at (contact_id, scored_at) VALUES (?, ?) "
                        + "ON DUPLICATE KEY UPDATE scored_at = VALUES(scored_at)",
                        scored.subList(from, Math.min(scored.size(), from + INSERT_BATCH)).stream()
                                .map(id -> new Object[]{id, time}).toList());
            }
            return new Result(model.rules().size(), changes.size(), entries, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** A contact whose score or temperature a refresh changes. */
    record ScoreChange(long contactId, int fromScore, String fromTemperature, int toScore, String toTemperature) {
    }

    private Result finish(ScoringModel model, List<ScoreChange> changes, String reason, Instant now,
                          boolean timeline, long started) {
        LocalDateTime time = DbTime.of(now.truncatedTo(ChronoUnit.MICROS));
        long entries = writeMoves(changes, reason, time, timeline);
        log.info("Scoring: {} contacts changed, {} timeline entries, {} ms", changes.size(), entries,
                (System.nanoTime() - started) / 1_000_000);
        // every score now belongs to this instant: live re-scores from before it no longer count
        jdbc.update("DELETE FROM contact_scored_at");
        jdbc.update("UPDATE scoring_model SET refreshed_at = ? WHERE id = ?", time, model.id());
        return new Result(model.rules().size(), changes.size(), entries, (System.nanoTime() - started) / 1_000_000);
    }

    /** The contacts whose score or temperature the model changes, in one streamed read. */
    private List<ScoreChange> changes(ScoringModel model, Instant now) {
        List<Object> params = new ArrayList<>();
        String score = scoreSql(model, now, params);
        ScoreCalculator calc = model.calculator();
        // streamed, so the model is evaluated exactly once per contact (MariaDB re-evaluates an expression wherever
        // a WHERE or HAVING refers to it); only the changed contacts are kept
        List<ScoreChange> changes = new ArrayList<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT c.id, c.score, c.temperature, " + score + " FROM contact c",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            select.setFetchSize(STREAM_FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            return select;
        }, (RowCallbackHandler) rs -> {
            int storedScore = rs.getInt(2);
            String storedTemperature = rs.getString(3);
            int newScore = rs.getInt(4);
            String newTemperature = calc.temperature(newScore).name();
            if (newScore != storedScore || !newTemperature.equals(storedTemperature)) {
                changes.add(new ScoreChange(rs.getLong(1), storedScore, storedTemperature, newScore,
                        newTemperature));
            }
        });
        return changes;
    }

    /**
     * Writes the contacts whose score or temperature changed: a timeline entry where the move since the last
     * recorded one is meaningful (the mark table keeps what the timeline last said), then the new values. Returns
     * the number of timeline entries.
     */
    private long writeMoves(List<ScoreChange> changes, String reason, LocalDateTime time, boolean timeline) {
        jdbc.execute("DROP TEMPORARY TABLE IF EXISTS score_move");
        jdbc.execute("""
                CREATE TEMPORARY TABLE score_move (contact_id BIGINT PRIMARY KEY, marked BOOLEAN NOT NULL,
                    from_score INT NOT NULL, from_temperature VARCHAR(10) NOT NULL, to_score INT NOT NULL,
                    to_temperature VARCHAR(10) NOT NULL, meaningful BOOLEAN NOT NULL) ENGINE = InnoDB""");
        for (int from = 0; from < changes.size(); from += INSERT_BATCH) {
            jdbc.batchUpdate("""
                    INSERT INTO score_move (contact_id, marked, from_score, from_temperature, to_score, to_temperature,
                                            meaningful)
                    VALUES (?, FALSE, ?, ?, ?, ?, FALSE)""",
                    changes.subList(from, Math.min(changes.size(), from + INSERT_BATCH)).stream()
                            .map(c -> new Object[]{c.contactId(), c.fromScore(), c.fromTemperature(), c.toScore(),
                                    c.toTemperature()}).toList());
        }
        // measured against what the timeline last said (the mark), not against the last value
        jdbc.update("""
                UPDATE score_move v JOIN contact_score_mark m ON m.contact_id = v.contact_id
                SET v.marked = TRUE, v.from_score = m.score, v.from_temperature = m.temperature""");
        jdbc.update("UPDATE score_move SET meaningful = ABS(to_score - from_score) >= ? "
                + "OR to_temperature <> from_temperature", ScoreCalculator.MEANINGFUL_POINTS);
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
        return entries;
    }

    /**
     * The model as one SQL expression over {@code contact c}: each rule's points where it matches (after decay),
     * summed per group and capped — the SQL twin of {@link ScoreComputation}. Appends its parameters in order.
     */
    private String scoreSql(ScoringModel model, Instant now, List<Object> params) {
        RuleSqlCompiler compiler = new RuleSqlCompiler(catalogs.current());
        StringBuilder fit = new StringBuilder("0");
        List<Object> fitParams = new ArrayList<>();
        StringBuilder engagement = new StringBuilder("0");
        List<Object> engagementParams = new ArrayList<>();
        for (ScoringRule rule : model.rules()) {
            boolean isFit = rule.group() == ScoreGroup.FIT;
            List<Object> target = isFit ? fitParams : engagementParams;
            SqlPredicate predicate = compiler.compile(rule.rule(), now);
            target.addAll(predicate.params());
            String points = pointsSql(rule, model, now, target);
            (isFit ? fit : engagement).append(" + IF(").append(predicate.sql()).append(", ").append(points)
                    .append(", 0)");
        }
        params.addAll(fitParams);
        params.add(cap(model.fitCap()));
        params.addAll(engagementParams);
        params.add(cap(model.engagementCap()));
        return "(LEAST(" + fit + ", ?) + LEAST(" + engagement + ", ?))";
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

    /** Scores every contact with a model that need not be saved, without writing anything. */
    ScorePreview preview(ScoringModel model, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        Map<Integer, long[]> buckets = new TreeMap<>();
        Map<Temperature, long[]> bands = new EnumMap<>(Temperature.class);
        for (Temperature t : Temperature.values()) {
            bands.put(t, new long[3]);
        }
        long[] total = {0};
        ScoreCalculator calc = model.calculator();
        List<Object> params = new ArrayList<>();
        String score = scoreSql(model, now, params);
        // grouped by the score itself: the model is evaluated once per contact, a few hundred groups come back
        jdbc.query("""
                SELECT {score} AS score, COUNT(*), SUM(c.status = 'WON'), SUM(c.status = 'LOST')
                FROM contact c GROUP BY score""".replace("{score}", score), rs -> {
            int contactScore = rs.getInt(1);
            long[] values = {rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            long[] b = buckets.computeIfAbsent(Math.floorDiv(contactScore, ScorePreview.BUCKET_SIZE)
                    * ScorePreview.BUCKET_SIZE, k -> new long[3]);
            long[] t = bands.get(calc.temperature(contactScore));
            for (int i = 0; i < 3; i++) {
                b[i] += values[i];
                t[i] += values[i];
            }
            total[0] += values[0];
        }, params.toArray());
        return new ScorePreview(
                buckets.entrySet().stream().map(e -> new ScorePreview.Bucket(e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList(),
                bands.entrySet().stream().map(e -> new ScorePreview.Band(e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList(),
                total[0], (System.nanoTime() - started) / 1_000_000);
    }
}
