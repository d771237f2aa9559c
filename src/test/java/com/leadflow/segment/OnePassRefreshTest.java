package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleRefreshJob;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.scoring.ScoringService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full refresh decides scores, lifecycle stages and segments in one read of the contacts, the field conditions
 * in memory and the activity conditions in SQL (decision 019). It must move what the SQL refreshes would move: run
 * after it, each of them on its own finds nothing left to change.
 */
class OnePassRefreshTest extends AbstractIntegrationTest {

    @Autowired
    FullRefreshJob fullRefresh;
    @Autowired
    ScoringService scoring;
    @Autowired
    LifecycleRefreshJob lifecycle;
    @Autowired
    LifecycleService lifecycleService;
    @Autowired
    SegmentRefresher segmentRefresher;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clearAuthentication();
        for (Long id : created) {
            as("admin", () -> {
                contacts.delete(id);
                return null;
            });
        }
    }

    private long contact(String name) {
        ContactForm form = ContactFixtures.contact(name, "Onepass", ContactFixtures.marker());
        long id = as("maria", () -> contacts.create(form)).getId();
        created.add(id);
        return id;
    }

    /** Half a day off whole days, so that no day boundary of a window or of the decay is crossed during the test. */
    private static LocalDateTime daysAgo(double days) {
        return LocalDateTime.now(ZoneOffset.UTC).minusMinutes(Math.round(days * 24 * 60));
    }

    private void activity(long contactId, String type, double daysAgo) {
        LocalDateTime at = daysAgo(daysAgo);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, created_at) "
                + "VALUES (?, ?, ?, 'SYSTEM', ?)", contactId, type, at, at);
        jdbc.update("UPDATE contact SET last_activity_at = GREATEST(COALESCE(last_activity_at, ?), ?) WHERE id = ?",
                at, at, contactId);
    }

    private Map<String, Object> state(long contactId) {
        return jdbc.queryForMap("""
                SELECT c.score, c.temperature, c.lifecycle_stage,
                       (SELECT GROUP_CONCAT(m.segment_id ORDER BY m.segment_id) FROM segment_member m
                        WHERE m.contact_id = c.id) AS segments
                FROM contact c WHERE c.id = ?""", contactId);
    }

    private long segment(String systemKey) {
        return jdbc.queryForObject("SELECT id FROM segment WHERE system_key = ?", Long.class, systemKey);
    }

    private boolean member(String systemKey, long contactId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM segment_member WHERE segment_id = ? AND contact_id = ?",
                Integer.class, segment(systemKey), contactId) > 0;
    }

    @Test
    void theOnePassMovesWhatTheSqlRefreshesWouldAndLeavesThemNothing() {
        long engaged = contact("Engaged");
        long called = contact("Called");
        long dormant = contact("Dormant");
        long lost = contact("Lost");
        long held = contact("Held");
        long overscored = contact("Overscored");

        // facts changed behind the application's back (no change events), as time and imports change them
        jdbc.update("UPDATE contact SET job_title = 'Head of Marketing', country = 'DE' WHERE id = ?", engaged);
        activity(engaged, "CONTENT_DOWNLOAD", 2.5);
        for (int i = 0; i < 3; i++) {
            activity(engaged, "PAGE_VIEW", 3.5 + i);
        }
        activity(called, "CALL", 5.5);
        jdbc.update("UPDATE contact SET lifecycle_stage = 'MQL', created_at = ?, last_activity_at = ? WHERE id = ?",
                daysAgo(200.5), daysAgo(100.5), dormant);
        jdbc.update("UPDATE contact SET status = 'LOST', lost_reason = 'BUDGET' WHERE id = ?", lost);
        jdbc.update("UPDATE contact SET lifecycle_stage = 'SQL' WHERE id = ?", held);
        as("maria", () -> {
            lifecycleService.moveBack(held, LifecycleStage.LEAD, "Re-nurture");
            return null;
        });
        activity(held, "CALL", 1.5); // before the hold: does not release it
        jdbc.update("UPDATE contact SET score = 95, temperature = 'HOT' WHERE id = ?", overscored);
        int engagedBefore = (Integer) state(engaged).get("score");

        authenticate("maria");
        FullRefreshJob.Progress progress = fullRefresh.runAllNow();

        assertThat(progress.error()).isNull();
        assertThat((Integer) state(engaged).get("score")).isGreaterThan(engagedBefore);
        assertThat(state(called).get("lifecycle_stage")).isEqualTo("SQL");
        assertThat(member("DORMANT_MQL", dormant)).isTrue();
        assertThat(member("CLOSED_LOST", lost)).isTrue();
        assertThat(state(held).get("lifecycle_stage")).isEqualTo("LEAD");
        assertThat((Integer) state(overscored).get("score")).isLessThan(95);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'LIFECYCLE_CHANGE'"
                + " AND JSON_VALUE(payload, '$.cause') = 'RULE'", Integer.class, called)).isEqualTo(1);

        // the reference: each SQL refresh on its own, afterwards, changes none of these contacts
        List<Map<String, Object>> afterPass = created.stream().map(this::state).toList();
        scoring.refreshAll();
        assertThat(lifecycle.runNow().error()).isNull();
        for (Long segmentId : jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class)) {
            segmentRefresher.refresh(segmentId, MembershipReason.FULL_REFRESH, Instant.now());
        }
        assertThat(created.stream().map(this::state).toList()).isEqualTo(afterPass);
    }
}
