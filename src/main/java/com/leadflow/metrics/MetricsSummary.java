package com.leadflow.metrics;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the dashboard's summary tables (changelog 017, decision 016) in step with the histories: recomputes the
 * UTC days the writers' triggers marked as changed, and the campaign figures; rebuilds everything when the summary
 * was never built (or on request). Runs on one node at a time (the ShedLock lock the scheduled jobs use), called by
 * {@link MetricsRefreshJob} and the dashboard's "Refresh now".
 */
@Component
class MetricsSummary {

    static final String LOCK = "metrics-summary-refresh";
    private static final Logger log = LoggerFactory.getLogger(MetricsSummary.class);
    /** Days recomputed in one transaction: keeps a rebuild's transactions (and undo) moderate. */
    private static final int DAYS_PER_CHUNK = 31;
    /** How long a node that died mid-refresh keeps others out (a live refresh holds it only while it runs). */
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

    private final NamedParameterJdbcTemplate jdbc;
    private final LockingTaskExecutor locks;
    private final TransactionTemplate transaction;
    /** Taking the marks off the list: read committed, so the claim sets no gap locks that writers would wait for. */
    private final TransactionTemplate claim;
    private final Clock clock;

    MetricsSummary(NamedParameterJdbcTemplate jdbc, LockProvider lockProvider,
                   PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.claim = new TransactionTemplate(transactions);
        this.claim.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.claim.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.clock = clock;
    }

    /** What one refresh did. {@code ran} is false when another node or thread held the lock. */
    record Result(boolean ran, boolean rebuilt, int days, Instant asOf, Duration took) {
    }

    /** When the summary was last refreshed; null while it was never built (the dashboard then computes live). */
    Instant refreshedAt() {
        LocalDateTime at = jdbc.getJdbcTemplate().queryForObject(
                "SELECT refreshed_at FROM metrics_summary_state WHERE id = 1", LocalDateTime.class);
        return at == null ? null : at.toInstant(ZoneOffset.UTC);
    }

    /** Recomputes the changed days (everything, if the summary was never built). */
    Result refresh() {
        return runLocked(false);
    }

    /**
     * The scheduled refresh: only the changed days of a summary that exists. The first build of a large database
     * takes minutes, so it is left to the nightly rebuild or a user's "Refresh now", not started behind the back
     * of whatever the database is doing when the application starts (the dashboard computes live until then).
     */
    Result refreshIfBuilt() {
        return refreshedAt() == null ? new Result(false, false, 0, null, Duration.ZERO) : runLocked(false);
    }

    /** Recomputes every day from the histories: after a backfill or a change of the closing stages. */
    Result rebuild() {
        return runLocked(true);
    }

    private Result runLocked(boolean rebuild) {
        try {
            var outcome = locks.executeWithLock(() -> work(rebuild),
                    new LockConfiguration(Instant.now(), LOCK, LOCK_AT_MOST, Duration.ZERO));
            return outcome.wasExecuted() ? outcome.getResult() : new Result(false, false, 0, refreshedAt(), Duration.ZERO);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Result work(boolean rebuild) {
        long started = System.nanoTime();
        // "as of": everything committed before this instant is in the figures after this run
        Instant asOf = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean full = rebuild || refreshedAt() == null;
        List<LocalDate> days = full ? claimEveryDay() : claimDirtyDays();
        try {
            for (List<LocalDate> range : ranges(days)) {
                transaction.executeWithoutResult(tx -> recompute(range.getFirst(), range.getLast().plusDays(1)));
            }
        } catch (RuntimeException e) {
            // nothing is lost: the days go back on the list for the next run
            transaction.executeWithoutResult(tx -> markDirty(days));
            throw e;
        }
        transaction.executeWithoutResult(tx -> {
            recomputeCampaigns();
            jdbc.update("UPDATE metrics_summary_state SET refreshed_at = :at WHERE id = 1",
                    new MapSqlParameterSource("at", MetricsQueries.utc(asOf)));
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (full || took.toSeconds() >= 5) {
            log.info("Dashboard summary {}: {} days in {} ms", full ? "rebuilt" : "refreshed", days.size(), took.toMillis());
        }
        return new Result(true, full, days.size(), asOf, took);
    }

    /**
     * Takes the marked days off the list (a short transaction, so writers never wait for the recomputation). Also
     * marks the losses of contacts who engaged since the last run: whether they came back depends on it.
     */
    private List<LocalDate> claimDirtyDays() {
        return claim.execute(tx -> {
            long lastActivity = jdbc.getJdbcTemplate().queryForObject(
                    "SELECT activity_id FROM metrics_summary_state WHERE id = 1 FOR UPDATE", Long.class);
            Long maxActivity = jdbc.getJdbcTemplate().queryForObject("SELECT MAX(id) FROM activity", Long.class);
            if (maxActivity != null && maxActivity > lastActivity) {
                jdbc.update("""
                        INSERT INTO metrics_dirty_day (day)
                        SELECT DISTINCT DATE(h.changed_at)
                        FROM activity a JOIN funnel_stage_history h ON h.contact_id = a.contact_id AND h.to_stage = 'LOST'
                             AND h.changed_at <= a.occurred_at - INTERVAL 3 MONTH
                        WHERE a.id > :last AND a.id <= :max AND a.type IN (:engagement)""",
                        new MapSqlParameterSource("last", lastActivity).addValue("max", maxActivity)
                                .addValue("engagement", MetricsQueries.ENGAGEMENT_TYPES));
                jdbc.update("UPDATE metrics_summary_state SET activity_id = :max WHERE id = 1",
                        new MapSqlParameterSource("max", maxActivity));
            }
            markDaysOfChangedContacts();
            List<LocalDate> days = jdbc.getJdbcTemplate().queryForList(
                    "SELECT DISTINCT day FROM metrics_dirty_day ORDER BY day", LocalDate.class);
            if (!days.isEmpty()) {
                // a mark of these days written meanwhile is deleted only once its writer committed (the delete waits
                // for its lock), and so its change is in the recomputation that starts after this transaction
                jdbc.update("DELETE FROM metrics_dirty_day WHERE day IN (:days)", new MapSqlParameterSource("days",
                        days.stream().map(Date::valueOf).toList()));
            }
            return days;
        });
    }

    /**
     * Contacts whose team, first touch or creation time changed (marked by a trigger, which is kept to one insert per
     * row) become the days they count on: creation, old creation, and every funnel and lifecycle entry. A mark
     * written meanwhile for one of these contacts is deleted only once its writer committed, as for the days.
     */
    private void markDaysOfChangedContacts() {
        List<Long> contactIds = jdbc.getJdbcTemplate().queryForList(
                "SELECT DISTINCT contact_id FROM metrics_dirty_contact", Long.class);
        for (int from = 0; from < contactIds.size(); from += 1000) {
            MapSqlParameterSource ids = new MapSqlParameterSource("ids",
                    contactIds.subList(from, Math.min(from + 1000, contactIds.size())));
            jdbc.update("""
                    INSERT INTO metrics_dirty_day (day)
                    SELECT d.old_created_day FROM metrics_dirty_contact d WHERE d.contact_id IN (:ids)
                    UNION SELECT DATE(c.created_at) FROM contact c WHERE c.id IN (:ids)
                    UNION SELECT DATE(h.changed_at) FROM funnel_stage_history h WHERE h.contact_id IN (:ids)
                    UNION SELECT DATE(l.moved_at) FROM lifecycle_stage_history l WHERE l.contact_id IN (:ids)""", ids);
            jdbc.update("DELETE FROM metrics_dirty_contact WHERE contact_id IN (:ids)", ids);
        }
    }

    /** Every day with any data or any summary row: a full rebuild. */
    private List<LocalDate> claimEveryDay() {
        return transaction.execute(tx -> {
            jdbc.getJdbcTemplate().update("""
                    UPDATE metrics_summary_state SET activity_id = (SELECT COALESCE(MAX(id), 0) FROM activity) WHERE id = 1""");
            jdbc.getJdbcTemplate().update("DELETE FROM metrics_dirty_day");
            jdbc.getJdbcTemplate().update("DELETE FROM metrics_dirty_contact");
            LocalDate[] bounds = jdbc.getJdbcTemplate().queryForObject("""
                    SELECT LEAST(COALESCE((SELECT MIN(changed_at) FROM funnel_stage_history), '9999-12-31'),
                                 COALESCE((SELECT MIN(moved_at) FROM lifecycle_stage_history), '9999-12-31'),
                                 COALESCE((SELECT MIN(created_at) FROM contact), '9999-12-31'),
                                 COALESCE((SELECT MIN(hour) FROM metrics_hourly_entry), '9999-12-31')) AS first_at,
                           GREATEST(COALESCE((SELECT MAX(changed_at) FROM funnel_stage_history), '0001-01-01'),
                                    COALESCE((SELECT MAX(moved_at) FROM lifecycle_stage_history), '0001-01-01'),
                                    COALESCE((SELECT MAX(created_at) FROM contact), '0001-01-01'),
                                    COALESCE((SELECT MAX(hour) FROM metrics_hourly_entry), '0001-01-01')) AS last_at""",
                    (rs, i) -> new LocalDate[]{rs.getTimestamp(1).toLocalDateTime().toLocalDate(),
                            rs.getTimestamp(2).toLocalDateTime().toLocalDate()});
            List<LocalDate> days = new ArrayList<>();
            if (bounds[0].getYear() < 9999) {
                for (LocalDate d = bounds[0]; !d.isAfter(bounds[1]); d = d.plusDays(1)) {
                    days.add(d);
                }
            }
            return days;
        });
    }

    private void markDirty(List<LocalDate> days) {
        jdbc.getJdbcTemplate().batchUpdate("INSERT INTO metrics_dirty_day (day) VALUES (?)", days, 500,
                (ps, day) -> ps.setDate(1, Date.valueOf(day)));
    }

    /** Consecutive days as ranges of at most {@link #DAYS_PER_CHUNK}, so each is one set-based recomputation. */
    static List<List<LocalDate>> ranges(List<LocalDate> sortedDays) {
        List<List<LocalDate>> ranges = new ArrayList<>();
        List<LocalDate> current = new ArrayList<>();
        for (LocalDate day : sortedDays) {
            if (!current.isEmpty() && (!current.getLast().plusDays(1).equals(day) || current.size() >= DAYS_PER_CHUNK)) {
                ranges.add(current);
                current = new ArrayList<>();
            }
            current.add(day);
        }
        if (!current.isEmpty()) {
            ranges.add(current);
        }
        return ranges;
    }

    /** Replaces every summary row of the days [first, end) with rows computed from the histories. */
    private void recompute(LocalDate first, LocalDate end) {
        // read directly: the refresh runs as the system, without a user to check (FunnelStageService is secured)
        List<String> won = jdbc.getJdbcTemplate().queryForList(
                "SELECT code FROM funnel_stage WHERE terminal AND code <> ?", String.class, MetricsService.LOST);
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("a", first.atStartOfDay()).addValue("b", end.atStartOfDay())
                .addValue("won", won.isEmpty() ? List.of("-") : won)
                .addValue("engagement", MetricsQueries.ENGAGEMENT_TYPES);
        jdbc.update("DELETE FROM metrics_hourly_entry WHERE hour >= :a AND hour < :b", p);
        jdbc.update("DELETE FROM metrics_daily_entry WHERE day >= :a AND day < :b", p);
        jdbc.update("DELETE FROM metrics_stage_stay WHERE left_at >= :a AND left_at < :b", p);
        jdbc.update("DELETE FROM metrics_daily_stay WHERE day >= :a AND day < :b", p);
        jdbc.update("DELETE FROM metrics_loss WHERE lost_at >= :a AND lost_at < :b", p);

        jdbc.update("""
                INSERT INTO metrics_hourly_entry (hour, measure, stage, team_id, source, campaign, prev_hour, entries)
                SELECT DATE_FORMAT(c.created_at, '%Y-%m-%d %H:00:00') AS h, 'N', '', COALESCE(c.team_id, 0) AS t, '', '',
                       NULL, COUNT(*)
                FROM contact c WHERE c.created_at >= :a AND c.created_at < :b
                GROUP BY h, t""", p);
        // prev_hour: the same contact's previous entry into the same stage (ties broken by id, as the live count
        // of distinct contacts treats two entries at the same instant as one)
        jdbc.update("""
                INSERT INTO metrics_hourly_entry (hour, measure, stage, team_id, source, campaign, prev_hour, entries)
                SELECT e.h, 'F', e.stage, e.t, e.source, e.campaign, e.prev_hour, COUNT(*)
                FROM (SELECT DATE_FORMAT(h.changed_at, '%Y-%m-%d %H:00:00') AS h, h.to_stage AS stage,
                             COALESCE(c.team_id, 0) AS t,
                             CASE WHEN s.terminal THEN COALESCE(c.first_touch_source, '') ELSE '' END AS source,
                             CASE WHEN s.terminal THEN COALESCE(c.first_touch_campaign, '') ELSE '' END AS campaign,
                             (SELECT DATE_FORMAT(MAX(p.changed_at), '%Y-%m-%d %H:00:00') FROM funnel_stage_history p
                              WHERE p.contact_id = h.contact_id AND p.to_stage = h.to_stage
                                AND (p.changed_at < h.changed_at OR (p.changed_at = h.changed_at AND p.id < h.id)))
                                 AS prev_hour
                      FROM funnel_stage_history h JOIN contact c ON c.id = h.contact_id
                           JOIN funnel_stage s ON s.code = h.to_stage
                      WHERE h.changed_at >= :a AND h.changed_at < :b) e
                GROUP BY e.h, e.stage, e.t, e.source, e.campaign, e.prev_hour""", p);
        jdbc.update("""
                INSERT INTO metrics_hourly_entry (hour, measure, stage, team_id, source, campaign, prev_hour, entries)
                SELECT e.h, 'L', e.stage, e.t, '', '', e.prev_hour, COUNT(*)
                FROM (SELECT DATE_FORMAT(h.moved_at, '%Y-%m-%d %H:00:00') AS h, h.to_stage AS stage,
                             COALESCE(c.team_id, 0) AS t,
                             (SELECT DATE_FORMAT(MAX(p.moved_at), '%Y-%m-%d %H:00:00') FROM lifecycle_stage_history p
                              WHERE p.contact_id = h.contact_id AND p.to_stage = h.to_stage
                                AND (p.moved_at < h.moved_at OR (p.moved_at = h.moved_at AND p.id < h.id))) AS prev_hour
                      FROM lifecycle_stage_history h JOIN contact c ON c.id = h.contact_id
                      WHERE h.moved_at >= :a AND h.moved_at < :b) e
                GROUP BY e.h, e.stage, e.t, e.prev_hour""", p);
        jdbc.update("""
                INSERT INTO metrics_daily_entry (day, measure, stage, team_id, source, campaign, prev_hour, entries)
                SELECT DATE(e.hour) AS d, e.measure, e.stage, e.team_id, e.source, e.campaign, e.prev_hour, SUM(e.entries)
                FROM metrics_hourly_entry e WHERE e.hour >= :a AND e.hour < :b
                GROUP BY d, e.measure, e.stage, e.team_id, e.source, e.campaign, e.prev_hour""", p);
        // a stay runs from the contact's latest entry into the stage to the move out (as MetricsQueries.timeInStage)
        jdbc.update("""
                INSERT INTO metrics_stage_stay (history_id, stage, left_at, team_id, secs, bucket)
                SELECT s.id, s.stage, s.changed_at, s.team_id, s.secs, FLOOR(LOG2(GREATEST(s.secs, 1)) * 8)
                FROM (SELECT t.id, t.stage, t.changed_at, t.team_id,
                             TIMESTAMPDIFF(SECOND, t.entered_at, t.changed_at) AS secs
                      FROM (SELECT h.id, h.from_stage AS stage, h.changed_at, COALESCE(c.team_id, 0) AS team_id,
                                   (SELECT MAX(p.changed_at) FROM funnel_stage_history p
                                    WHERE p.contact_id = h.contact_id AND p.to_stage = h.from_stage
                                      AND p.changed_at < h.changed_at) AS entered_at
                            FROM funnel_stage_history h JOIN contact c ON c.id = h.contact_id
                            WHERE h.from_stage IS NOT NULL AND h.changed_at >= :a AND h.changed_at < :b) t
                      WHERE t.entered_at IS NOT NULL) s""", p);
        jdbc.update("""
                INSERT INTO metrics_daily_stay (day, stage, team_id, bucket, stays)
                SELECT DATE(t.left_at) AS d, t.stage, t.team_id, t.bucket, COUNT(*)
                FROM metrics_stage_stay t WHERE t.left_at >= :a AND t.left_at < :b
                GROUP BY d, t.stage, t.team_id, t.bucket""", p);
        // each loss with the previous one (so a period counts a contact's first loss in it) and what followed
        jdbc.update("""
                INSERT INTO metrics_loss (history_id, lost_at, prev_lost_at, team_id, reengaged, reentered, won)
                SELECT h.id, h.changed_at,
                       (SELECT MAX(p.changed_at) FROM funnel_stage_history p
                        WHERE p.contact_id = h.contact_id AND p.to_stage = 'LOST'
                          AND (p.changed_at < h.changed_at OR (p.changed_at = h.changed_at AND p.id < h.id))),
                       COALESCE(c.team_id, 0),
                       EXISTS (SELECT 1 FROM activity a WHERE a.contact_id = h.contact_id
                               AND a.occurred_at >= h.changed_at + INTERVAL 3 MONTH AND a.type IN (:engagement)),
                       EXISTS (SELECT 1 FROM funnel_stage_history n WHERE n.contact_id = h.contact_id
                               AND n.changed_at > h.changed_at AND n.to_stage <> 'LOST'),
                       EXISTS (SELECT 1 FROM funnel_stage_history n WHERE n.contact_id = h.contact_id
                               AND n.changed_at > h.changed_at AND n.to_stage IN (:won))
                FROM funnel_stage_history h JOIN contact c ON c.id = h.contact_id
                WHERE h.to_stage = 'LOST' AND h.changed_at >= :a AND h.changed_at < :b""", p);
    }

    /** Campaign figures are where each campaign's leads stand now: recomputed whole (one pass over an index). */
    private void recomputeCampaigns() {
        MapSqlParameterSource p = new MapSqlParameterSource("qualified", MetricsQueries.QUALIFIED_OR_LATER);
        jdbc.update("DELETE FROM metrics_campaign_figures", p);
        jdbc.update("""
                INSERT INTO metrics_campaign_figures (campaign, team_id, leads, mqls, customers)
                SELECT k.name, COALESCE(c.team_id, 0), COUNT(*), COALESCE(SUM(c.lifecycle_stage IN (:qualified)), 0),
                       COALESCE(SUM(c.status = 'WON' OR c.lifecycle_stage = 'CUSTOMER'), 0)
                FROM campaign k JOIN contact c ON c.first_touch_campaign = k.name
                GROUP BY k.name, COALESCE(c.team_id, 0)""", p);
    }
}
