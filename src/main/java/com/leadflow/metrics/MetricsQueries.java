package com.leadflow.metrics;

import com.leadflow.campaign.CampaignChannel;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.metrics.MetricsReport.*;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.Role;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures as set-based, parameterised SQL over the contact table and the histories the other
 * features write. Every query joins {@code contact c} and narrows it by one scope clause (filters + role), so all
 * panels count the same contacts. Times are UTC wall-clock DATETIMEs, passed in as parameters.
 */
@Component
class MetricsQueries {

    /** Timeline entries in which the contact itself did something: what "re-engaged" means. */
    static final List<String> ENGAGEMENT_TYPES = List.of("PAGE_VIEW", "CONTENT_DOWNLOAD", "FORM_SUBMIT",
            "SURVEY_ANSWER", "EMAIL_OPEN", "EMAIL_CLICK", "CALL", "MEETING");
    static final List<String> QUALIFIED_OR_LATER = List.of("MQL", "SQL", "OPPORTUNITY", "CUSTOMER");
    static final int STUCK_LIMIT = 20;
    /** Threshold for "stuck" in a stage with too few finished stays in the period to know its usual length. */
    static final Duration DEFAULT_STUCK_AFTER = Duration.ofDays(30);
    static final int MIN_STAYS_FOR_P90 = 5;

    private final NamedParameterJdbcTemplate jdbc;

    MetricsQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The filter and the caller's role as one WHERE fragment on {@code c}, with the period as :from / :to. */
    record Scope(String where, MapSqlParameterSource params) {

        /** Whether a condition reads the contact row; without one, history queries stay on their own indexes. */
        boolean narrowed() {
            return !"TRUE".equals(where);
        }

        /** Fills {c:alias} with the join to the contact row, only where a condition needs it. */
        String sql(String template) {
            String result = template;
            for (String alias : List.of("h", "k")) {
                result = result.replace("{c:" + alias + "}",
                        narrowed() ? "JOIN contact c ON c.id = " + alias + ".contact_id" : "");
            }
            return result;
        }
    }

    /**
     * @param wonStages the closing stages that count as won (terminal stages other than LOST; today just WON)
     */
    static Scope scope(MetricsFilter filter, CurrentUser user, Instant now, List<String> wonStages) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("won", wonStages)
                .addValue("from", utc(filter.from())).addValue("to", utc(filter.to())).addValue("now", utc(now))
                .addValue("fromDate", Date.valueOf(LocalDate.ofInstant(filter.from(), ZoneOffset.UTC)))
                .addValue("toDate", Date.valueOf(LocalDate.ofInstant(filter.to(), ZoneOffset.UTC)));
        List<String> where = new ArrayList<>();
        if (user.role() == Role.SALES) {
            // a sales rep sees the figures of the team's contacts (or only their own without a team)
            where.add(user.teamId() == null ? "c.owner_id = :viewer" : "c.team_id = :viewerTeam");
            p.addValue("viewer", user.id()).addValue("viewerTeam", user.teamId());
        }
        if (filter.teamId() != null) {
            where.add("c.team_id = :team");
            p.addValue("team", filter.teamId());
        }
        if (filter.ownerId() != null) {
            where.add("c.owner_id = :owner");
            p.addValue("owner", filter.ownerId());
        }
        if (filter.source() != null) {
            where.add("c.first_touch_source = :source");
            p.addValue("source", filter.source().name());
        }
        if (filter.campaign() != null && !filter.campaign().isBlank()) {
            where.add("c.first_touch_campaign = :campaign");
            p.addValue("campaign", filter.campaign().trim());
        }
        if (filter.segmentId() != null) {
            where.add("EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = :segment AND sm.contact_id = c.id)");
            p.addValue("segment", filter.segmentId());
        }
        return new Scope(where.isEmpty() ? "TRUE" : String.join(" AND ", where), p);
    }

    Sources sources(boolean costsVisible) {
        Map<String, Object> row = jdbc.getJdbcTemplate().queryForMap("""
                SELECT EXISTS (SELECT 1 FROM funnel_stage_history) AS funnel,
                       EXISTS (SELECT 1 FROM lifecycle_stage_history) AS lifecycle,
                       EXISTS (SELECT 1 FROM sla_clock) AS sla,
                       EXISTS (SELECT 1 FROM campaign) AS campaigns""");
        return new Sources(truthy(row.get("funnel")), truthy(row.get("lifecycle")), truthy(row.get("sla")),
                truthy(row.get("campaigns")), costsVisible);
    }

    long newLeads(Scope s) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact c WHERE c.created_at >= :from AND c.created_at < :to AND "
                + s.where(), s.params(), Long.class);
    }

    /** Distinct contacts entering a won stage in the period. */
    long wins(Scope s) {
        return jdbc.queryForObject(s.sql("""
                SELECT COUNT(DISTINCT h.contact_id)
                FROM funnel_stage_history h {c:h}
                WHERE h.to_stage IN (:won) AND h.changed_at >= :from AND h.changed_at < :to AND\s""" + s.where()),
                s.params(), Long.class);
    }

    /** Distinct contacts entering each funnel stage in the period. */
    Map<String, Long> funnelEntries(Scope s) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(s.sql("""
                SELECT h.to_stage, COUNT(DISTINCT h.contact_id)
                FROM funnel_stage_history h {c:h}
                WHERE h.changed_at >= :from AND h.changed_at < :to AND\s""" + s.where() + " GROUP BY h.to_stage"),
                s.params(), rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Distinct contacts entering each lifecycle stage in the period. */
    Map<String, Long> lifecycleEntries(Scope s) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(s.sql("""
                SELECT h.to_stage, COUNT(DISTINCT h.contact_id)
                FROM lifecycle_stage_history h {c:h}
                WHERE h.moved_at >= :from AND h.moved_at < :to AND\s""" + s.where() + " GROUP BY h.to_stage"),
                s.params(), rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Won and lost contacts in the period, by first-touch source. */
    List<WinRate> winRateBySource(Scope s) {
        return jdbc.query("""
                SELECT c.first_touch_source AS k,
                       COUNT(DISTINCT CASE WHEN h.to_stage IN (:won) THEN h.contact_id END) AS won,
                       COUNT(DISTINCT CASE WHEN h.to_stage = 'LOST' THEN h.contact_id END) AS lost
                FROM funnel_stage_history h JOIN contact c ON c.id = h.contact_id
                WHERE (h.to_stage IN (:won) OR h.to_stage = 'LOST') AND h.changed_at >= :from AND h.changed_at < :to AND\s"""
                + s.where() + " GROUP BY c.first_touch_source ORDER BY won DESC, lost, k",
                s.params(), (rs, i) -> new WinRate(rs.getString("k"), rs.getLong("won"), rs.getLong("lost")));
    }

    /** Won and lost contacts in the period, by the channel of their first-touch campaign (null: no campaign). */
    List<WinRate> winRateByChannel(Scope s) {
        return jdbc.query("""
                SELECT k.channel AS k,
                       COUNT(DISTINCT CASE WHEN h.to_stage IN (:won) THEN h.contact_id END) AS won,
                       COUNT(DISTINCT CASE WHEN h.to_stage = 'LOST' THEN h.contact_id END) AS lost
                FROM funnel_stage_history h JOIN contact c ON c.id = h.contact_id
                LEFT JOIN campaign k ON k.name = c.first_touch_campaign
                WHERE (h.to_stage IN (:won) OR h.to_stage = 'LOST') AND h.changed_at >= :from AND h.changed_at < :to AND\s"""
                + s.where() + " GROUP BY k.channel ORDER BY won DESC, lost, k",
                s.params(), (rs, i) -> new WinRate(rs.getString("k"), rs.getLong("won"), rs.getLong("lost")));
    }

    /**
     * Campaigns running at some time in the period, each over its whole life: its leads are all contacts whose
     * first touch it was (cost is per campaign, so cost per lead needs all its leads, not the period's).
     */
    List<CampaignFigures> campaigns(Scope s, MetricsFilter filter, boolean costsVisible) {
        String only = filter.campaign() == null || filter.campaign().isBlank() ? "" : " AND k.name = :campaign";
        MapSqlParameterSource p = new MapSqlParameterSource(s.params().getValues())
                .addValue("qualified", QUALIFIED_OR_LATER);
        return jdbc.query("""
                SELECT k.id, k.name, k.channel, k.starts_on, k.ends_on, k.cost,
                       COUNT(c.id) AS leads,
                       COALESCE(SUM(c.lifecycle_stage IN (:qualified)), 0) AS mqls,
                       COALESCE(SUM(c.status = 'WON' OR c.lifecycle_stage = 'CUSTOMER'), 0) AS customers
                FROM campaign k LEFT JOIN contact c ON c.first_touch_campaign = k.name AND\s"""
                + s.where()
                + " WHERE k.starts_on < :toDate AND (k.ends_on IS NULL OR k.ends_on >= :fromDate)" + only
                + " GROUP BY k.id, k.name, k.channel, k.starts_on, k.ends_on, k.cost"
                + " ORDER BY k.starts_on DESC, k.name", p, (rs, i) -> {
            Date ends = rs.getDate("ends_on");
            return new CampaignFigures(rs.getLong("id"), rs.getString("name"),
                    CampaignChannel.valueOf(rs.getString("channel")), rs.getDate("starts_on").toLocalDate(),
                    ends == null ? null : ends.toLocalDate(), costsVisible ? rs.getBigDecimal("cost") : null,
                    rs.getLong("leads"), rs.getLong("mqls"), rs.getLong("customers"));
        });
    }

    /**
     * Stays that ended in the period, per stage left: each stay runs from the contact's latest entry into that
     * stage to the move out of it. Stays whose entry predates the recorded history are left out.
     */
    Map<String, StageTime> timeInStage(Scope s) {
        Map<String, StageTime> result = new LinkedHashMap<>();
        jdbc.query(s.sql("""
                SELECT DISTINCT t.stage,
                       COUNT(*) OVER (PARTITION BY t.stage) AS stays,
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t.secs) OVER (PARTITION BY t.stage) AS median_secs,
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY t.secs) OVER (PARTITION BY t.stage) AS p90_secs
                FROM (SELECT h.from_stage AS stage,
                             TIMESTAMPDIFF(SECOND, (SELECT MAX(p.changed_at) FROM funnel_stage_history p
                                                    WHERE p.contact_id = h.contact_id AND p.to_stage = h.from_stage
                                                      AND p.changed_at < h.changed_at), h.changed_at) AS secs
                      FROM funnel_stage_history h {c:h}
                      WHERE h.from_stage IS NOT NULL AND h.changed_at >= :from AND h.changed_at < :to AND\s"""
                + s.where() + ") t WHERE t.secs IS NOT NULL"), s.params(), rs -> {
                    String stage = rs.getString("stage");
                    result.put(stage, new StageTime(stage, rs.getLong("stays"), rs.getDouble("median_secs") / 3600.0,
                            rs.getDouble("p90_secs") / 3600.0));
                });
        return result;
    }

    /**
     * Open contacts in a stage for longer than the given threshold, longest first (at most {@link #STUCK_LIMIT}).
     * "In the stage since" is the board's {@code contact.stage_entered_at} (the latest move into it), read in order
     * from the board's index, so the list costs a short index range however long the history is.
     */
    List<StuckContact> stuckIn(Scope s, String stage, Duration threshold, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource(s.params().getValues())
                .addValue("stage", stage).addValue("cutoff", utc(now.minus(threshold)))
                .addValue("limit", STUCK_LIMIT);
        double thresholdHours = threshold.toSeconds() / 3600.0;
        return jdbc.query("""
                SELECT c.id, c.first_name, c.last_name, c.company, u.display_name AS owner_name,
                       c.stage_entered_at AS changed_at
                FROM contact c LEFT JOIN app_user u ON u.id = c.owner_id
                WHERE c.status = 'OPEN' AND c.funnel_stage = :stage AND c.stage_entered_at < :cutoff
                  AND\s""" + s.where() + " ORDER BY c.stage_entered_at, c.id LIMIT :limit", p,
                (rs, i) -> new StuckContact(rs.getLong("id"), rs.getString("first_name") + " " + rs.getString("last_name"),
                        rs.getString("company"), rs.getString("owner_name"), stage,
                        read(rs, "changed_at"), thresholdHours));
    }

    SpeedToLead speedToLead(Scope s) {
        // a clock routing cancelled (reassigned, routed again, closed) counts only if it had already been missed
        String from = s.sql(" FROM sla_clock k {c:k}"
                + " WHERE k.started_at >= :from AND k.started_at < :to"
                + " AND (k.cancelled_at IS NULL OR k.breached_at IS NOT NULL) AND " + s.where());
        Map<String, Object> counts = jdbc.queryForMap("""
                SELECT COUNT(*) AS clocks,
                       COALESCE(SUM(k.stopped_at IS NOT NULL), 0) AS answered,
                       COALESCE(SUM(k.stopped_at IS NOT NULL AND k.stopped_at <= k.due_at), 0) AS in_time,
                       COALESCE(SUM(k.stopped_at IS NULL AND k.cancelled_at IS NULL AND k.due_at < :now), 0) AS overdue""" + from, s.params());
        List<Double> median = jdbc.queryForList("""
                SELECT DISTINCT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(SECOND, k.started_at, k.stopped_at))
                       OVER () AS median_secs""" + from + " AND k.stopped_at IS NOT NULL", s.params(), Double.class);
        return new SpeedToLead(number(counts.get("clocks")), number(counts.get("answered")),
                number(counts.get("in_time")), number(counts.get("overdue")),
                median.isEmpty() || median.getFirst() == null ? null : median.getFirst() / 60.0);
    }

    /** Contacts lost in the period (first loss in it) and, after that loss: re-engagement 3+ months on, re-entry, win. */
    Comeback comeback(Scope s) {
        MapSqlParameterSource p = new MapSqlParameterSource(s.params().getValues())
                .addValue("engagement", ENGAGEMENT_TYPES);
        Map<String, Object> row = jdbc.queryForMap(s.sql("""
                SELECT COUNT(*) AS lost,
                       COALESCE(SUM(EXISTS (SELECT 1 FROM activity a WHERE a.contact_id = l.contact_id
                                   AND a.occurred_at >= l.lost_at + INTERVAL 3 MONTH AND a.type IN (:engagement))), 0)
                           AS reengaged,
                       COALESCE(SUM(EXISTS (SELECT 1 FROM funnel_stage_history n WHERE n.contact_id = l.contact_id
                                   AND n.changed_at > l.lost_at AND n.to_stage <> 'LOST')), 0) AS reentered,
                       COALESCE(SUM(EXISTS (SELECT 1 FROM funnel_stage_history n WHERE n.contact_id = l.contact_id
                                   AND n.changed_at > l.lost_at AND n.to_stage IN (:won))), 0) AS won
                FROM (SELECT h.contact_id, MIN(h.changed_at) AS lost_at
                      FROM funnel_stage_history h {c:h}
                      WHERE h.to_stage = 'LOST' AND h.changed_at >= :from AND h.changed_at < :to AND\s"""
                + s.where() + " GROUP BY h.contact_id) l"), p);
        return new Comeback(number(row.get("lost")), number(row.get("reengaged")), number(row.get("reentered")),
                number(row.get("won")));
    }

    /** New leads, SQL entries, wins and losses per week (ISO, Monday) or month, UTC. */
    List<TrendPoint> trend(Scope s, MetricsFilter filter, TrendGrain grain) {
        Map<LocalDate, long[]> buckets = new LinkedHashMap<>();
        LocalDate end = LocalDate.ofInstant(filter.to().minusNanos(1), ZoneOffset.UTC);
        for (LocalDate d = bucketStart(LocalDate.ofInstant(filter.from(), ZoneOffset.UTC), grain);
             !d.isAfter(end); d = grain == TrendGrain.WEEK ? d.plusWeeks(1) : d.plusMonths(1)) {
            buckets.put(d, new long[4]);
        }
        fill(buckets, 0, "SELECT " + bucket("c.created_at", grain) + " AS b, COUNT(*) FROM contact c"
                + " WHERE c.created_at >= :from AND c.created_at < :to AND " + s.where() + " GROUP BY b", s);
        fill(buckets, 1, "SELECT " + bucket("h.moved_at", grain) + " AS b, COUNT(DISTINCT h.contact_id)"
                + " FROM lifecycle_stage_history h {c:h} WHERE h.to_stage = 'SQL'"
                + " AND h.moved_at >= :from AND h.moved_at < :to AND " + s.where() + " GROUP BY b", s);
        fill(buckets, 2, "SELECT " + bucket("h.changed_at", grain) + " AS b, COUNT(DISTINCT h.contact_id)"
                + " FROM funnel_stage_history h {c:h} WHERE h.to_stage IN (:won)"
                + " AND h.changed_at >= :from AND h.changed_at < :to AND " + s.where() + " GROUP BY b", s);
        fill(buckets, 3, "SELECT " + bucket("h.changed_at", grain) + " AS b, COUNT(DISTINCT h.contact_id)"
                + " FROM funnel_stage_history h {c:h} WHERE h.to_stage = 'LOST'"
                + " AND h.changed_at >= :from AND h.changed_at < :to AND " + s.where() + " GROUP BY b", s);
        List<TrendPoint> points = new ArrayList<>();
        buckets.forEach((start, v) -> points.add(new TrendPoint(start, v[0], v[1], v[2], v[3])));
        return points;
    }

    static LocalDate bucketStart(LocalDate day, TrendGrain grain) {
        return grain == TrendGrain.WEEK ? day.minusDays(day.getDayOfWeek().getValue() - 1L) : day.withDayOfMonth(1);
    }

    private static String bucket(String column, TrendGrain grain) {
        return grain == TrendGrain.WEEK ? "DATE(" + column + ") - INTERVAL WEEKDAY(" + column + ") DAY"
                : "CAST(DATE_FORMAT(" + column + ", '%Y-%m-01') AS DATE)";
    }

    private void fill(Map<LocalDate, long[]> buckets, int index, String sql, Scope s) {
        jdbc.query(s.sql(sql), s.params(), rs -> {
            long[] v = buckets.get(rs.getDate(1).toLocalDate());
            if (v != null) {
                v[index] = rs.getLong(2);
            }
        });
    }

    static List<LifecycleStage> lifecycleOrder() {
        return List.of(LifecycleStage.values());
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant read(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static boolean truthy(Object value) {
        return value instanceof Number n ? n.longValue() != 0 : Boolean.TRUE.equals(value);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
