package com.leadflow.routing;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Test data for routing: contacts inserted set-based, throw-away teams and reps, and a full reset afterwards. */
final class RoutingTestSupport {

    private final JdbcTemplate jdbc;
    private final List<Long> users = new ArrayList<>();
    private final List<Long> teams = new ArrayList<>();
    final String marker = "RT" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    RoutingTestSupport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts contacts without owner (company = this test's marker) and returns their ids in order. */
    List<Long> contacts(int n, String country, String city) {
        LocalDateTime now = LocalDateTime.now();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[]{"Lead" + i, marker, marker, country, city, now, now});
        }
        jdbc.batchUpdate("INSERT INTO contact (first_name, last_name, company, country, city, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        List<Long> ids = jdbc.queryForList("SELECT id FROM contact WHERE company = ? ORDER BY id", Long.class, marker);
        return ids.subList(ids.size() - n, ids.size());
    }

    long team(String name) {
        jdbc.update("INSERT INTO team (name, created_at) VALUES (?, NOW(6))", name + " " + marker);
        long id = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
        teams.add(id);
        return id;
    }

    long rep(String name, long teamId, int weight) {
        jdbc.update("""
                INSERT INTO app_user (username, display_name, password_hash, role, team_id, enabled, created_at, updated_at)
                VALUES (?, ?, 'x', 'SALES', ?, TRUE, NOW(6), NOW(6))""", (name + marker).toLowerCase(), name, teamId);
        long id = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
        users.add(id);
        jdbc.update("INSERT INTO routing_rep (user_id, weight) VALUES (?, ?)", id, weight);
        return id;
    }

    long userId(String username) {
        return jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, username);
    }

    long teamId(String name) {
        return jdbc.queryForObject("SELECT id FROM team WHERE name = ?", Long.class, name);
    }

    long rule(String name, String ruleJson, Long teamId, Long userId, Integer slaMinutes, String from, String to) {
        jdbc.update("""
                INSERT INTO routing_rule (name, position, rule_json, arrival_from, arrival_to, target_team_id,
                       target_user_id, sla_minutes, updated_at)
                VALUES (?, (SELECT COALESCE(MAX(r.position), 0) + 10 FROM routing_rule r WHERE NOT r.is_default),
                        ?, ?, ?, ?, ?, ?, NOW(6))""", name, ruleJson, from, to, teamId, userId, slaMinutes);
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }

    void defaultTarget(Long teamId) {
        jdbc.update("UPDATE routing_rule SET target_team_id = ?, target_user_id = NULL WHERE is_default", teamId);
    }

    void enable(boolean on) {
        jdbc.update("UPDATE routing_settings SET enabled = ?, time_zone = 'UTC' WHERE id = 1", on);
    }

    Long owner(long contactId) {
        return jdbc.queryForObject("SELECT owner_id FROM contact WHERE id = ?", Long.class, contactId);
    }

    /** Back to the state the application starts in, whatever a test changed. */
    void cleanUp() {
        jdbc.update("DELETE FROM contact WHERE company = ? OR last_name = ?", marker, marker);
        if (!users.isEmpty()) {
            String in = String.join(",", Collections.nCopies(users.size(), "?"));
            jdbc.update("DELETE FROM contact WHERE owner_id IN (" + in + ")", users.toArray());
            jdbc.update("DELETE FROM routing_assignment WHERE owner_id IN (" + in + ") OR previous_owner_id IN (" + in + ")",
                    concat(users, users));
            jdbc.update("DELETE FROM sla_clock WHERE owner_id IN (" + in + ")", users.toArray());
            jdbc.update("DELETE FROM app_user WHERE id IN (" + in + ")", users.toArray());
        }
        for (Long team : teams) {
            jdbc.update("DELETE FROM routing_rule WHERE target_team_id = ? AND NOT is_default", team);
            jdbc.update("UPDATE routing_rule SET target_team_id = NULL WHERE target_team_id = ?", team);
            jdbc.update("DELETE FROM team WHERE id = ?", team);
        }
        jdbc.update("DELETE FROM routing_rule WHERE NOT is_default");
        jdbc.update("UPDATE routing_rule SET target_team_id = NULL, target_user_id = NULL, sla_minutes = NULL, "
                + "reroute_on_breach = FALSE WHERE is_default");
        jdbc.update("DELETE FROM routing_rep");
        jdbc.update("DELETE FROM routing_team");
        jdbc.update("""
                UPDATE routing_settings SET enabled = FALSE, time_zone = 'UTC', business_start = '09:00:00',
                       business_end = '18:00:00', business_days = '1,2,3,4,5', sla_hot_minutes = 15,
                       sla_warm_minutes = 240, sla_cold_minutes = 1080, near_breach_percent = 25 WHERE id = 1""");
    }

    private static Object[] concat(List<Long> a, List<Long> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray();
    }
}
