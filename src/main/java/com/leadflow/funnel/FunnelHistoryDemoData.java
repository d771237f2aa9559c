package com.leadflow.funnel;

import com.leadflow.demo.DemoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: gives the demo contacts a plausible stage history, set-based. Each walked the open stages in order
 * from the first to the one it is in (or, if closed, the one it left for Won or Lost, as its closing timeline entry
 * says), at even steps between its creation and its last change or closing; closed contacts end with the closing
 * move, with the lost reason. Each contact's {@code stage_entered_at} becomes its last history entry.
 * Writes only while the stage history is empty, so it never mixes with real history; if the dashboard's demo data
 * wrote the history first, only {@code stage_entered_at} is brought in line with it.
 */
@Component
@Order(20) // after the demo data (0) and the segment defaults (10)
class FunnelHistoryDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FunnelHistoryDemoData.class);

    /** The open stages with their index in board order (0 = first column). */
    private static final String OPEN_STAGE_INDEX = """
            (SELECT code, CAST(ROW_NUMBER() OVER (ORDER BY position, code) - 1 AS INT) AS idx
             FROM funnel_stage WHERE terminal = FALSE)""";

    private final JdbcTemplate jdbc;
    private final DemoProperties demo;
    private final TransactionTemplate transaction;

    FunnelHistoryDemoData(JdbcTemplate jdbc, DemoProperties demo, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.demo = demo;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo.isEnabled()
                || !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM contact)", Boolean.class))) {
            return;
        }
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM funnel_stage_history)",
                Boolean.class))) {
            long started = System.currentTimeMillis();
            transaction.executeWithoutResult(status -> generate());
            log.info("Demo stage history written in {} ms", System.currentTimeMillis() - started);
        } else if (demo.getContacts() > 0) {
            // the dashboard's demo data may have written the history first: days in stage follow it all the same
            syncStageEnteredAt();
        }
    }

    /** Each contact entered its stage at its last history entry (a no-op where they agree already). */
    private void syncStageEnteredAt() {
        jdbc.update("""
                UPDATE contact c
                JOIN (SELECT contact_id, MAX(changed_at) AS entered FROM funnel_stage_history GROUP BY contact_id) h
                  ON h.contact_id = c.id
                SET c.stage_entered_at = h.entered
                WHERE c.stage_entered_at <> h.entered""");
    }

    void generate() {
        jdbc.execute("DROP TEMPORARY TABLE IF EXISTS demo_funnel_path");
        jdbc.execute("""
                CREATE TEMPORARY TABLE demo_funnel_path (
                    contact_id  BIGINT      PRIMARY KEY,
                    last_open   VARCHAR(40) NOT NULL,
                    last_idx    INT         NOT NULL,
                    start_at    DATETIME(6) NOT NULL,
                    end_at      DATETIME(6) NOT NULL,
                    closed      BOOLEAN     NOT NULL,
                    owner_id    BIGINT      NULL
                )""");
        // open (and unqualified) contacts: the path ends in their current stage, entered before their last change
        jdbc.update("""
                INSERT INTO demo_funnel_path
                SELECT c.id, c.funnel_stage, s.idx, c.created_at, GREATEST(c.created_at, c.updated_at), FALSE,
                       c.owner_id
                FROM contact c JOIN %s s ON s.code = c.funnel_stage""".formatted(OPEN_STAGE_INDEX));
        // closed contacts: the path ends in the stage their closing move left (else a plausible one), then closes
        jdbc.update("""
                INSERT INTO demo_funnel_path
                SELECT c.id, s.code, s.idx, c.created_at, GREATEST(c.created_at, COALESCE(m.closed_at, c.updated_at)),
                       TRUE, c.owner_id
                FROM contact c
                JOIN funnel_stage t ON t.code = c.funnel_stage AND t.terminal = TRUE
                LEFT JOIN (SELECT contact_id, MAX(occurred_at) AS closed_at,
                                  MAX(JSON_VALUE(payload, '$[0].oldValue')) AS left_stage
                           FROM activity
                           WHERE type = 'FUNNEL_MOVE' AND JSON_VALUE(payload, '$[0].field') = 'funnelStage'
                           GROUP BY contact_id) m ON m.contact_id = c.id
                JOIN %s s ON s.code = COALESCE(
                    (SELECT f.code FROM funnel_stage f WHERE f.code = m.left_stage AND f.terminal = FALSE),
                    CASE WHEN c.status = 'WON' THEN 'DELIVERED' ELSE 'INTERESTED' END)""".formatted(OPEN_STAGE_INDEX));
        // one row per open stage walked: the first (creation) at start_at, the others evenly up to the end
        int walked = jdbc.update("""
                INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at, changed_by_user_id,
                                                  reason, note)
                SELECT p.contact_id, prev.code, s.code,
                       p.start_at + INTERVAL FLOOR(TIMESTAMPDIFF(SECOND, p.start_at, p.end_at) * s.idx
                                                   / (p.last_idx + 1)) SECOND,
                       CASE WHEN s.idx = 0 THEN NULL ELSE p.owner_id END, NULL, NULL
                FROM demo_funnel_path p
                JOIN %1$s s ON s.idx <= p.last_idx
                LEFT JOIN %1$s prev ON prev.idx = s.idx - 1""".formatted(OPEN_STAGE_INDEX));
        int closing = jdbc.update("""
                INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at, changed_by_user_id,
                                                  reason, note)
                SELECT p.contact_id, p.last_open, c.funnel_stage, p.end_at, p.owner_id, c.lost_reason, c.lost_note
                FROM demo_funnel_path p JOIN contact c ON c.id = p.contact_id
                WHERE p.closed""");
        syncStageEnteredAt();
        jdbc.execute("DROP TEMPORARY TABLE demo_funnel_path");
        log.info("Demo stage history: {} stage entries, {} closing moves", walked, closing);
    }
}
