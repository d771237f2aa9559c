package com.leadflow.metrics;

import com.leadflow.AbstractIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The histories the demo and the benchmark derive from current stages: every earlier stage, in order, in time. */
class StageHistoryBackfillTest extends AbstractIntegrationTest {

    @Autowired
    StageHistoryBackfill backfill;
    @Autowired
    JdbcTemplate jdbc;

    MetricsFixture data;

    @AfterEach
    void cleanUp() {
        data.delete();
    }

    private long contact(String funnelStage, String status, String lifecycle) {
        long id = data.contact("Backfill", "2025-01-01", null, null, null, funnelStage, status, lifecycle);
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?", LocalDateTime.parse("2025-04-11T10:00:00"), id);
        return id; // 100 days from creation to last activity
    }

    private List<String> moves(long contact) {
        return jdbc.query("SELECT from_stage, to_stage, changed_at FROM funnel_stage_history WHERE contact_id = ?"
                + " ORDER BY changed_at, id", (rs, i) -> rs.getString(1) + ">" + rs.getString(2) + "@"
                + rs.getObject(3, LocalDateTime.class).toLocalDate(), contact);
    }

    @Test
    void openContactsPassedEveryEarlierStageAndClosedOnesEndOnTheirLastActivity() {
        data = new MetricsFixture(jdbc);
        long open = contact("ACTIVE_REQUEST", "OPEN", "SQL");
        long won = contact("WON", "WON", "CUSTOMER");
        long lost = contact("LOST", "LOST", "LEAD");

        int rows = backfill.fillFunnelHistory(open, lost);

        assertThat(moves(open)).containsExactly("null>UNINTERESTED@2025-01-01", "UNINTERESTED>INTERESTED@2025-02-03",
                "INTERESTED>ACTIVE_REQUEST@2025-03-09");
        int wonReach = (int) Math.min(3 + won % 5, 7);
        List<String> wonMoves = moves(won);
        assertThat(wonMoves).hasSize(wonReach + 1).startsWith("null>UNINTERESTED@2025-01-01");
        assertThat(wonMoves.getLast()).endsWith(">WON@2025-04-11");
        int lostReach = (int) (1 + lost % 3);
        assertThat(moves(lost)).hasSize(lostReach + 1);
        assertThat(moves(lost).getLast()).endsWith(">LOST@2025-04-11");
        assertThat(rows).isEqualTo(3 + wonReach + 1 + lostReach + 1);

        int lifecycleRows = backfill.fillLifecycleHistory(open, lost);
        assertThat(jdbc.queryForList("SELECT to_stage FROM lifecycle_stage_history WHERE contact_id = ? ORDER BY moved_at, id",
                String.class, open)).containsExactly("LEAD", "MQL", "SQL");
        assertThat(lifecycleRows).isEqualTo(3 + 5 + 1); // SQL, CUSTOMER and LEAD contacts
    }
}
