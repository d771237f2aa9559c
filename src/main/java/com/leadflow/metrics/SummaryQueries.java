package com.leadflow.metrics;

import com.leadflow.campaign.CampaignChannel;
import com.leadflow.metrics.MetricsReport.*;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures read from the summary tables (decision 016) instead of the histories: the same numbers as
 * {@link MetricsQueries} as of the last refresh, for the whole company or one team, for periods of whole UTC hours.
 * A distinct contact is counted once per period by taking only its entries whose previous entry into the same
 * stage lies before the period (prev_hour).
 */
@Component
class SummaryQueries {

    private final NamedParameterJdbcTemplate jdbc;

    SummaryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The period and the team (null: the whole company) as parameters, and the matching team condition. */
    record Scope(MapSqlParameterSource params, Long teamId) {
        String team(String alias) {
            return teamId == null ? "" : " AND " + alias + ".team_id = :team";
        }
    }

    /**
     * The period's entries as one row source {@code e} (hour, measure, stage, team_id, source, campaign, prev_hour,
     * entries): whole days from the per-day table, the edge hours from the per-hour table.
     */
    private static String entriesOf(Scope s) {
        return "(SELECT CAST(d.day AS DATETIME) AS hour, d.measure, d.stage, d.team_id, d.source, d.campaign,"
                + " d.prev_hour, d.entries FROM metrics_daily_entry d"
                + " WHERE d.day >= :firstDay AND d.day < :endDay" + s.team("d")
                + " UNION ALL SELECT h.hour, h.measure, h.stage, h.team_id, h.source, h.campaign, h.prev_hour, h.entries"
                + " FROM metrics_hourly_entry h WHERE ((h.hour >= :from AND h.hour < LEAST(:firstDayAt, :to))"
                + " OR (h.hour >= GREATEST(:endDayAt, :from) AND h.hour < :to))" + s.team("h") + ") e";
    }

    /** Whether the summary can answer for this period: it is kept per whole UTC hour. */
    static boolean covers(MetricsFilter filter) {
        return wholeHour(filter.from()) && wholeHour(filter.to());
    }

    private static boolean wholeHour(Instant instant) {
        return instant.getEpochSecond() % 3600 == 0 && instant.getNano() == 0;
    }

    static Scope scope(MetricsFilter filter, Long teamId, List<String> wonStages) {
        // whole UTC days of the period are read from the per-day tables, the partial days at its edges by hour
        LocalDate firstFullDay = LocalDate.ofInstant(filter.from().minusNanos(1), ZoneOffset.UTC).plusDays(1);
        LocalDate endOfFullDays = LocalDate.ofInstant(filter.to(), ZoneOffset.UTC);
        if (endOfFullDays.isBefore(firstFullDay)) {
            endOfFullDays = firstFullDay; // a period within one day: no whole day, only edges
        }
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("firstDay", Date.valueOf(firstFullDay)).addValue("endDay", Date.valueOf(endOfFullDays))
                .addValue("firstDayAt", firstFullDay.atStartOfDay()).addValue("endDayAt", endOfFullDays.atStartOfDay())
                .addValue("from", MetricsQueries.utc(filter.from())).addValue("to", MetricsQueries.utc(filter.to()))
                .addValue("fromDate", Date.valueOf(LocalDate.ofInstant(filter.from(), ZoneOffset.UTC)))
                .addValue("toDate", Date.valueOf(LocalDate.ofInstant(filter.to(), ZoneOffset.UTC)))
                .addValue("won", wonStages).addValue("team", teamId);
        return new Scope(p, teamId);
    }

    /** Entries per measure (N, F, L) and stage in the period, and per trend bucket; one pass over the hours. */
    record Entries(Map<String, Long> funnel, Map<String, Long> lifecycle, long newLeads, List<TrendPoint> trend) {
    }

    Entries entries(Scope s, MetricsFilter filter, TrendGrain grain) {
        Map<LocalDate, long[]> buckets = new LinkedHashMap<>();
        LocalDate end = LocalDate.ofInstant(filter.to().minusNanos(1), ZoneOffset.UTC);
        for (LocalDate d = MetricsQueries.bucketStart(LocalDate.ofInstant(filter.from(), ZoneOffset.UTC), grain);
             !d.isAfter(end); d = grain == TrendGrain.WEEK ? d.plusWeeks(1) : d.plusMonths(1)) {
            buckets.put(d, new long[4]);
        }
        String bucket = grain == TrendGrain.WEEK ? "DATE(e.hour) - INTERVAL WEEKDAY(e.hour) DAY"
                : "CAST(DATE_FORMAT(e.hour, '%Y-%m-01') AS DATE)";
        Map<String, Long> funnel = new HashMap<>();
        Map<String, Long> lifecycle = new HashMap<>();
        long[] newLeads = {0};
        List<String> won = s.params().getValue("won") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        // a contact counts once per period, and once per bucket: entries whose previous entry lies before it
        jdbc.query("SELECT b, measure, stage, SUM(in_period), SUM(in_bucket) FROM (SELECT " + bucket + " AS b,"
                + " e.measure, e.stage,"
                + " CASE WHEN e.prev_hour IS NULL OR e.prev_hour < :from THEN e.entries ELSE 0 END AS in_period,"
                + " CASE WHEN e.prev_hour IS NULL OR e.prev_hour < GREATEST(:from, " + bucket + ")"
                + "      THEN e.entries ELSE 0 END AS in_bucket"
                + " FROM " + entriesOf(s) + ") x GROUP BY b, measure, stage", s.params(), rs -> {
                    String measure = rs.getString(2);
                    String stage = rs.getString(3);
                    long inPeriod = rs.getLong(4);
                    long inBucket = rs.getLong(5);
                    long[] v = buckets.get(rs.getDate(1).toLocalDate());
                    switch (measure) {
                        case "N" -> {
                            newLeads[0] += inPeriod;
                            if (v != null) {
                                v[0] += inBucket;
                            }
                        }
                        case "L" -> {
                            lifecycle.merge(stage, inPeriod, Long::sum);
                            if (v != null && "SQL".equals(stage)) {
                                v[1] += inBucket;
                            }
                        }
                        default -> {
                            funnel.merge(stage, inPeriod, Long::sum);
                            if (v != null && won.contains(stage)) {
                                v[2] += inBucket;
                            }
                            if (v != null && MetricsService.LOST.equals(stage)) {
                                v[3] += inBucket;
                            }
                        }
                    }
                });
        List<TrendPoint> points = new ArrayList<>();
        buckets.forEach((start, v) -> points.add(new TrendPoint(start, v[0], v[1], v[2], v[3])));
        return new Entries(funnel, lifecycle, newLeads[0], points);
    }

    /** Won and lost contacts in the period by first-touch source (ordered as {@link MetricsQueries#winRateBySource}). */
    List<WinRate> winRateBySource(Scope s) {
        return jdbc.query("""
                SELECT NULLIF(e.source, '') AS k,
                       COALESCE(SUM(CASE WHEN e.stage IN (:won) THEN e.entries END), 0) AS won,
                       COALESCE(SUM(CASE WHEN e.stage = 'LOST' THEN e.entries END), 0) AS lost
                FROM\s""" + entriesOf(s) + """

                WHERE e.measure = 'F' AND (e.stage IN (:won) OR e.stage = 'LOST')
                  AND (e.prev_hour IS NULL OR e.prev_hour < :from)
                GROUP BY k ORDER BY won DESC, lost, k""",
                s.params(), (rs, i) -> new WinRate(rs.getString("k"), rs.getLong("won"), rs.getLong("lost")));
    }

    /** Won and lost contacts in the period by the channel of their first-touch campaign. */
    List<WinRate> winRateByChannel(Scope s) {
        return jdbc.query("""
                SELECT k.channel AS k,
                       COALESCE(SUM(CASE WHEN e.stage IN (:won) THEN e.entries END), 0) AS won,
                       COALESCE(SUM(CASE WHEN e.stage = 'LOST' THEN e.entries END), 0) AS lost
                FROM\s""" + entriesOf(s) + """

                LEFT JOIN campaign k ON k.name = NULLIF(e.campaign, '')
                WHERE e.measure = 'F' AND (e.stage IN (:won) OR e.stage = 'LOST')
                  AND (e.prev_hour IS NULL OR e.prev_hour < :from)
                GROUP BY k.channel ORDER BY won DESC, lost, k""",
                s.params(), (rs, i) -> new WinRate(rs.getString("k"), rs.getLong("won"), rs.getLong("lost")));
    }

    /** Campaigns running in the period with their leads' figures as of the last refresh. */
    List<CampaignFigures> campaigns(Scope s, boolean costsVisible) {
        return jdbc.query("""
                SELECT k.id, k.name, k.channel, k.starts_on, k.ends_on, k.cost,
                       COALESCE(SUM(f.leads), 0) AS leads, COALESCE(SUM(f.mqls), 0) AS mqls,
                       COALESCE(SUM(f.customers), 0) AS customers
                FROM campaign k LEFT JOIN metrics_campaign_figures f ON f.campaign = k.name""" + s.team("f") + """

                WHERE k.starts_on < :toDate AND (k.ends_on IS NULL OR k.ends_on >= :fromDate)
                GROUP BY k.id, k.name, k.channel, k.starts_on, k.ends_on, k.cost
                ORDER BY k.starts_on DESC, k.name""", s.params(), (rs, i) -> {
            Date ends = rs.getDate("ends_on");
            return new CampaignFigures(rs.getLong("id"), rs.getString("name"),
                    CampaignChannel.valueOf(rs.getString("channel")), rs.getDate("starts_on").toLocalDate(),
                    ends == null ? null : ends.toLocalDate(), costsVisible ? rs.getBigDecimal("cost") : null,
                    rs.getLong("leads"), rs.getLong("mqls"), rs.getLong("customers"));
        });
    }

    /**
     * Stays that ended in the period, per stage: count, median and 90th percentile, the same interpolated values as
     * the live {@code PERCENTILE_CONT}. Without sorting the period's stays: the per-day bucket counts (plus the stays
     * of partial days at the period's edges) say which duration bucket holds each needed rank, and only the stays of
     * those few buckets are read in order.
     */
    Map<String, StageTime> timeInStage(Scope s) {
        MapSqlParameterSource p = s.params();
        // stage -> bucket -> stays, buckets ascending
        Map<String, java.util.TreeMap<Integer, Long>> histogram = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT x.stage, x.bucket, SUM(x.stays) FROM (
                    SELECT d.stage, d.bucket, d.stays FROM metrics_daily_stay d
                    WHERE d.day >= :firstDay AND d.day < :endDay""" + s.team("d") + """

                    UNION ALL
                    SELECT t.stage, t.bucket, 1 FROM metrics_stage_stay t
                    WHERE ((t.left_at >= :from AND t.left_at < LEAST(:firstDayAt, :to))
                           OR (t.left_at >= GREATEST(:endDayAt, :from) AND t.left_at < :to))""" + s.team("t") + """

                ) x GROUP BY x.stage, x.bucket""", p, rs -> {
                    histogram.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                            .put(rs.getInt(2), rs.getLong(3));
                });
        Map<String, StageTime> result = new LinkedHashMap<>();
        histogram.forEach((stage, buckets) -> {
            long stays = buckets.values().stream().mapToLong(Long::longValue).sum();
            result.put(stage, new StageTime(stage, stays, percentile(s, p, stage, buckets, stays, 0.5) / 3600.0,
                    percentile(s, p, stage, buckets, stays, 0.9) / 3600.0));
        });
        return result;
    }

    /** PERCENTILE_CONT: the value at rank fraction * (n - 1) of the ordered stays, interpolated between neighbours. */
    private double percentile(Scope s, MapSqlParameterSource p, String stage, java.util.TreeMap<Integer, Long> buckets,
                              long stays, double fraction) {
        double rank = fraction * (stays - 1);
        long lower = (long) Math.floor(rank);
        long upper = (long) Math.ceil(rank);
        double low = valueAt(s, p, stage, buckets, lower);
        double high = upper == lower ? low : valueAt(s, p, stage, buckets, upper);
        return low + (rank - lower) * (high - low);
    }

    /** The stay at a 0-based rank among the stage's stays in the period (ordered by length). */
    private double valueAt(Scope s, MapSqlParameterSource p, String stage, java.util.TreeMap<Integer, Long> buckets,
                           long rank) {
        long before = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            if (rank < before + bucket.getValue()) {
                MapSqlParameterSource q = new MapSqlParameterSource(p.getValues()).addValue("stage", stage)
                        .addValue("bucket", bucket.getKey()).addValue("offset", rank - before);
                return jdbc.queryForObject("""
                        SELECT t.secs FROM metrics_stage_stay t
                        WHERE t.stage = :stage AND t.bucket = :bucket AND t.left_at >= :from AND t.left_at < :to"""
                        + s.team("t") + " ORDER BY t.secs LIMIT 1 OFFSET :offset", q, Long.class);
            }
            before += bucket.getValue();
        }
        throw new IllegalStateException("rank " + rank + " beyond the " + before + " stays of " + stage);
    }

    /** Contacts whose first loss in the period is this one, and what became of them. */
    Comeback comeback(Scope s) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT COUNT(*) AS lost, COALESCE(SUM(l.reengaged), 0) AS reengaged,
                       COALESCE(SUM(l.reentered), 0) AS reentered, COALESCE(SUM(l.won), 0) AS won
                FROM metrics_loss l
                WHERE l.lost_at >= :from AND l.lost_at < :to AND (l.prev_lost_at IS NULL OR l.prev_lost_at < :from)"""
                + s.team("l"), s.params());
        return new Comeback(number(row.get("lost")), number(row.get("reengaged")), number(row.get("reentered")),
                number(row.get("won")));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
