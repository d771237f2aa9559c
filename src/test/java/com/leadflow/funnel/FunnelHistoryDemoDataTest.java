package com.leadflow.funnel;

import com.leadflow.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FunnelHistoryDemoDataTest extends AbstractIntegrationTest {

    @Autowired
    FunnelHistoryDemoData demoData;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    private long insert(String stage, String status, String lostReason, String created, String updated) {
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, funnel_stage, status, lost_reason, created_at, updated_at)
                VALUES ('Demo', 'Path', ?, ?, ?, ?, ?)""", stage, status, lostReason,
                Timestamp.from(Instant.parse(created)), Timestamp.from(Instant.parse(updated)));
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }

    private List<Map<String, Object>> history(long id) {
        return jdbc.queryForList("""
                SELECT from_stage, to_stage, changed_at, reason FROM funnel_stage_history WHERE contact_id = ?
                ORDER BY changed_at, id""", id);
    }

    @Test
    void demoContactsGetAPlausiblePathUpToTheirStageAndTheirClosingMove() {
        // everything happens in a transaction that is rolled back: the shared test database keeps its history
        transaction.executeWithoutResult(tx -> {
            long open = insert("REQUEST_SENT", "OPEN", null, "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z");
            long lost = insert("LOST", "LOST", "BUDGET", "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z");
            jdbc.update("""
                    INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at)
                    VALUES (?, 'FUNNEL_MOVE', ?, 'SYSTEM', 'funnelStage, status',
                            '[{"field":"funnelStage","oldValue":"ACTIVE_REQUEST","newValue":"LOST"}]', NOW())""",
                    lost, Timestamp.from(Instant.parse("2025-02-01T00:00:00Z")));
            jdbc.update("DELETE FROM funnel_stage_history");

            demoData.generate();

            List<Map<String, Object>> openPath = history(open);
            assertThat(openPath).extracting(r -> r.get("to_stage"))
                    .containsExactly("UNINTERESTED", "INTERESTED", "ACTIVE_REQUEST", "REQUEST_SENT");
            assertThat(openPath.getFirst().get("from_stage")).isNull();
            assertThat(openPath.get(1).get("from_stage")).isEqualTo("UNINTERESTED");
            // four steps spread over the four days: one a day
            assertThat(openPath.getLast().get("changed_at").toString()).startsWith("2025-01-04");
            assertThat(jdbc.queryForObject("SELECT stage_entered_at FROM contact WHERE id = ?", Timestamp.class, open)
                    .toInstant()).isEqualTo(Instant.parse("2025-01-04T00:00:00Z"));

            List<Map<String, Object>> lostPath = history(lost);
            assertThat(lostPath).extracting(r -> r.get("to_stage"))
                    .containsExactly("UNINTERESTED", "INTERESTED", "ACTIVE_REQUEST", "LOST");
            assertThat(lostPath.getLast()).containsEntry("from_stage", "ACTIVE_REQUEST").containsEntry("reason", "BUDGET");
            assertThat(lostPath.getLast().get("changed_at").toString()).startsWith("2025-02-01");
            tx.setRollbackOnly();
        });
    }
}
