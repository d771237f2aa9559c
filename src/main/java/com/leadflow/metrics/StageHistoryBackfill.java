package com.leadflow.metrics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plausible funnel and lifecycle histories for contacts that were generated without any (the lifecycle history of
 * the demo data; both for the benchmark data set if the board's demo history has not filled it), derived set-based from each contact's current stage: it passed through every earlier stage,
 * evenly spread between its creation and its last activity; a won contact went through three to seven open stages
 * first, a lost one through one to three. Each table is filled only while it is empty, so this never mixes with real
 * history.
 */
@Component
class StageHistoryBackfill {

    /** Open stages ranked 1..n in board order; closing stages after them. */
    private static final String RANKED_STAGES = """
            (SELECT code, terminal, ROW_NUMBER() OVER (ORDER BY terminal, position) AS rk FROM funnel_stage)""";

    /** Each contact with its time span and how many open stages it went through. */
    private static final String REACH = """
            (SELECT c.id, c.created_at, c.funnel_stage, cur.terminal AS closed,
                    TIMESTAMPDIFF(SECOND, c.created_at,
                                  GREATEST(c.created_at, COALESCE(c.last_activity_at, c.updated_at))) AS span,
                    CASE WHEN NOT cur.terminal THEN cur.rk
                         WHEN c.funnel_stage = 'LOST' THEN 1 + c.id % 3
                         ELSE LEAST(3 + c.id % 5, (SELECT COUNT(*) FROM funnel_stage WHERE NOT terminal)) END AS reach
             FROM contact c JOIN {ranked} cur ON cur.code = c.funnel_stage
             WHERE c.id BETWEEN ? AND ?)""".replace("{ranked}", RANKED_STAGES);

    private final JdbcTemplate jdbc;

    StageHistoryBackfill(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the number of funnel history rows written (0 when the table already had rows). */
    int fillFunnelHistoryIfEmpty() {
        return hasRows("funnel_stage_history") ? 0 : fillFunnelHistory(0, Long.MAX_VALUE);
    }

    /** Histories for the contacts with ids in [fromId, toId]; callers make sure they have none yet. */
    int fillFunnelHistory(long fromId, long toId) {
        int open = jdbc.update("""
                INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at)
                SELECT r.id, prev.code, s.code, r.created_at + INTERVAL FLOOR(r.span * (s.rk - 1) / r.reach) SECOND
                FROM {reach} r
                JOIN {ranked} s ON NOT s.terminal AND s.rk <= r.reach
                LEFT JOIN {ranked} prev ON NOT prev.terminal AND prev.rk = s.rk - 1"""
                .replace("{reach}", REACH).replace("{ranked}", RANKED_STAGES), fromId, toId);
        int closing = jdbc.update("""
                INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at)
                SELECT r.id, last.code, r.funnel_stage, r.created_at + INTERVAL r.span SECOND
                FROM {reach} r
                JOIN {ranked} last ON NOT last.terminal AND last.rk = r.reach
                WHERE r.closed""".replace("{reach}", REACH).replace("{ranked}", RANKED_STAGES), fromId, toId);
        return open + closing;
    }

    /** Returns the number of lifecycle history rows written (0 when the table already had rows). */
    int fillLifecycleHistoryIfEmpty() {
        return hasRows("lifecycle_stage_history") ? 0 : fillLifecycleHistory(0, Long.MAX_VALUE);
    }

    /** Lifecycle moves for the contacts with ids in [fromId, toId]; callers make sure they have none yet. */
    int fillLifecycleHistory(long fromId, long toId) {
        // SUBSCRIBER .. CUSTOMER ranked 1..6; every contact moved up one stage at a time to where it is now
        String ranked = "(SELECT 'SUBSCRIBER' AS code, 1 AS rk UNION ALL SELECT 'LEAD', 2 UNION ALL SELECT 'MQL', 3"
                + " UNION ALL SELECT 'SQL', 4 UNION ALL SELECT 'OPPORTUNITY', 5 UNION ALL SELECT 'CUSTOMER', 6)";
        return jdbc.update("""
                INSERT INTO lifecycle_stage_history (contact_id, from_stage, to_stage, moved_at, cause)
                SELECT c.id, prev.code, s.code,
                       c.created_at + INTERVAL FLOOR(TIMESTAMPDIFF(SECOND, c.created_at,
                           GREATEST(c.created_at, COALESCE(c.last_activity_at, c.updated_at))) * (s.rk - 2) / cur.rk) SECOND,
                       'RULE'
                FROM contact c
                JOIN {ranked} cur ON cur.code = c.lifecycle_stage
                JOIN {ranked} s ON s.rk BETWEEN 2 AND cur.rk
                JOIN {ranked} prev ON prev.rk = s.rk - 1
                WHERE c.id BETWEEN ? AND ?""".replace("{ranked}", ranked), fromId, toId);
    }

    private boolean hasRows(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + table + ")", Boolean.class));
    }
}
