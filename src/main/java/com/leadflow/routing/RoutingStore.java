package com.leadflow.routing;

import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Reads and writes the routing configuration tables (settings, rules, reps, team managers) with plain SQL. */
@Component
class RoutingStore {

    private static final String RULE_COLUMNS = """
            id, name, enabled, is_default, rule_json, arrival_days, arrival_from, arrival_to, landing_page_contains,
            target_team_id, target_user_id, sla_minutes, reroute_on_breach, version""";
    private static final String REP_SQL = """
            SELECT u.id, u.display_name, u.team_id, t.name AS team_name, COALESCE(r.weight, 1) AS weight, r.capacity,
                   COALESCE(r.away, FALSE) AS away, r.work_start, r.work_end, r.work_days, r.time_zone,
                   COALESCE(r.version, 0) AS version
            FROM app_user u
            LEFT JOIN routing_rep r ON r.user_id = u.id
            LEFT JOIN team t ON t.id = u.team_id
            WHERE u.role = 'SALES' AND u.enabled""";

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;

    RoutingStore(JdbcTemplate jdbc, RuleJson ruleJson) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
    }

    RoutingSettings settings() {
        return jdbc.queryForObject("""
                SELECT enabled, time_zone, business_start, business_end, business_days, sla_hot_minutes,
                       sla_warm_minutes, sla_cold_minutes, near_breach_percent, version
                FROM routing_settings WHERE id = 1""", (rs, i) -> new RoutingSettings(rs.getBoolean("enabled"),
                ZoneId.of(rs.getString("time_zone")), time(rs, "business_start"), time(rs, "business_end"),
                WorkingHours.parseDays(rs.getString("business_days")), rs.getInt("sla_hot_minutes"),
                rs.getInt("sla_warm_minutes"), rs.getInt("sla_cold_minutes"), rs.getInt("near_breach_percent"),
                rs.getLong("version")));
    }

    /** False when somebody saved the settings since they were read. */
    boolean saveSettings(RoutingSettings s) {
        return jdbc.update("""
                UPDATE routing_settings SET enabled = ?, time_zone = ?, business_start = ?, business_end = ?,
                       business_days = ?, sla_hot_minutes = ?, sla_warm_minutes = ?, sla_cold_minutes = ?,
                       near_breach_percent = ?, version = version + 1
                WHERE id = 1 AND version = ?""", s.enabled(), s.zone().getId(), Time.valueOf(s.businessStart()),
                Time.valueOf(s.businessEnd()), WorkingHours.formatDays(s.businessDays()), s.hotMinutes(),
                s.warmMinutes(), s.coldMinutes(), s.nearBreachPercent(), s.version()) == 1;
    }

    /** Every rule in the order they are tried, the default last. */
    List<RoutingRule> rules() {
        return jdbc.query("SELECT " + RULE_COLUMNS + " FROM routing_rule ORDER BY is_default, position, id",
                ruleMapper);
    }

    Optional<RoutingRule> rule(long id) {
        return jdbc.query("SELECT " + RULE_COLUMNS + " FROM routing_rule WHERE id = ?", ruleMapper, id).stream()
                .findFirst();
    }

    long insertRule(RoutingRule r, Instant now) {
        Integer last = jdbc.queryForObject("SELECT MAX(position) FROM routing_rule WHERE NOT is_default", Integer.class);
        jdbc.update("""
                INSERT INTO routing_rule (name, position, enabled, is_default, rule_json, arrival_days, arrival_from,
                       arrival_to, landing_page_contains, target_team_id, target_user_id, sla_minutes,
                       reroute_on_breach, updated_at)
                VALUES (?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", r.name(), last == null ? 10 : last + 10,
                r.enabled(), json(r.condition()), WorkingHours.formatDays(r.arrivalDays()), time(r.arrivalFrom()),
                time(r.arrivalTo()), blankToNull(r.landingPageContains()), r.targetTeamId(), r.targetUserId(),
                r.slaMinutes(), r.rerouteOnBreach(), Db.utc(now));
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }

    /** False when somebody saved the rule since it was read (or deleted it). */
    boolean updateRule(RoutingRule r, Instant now) {
        return jdbc.update("""
                UPDATE routing_rule SET name = ?, enabled = ?, rule_json = ?, arrival_days = ?, arrival_from = ?,
                       arrival_to = ?, landing_page_contains = ?, target_team_id = ?, target_user_id = ?,
                       sla_minutes = ?, reroute_on_breach = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""", r.name(), r.enabled() || r.isDefault(),
                r.isDefault() ? null : json(r.condition()), r.isDefault() ? null : WorkingHours.formatDays(r.arrivalDays()),
                r.isDefault() ? null : time(r.arrivalFrom()), r.isDefault() ? null : time(r.arrivalTo()),
                r.isDefault() ? null : blankToNull(r.landingPageContains()), r.targetTeamId(), r.targetUserId(),
                r.slaMinutes(), r.rerouteOnBreach(), Db.utc(now), r.id(), r.version()) == 1;
    }

    void deleteRule(long id) {
        jdbc.update("DELETE FROM routing_rule WHERE id = ? AND NOT is_default", id);
    }

    /** Writes the positions of the non-default rules in the given order. */
    void reorder(List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            jdbc.update("UPDATE routing_rule SET position = ? WHERE id = ? AND NOT is_default", (i + 1) * 10, ids.get(i));
        }
    }

    /** Every enabled sales rep with their routing settings (defaults where none were saved). */
    List<RepSettings> reps() {
        return jdbc.query(REP_SQL + " ORDER BY t.name, u.display_name", RoutingStore::rep);
    }

    Optional<RepSettings> rep(long userId) {
        return jdbc.query(REP_SQL + " AND u.id = ?", RoutingStore::rep, userId).stream().findFirst();
    }

    /** False when somebody saved this rep's settings since they were read. */
    boolean saveRep(RepSettings r) {
        jdbc.update("INSERT IGNORE INTO routing_rep (user_id) VALUES (?)", r.userId());
        return jdbc.update("""
                UPDATE routing_rep SET weight = ?, capacity = ?, away = ?, work_start = ?, work_end = ?, work_days = ?,
                       time_zone = ?, version = version + 1
                WHERE user_id = ? AND version = ?""", r.weight(), r.capacity(), r.away(), time(r.workStart()),
                time(r.workEnd()), WorkingHours.formatDays(r.workDays()), r.zone() == null ? null : r.zone().getId(),
                r.userId(), r.version()) == 1;
    }

    boolean setAway(long userId, boolean away) {
        jdbc.update("INSERT IGNORE INTO routing_rep (user_id) VALUES (?)", userId);
        return jdbc.update("UPDATE routing_rep SET away = ?, version = version + 1 WHERE user_id = ?", away, userId) == 1;
    }

    Optional<Long> manager(long teamId) {
        return jdbc.queryForList("SELECT manager_user_id FROM routing_team WHERE team_id = ? AND manager_user_id IS NOT NULL",
                Long.class, teamId).stream().findFirst();
    }

    void setManager(long teamId, Long managerUserId) {
        jdbc.update("""
                INSERT INTO routing_team (team_id, manager_user_id) VALUES (?, ?)
                ON DUPLICATE KEY UPDATE manager_user_id = VALUES(manager_user_id)""", teamId, managerUserId);
    }

    private final RowMapper<RoutingRule> ruleMapper = this::rule;

    private RoutingRule rule(ResultSet rs, int row) throws SQLException {
        String json = rs.getString("rule_json");
        Rule condition = json == null ? null : ruleJson.read(json);
        return new RoutingRule(rs.getLong("id"), rs.getString("name"), rs.getBoolean("enabled"),
                rs.getBoolean("is_default"), condition, WorkingHours.parseDays(rs.getString("arrival_days")).size() == 7
                        ? null : WorkingHours.parseDays(rs.getString("arrival_days")),
                time(rs, "arrival_from"), time(rs, "arrival_to"), rs.getString("landing_page_contains"),
                rs.getObject("target_team_id", Long.class), rs.getObject("target_user_id", Long.class),
                rs.getObject("sla_minutes", Integer.class), rs.getBoolean("reroute_on_breach"), rs.getLong("version"));
    }

    private static RepSettings rep(ResultSet rs, int row) throws SQLException {
        String zone = rs.getString("time_zone");
        String days = rs.getString("work_days");
        return new RepSettings(rs.getLong("id"), rs.getString("display_name"), rs.getObject("team_id", Long.class),
                rs.getString("team_name"), rs.getInt("weight"), rs.getObject("capacity", Integer.class),
                rs.getBoolean("away"), time(rs, "work_start"), time(rs, "work_end"),
                days == null ? null : WorkingHours.parseDays(days), zone == null ? null : ZoneId.of(zone),
                rs.getLong("version"));
    }

    private String json(Rule rule) {
        return rule == null ? null : ruleJson.write(rule);
    }

    static LocalTime time(ResultSet rs, String column) throws SQLException {
        Time time = rs.getTime(column);
        return time == null ? null : time.toLocalTime();
    }

    private static Time time(LocalTime time) {
        return time == null ? null : Time.valueOf(time);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
