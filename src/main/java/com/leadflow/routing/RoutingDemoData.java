package com.leadflow.routing;

import com.leadflow.demo.DemoProperties;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.RuleNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Demo mode, on a database with demo contacts and no routing history: a few sensible routing rules (hot leads to
 * Enterprise, Russia and neighbours to North, pricing-page visitors to South with a one-hour target and re-route on
 * breach, the rest to North), routing switched on, and — derived set-based from the demo contacts of the last 30
 * days and their first logged call, meeting or email — assignment history and speed-to-lead clocks for the
 * fairness view and the dashboard.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "leadflow.demo.enabled", havingValue = "true", matchIfMissing = true)
class RoutingDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RoutingDemoData.class);

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;
    private final DemoProperties properties;
    private final Clock clock;

    RoutingDemoData(JdbcTemplate jdbc, RuleJson ruleJson, DemoProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        boolean untouched = !Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM routing_rule WHERE NOT is_default) OR EXISTS (SELECT 1 FROM routing_assignment)",
                Boolean.class));
        boolean demoContacts = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM contact)",
                Boolean.class));
        // without demo contacts (the test suite) routing stays off, so other features' new contacts stay unowned
        if (!untouched || !demoContacts || properties.getContacts() <= 0) {
            return;
        }
        Long north = team("North");
        Long south = team("South");
        Long enterprise = team("Enterprise");
        if (north == null || south == null || enterprise == null) {
            return;
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        rule("Hot leads to Enterprise", 10, Rule.of(RuleNode.all(
                new RuleNode.FieldCondition("temperature", Operator.EQUALS, "HOT"))), null, enterprise, 15, false, now);
        rule("Russia and neighbours", 20, Rule.of(RuleNode.all(
                new RuleNode.FieldCondition("country", Operator.IN, "RU", "BY", "KZ"))), null, north, null, false, now);
        rule("Pricing page visitors", 30, null, "pricing", south, 60, true, now);
        jdbc.update("UPDATE routing_rule SET target_team_id = ?, updated_at = ? WHERE is_default", north, now);
        jdbc.update("UPDATE routing_settings SET enabled = TRUE, time_zone = 'Europe/Moscow' WHERE id = 1");

        LocalDateTime since = now.minusDays(30);
        int assignments = jdbc.update("""
                INSERT INTO routing_assignment (contact_id, decided_at, cause, outcome, team_id, owner_id,
                       explanation_json, latest)
                SELECT c.id, c.created_at, 'CREATED', 'ASSIGNED', c.team_id, c.owner_id,
                       '[{"key":"routing.why.demo","params":[]}]', TRUE
                FROM contact c JOIN app_user u ON u.id = c.owner_id AND u.role = 'SALES'
                WHERE c.created_at >= ?""", since);
        boolean noClocks = !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM sla_clock)",
                Boolean.class));
        int clocks = !noClocks ? 0 : jdbc.update("""
                INSERT INTO sla_clock (contact_id, owner_id, team_id, started_at, due_at, target_minutes, stopped_at,
                       stop_activity_id, breached_at, cancelled_at)
                SELECT x.id, x.owner_id, x.team_id, x.created_at, x.due_at, x.target, x.first_at, x.first_id,
                       CASE WHEN x.first_at IS NULL OR x.first_at > x.due_at THEN x.due_at END,
                       CASE WHEN x.first_at IS NULL AND x.status <> 'OPEN' THEN x.created_at END
                FROM (
                    SELECT c.id, c.owner_id, c.team_id, c.created_at, c.status,
                           CASE c.temperature WHEN 'HOT' THEN 15 WHEN 'WARM' THEN 240 ELSE 1080 END AS target,
                           DATE_ADD(c.created_at, INTERVAL CASE c.temperature WHEN 'HOT' THEN 15 WHEN 'WARM' THEN 240
                                    ELSE 2880 END MINUTE) AS due_at,
                           (SELECT MIN(a.occurred_at) FROM activity a WHERE a.contact_id = c.id
                              AND a.type IN ('CALL', 'MEETING', 'EMAIL_SENT') AND a.author_kind = 'USER'
                              AND a.occurred_at >= c.created_at) AS first_at,
                           (SELECT a.id FROM activity a WHERE a.contact_id = c.id
                              AND a.type IN ('CALL', 'MEETING', 'EMAIL_SENT') AND a.author_kind = 'USER'
                              AND a.occurred_at >= c.created_at ORDER BY a.occurred_at, a.id LIMIT 1) AS first_id
                    FROM contact c JOIN app_user u ON u.id = c.owner_id AND u.role = 'SALES'
                    WHERE c.created_at >= ?) x""", since);
        jdbc.update("""
                UPDATE contact c JOIN sla_clock s ON s.contact_id = c.id
                SET c.sla_due_at = s.due_at WHERE s.stopped_at IS NULL AND s.cancelled_at IS NULL""");
        log.info("Routing demo: rules created, routing on; {} assignments and {} SLA clocks from the last 30 days",
                assignments, clocks);
    }

    private Long team(String name) {
        return jdbc.queryForList("SELECT id FROM team WHERE name = ?", Long.class, name).stream().findFirst()
                .orElse(null);
    }

    private void rule(String name, int position, Rule condition, String landingPage, Long teamId, Integer sla,
                      boolean reroute, LocalDateTime now) {
        jdbc.update("""
                INSERT INTO routing_rule (name, position, rule_json, landing_page_contains, target_team_id, sla_minutes,
                       reroute_on_breach, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", name, position, condition == null ? null : ruleJson.write(condition),
                landingPage, teamId, sla, reroute, now);
    }
}
