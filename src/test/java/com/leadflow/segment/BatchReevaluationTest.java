package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.timeline.ContactReevaluationQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large backlog of changed contacts (an import, a burst of ingestion) is re-evaluated in batches with one read of
 * them (decision 019): the scores, stages and segments must be what the one-contact live evaluation gives — run
 * after it, the live path changes nothing — and the member counts must stay exact.
 */
class BatchReevaluationTest extends AbstractIntegrationTest {

    @Autowired
    ContactReevaluationQueue queue;
    @Autowired
    LifecycleService lifecycleService;
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

    private long contact(String name, String company) {
        ContactForm form = ContactFixtures.contact(name, "Batch", company);
        long id = as("maria", () -> contacts.create(form)).getId();
        created.add(id);
        return id;
    }

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
                        WHERE m.contact_id = c.id) AS segments,
                       (SELECT GROUP_CONCAT(e.cadence_id ORDER BY e.cadence_id) FROM cadence_enrolment e
                        WHERE e.contact_id = c.id AND e.ended_at IS NULL) AS cadences
                FROM contact c WHERE c.id = ?""", contactId);
    }

    private boolean member(String systemKey, long contactId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM segment_member m JOIN segment s ON s.id = m.segment_id "
                + "WHERE s.system_key = ? AND m.contact_id = ?", Integer.class, systemKey, contactId) > 0;
    }

    /** Each segment's stored member count minus its real number of members. */
    private Map<Long, Long> countGaps() {
        Map<Long, Long> gaps = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT s.id, s.member_count - (SELECT COUNT(*) FROM segment_member m WHERE m.segment_id = s.id)
                FROM segment s""", rs -> {
            gaps.put(rs.getLong(1), rs.getLong(2));
        });
        return gaps;
    }

    private long scoredAt(List<Long> ids) {
        return ids.stream().filter(id -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM contact_scored_at WHERE contact_id = ?", Integer.class, id) > 0).count();
    }

    @Test
    void aLargeBacklogIsDecidedInBatchesAsTheLiveEvaluationWouldDecideIt() throws InterruptedException {
        String company = ContactFixtures.marker();
        long engaged = contact("Engaged", company);
        long called = contact("Called", company);
        long dormant = contact("Dormant", company);
        long lost = contact("Lost", company);
        long held = contact("Held", company);
        long overscored = contact("Overscored", company);
        List<Long> special = List.copyOf(created);
        // the rest of the batch written as an import writes them: plain rows, no events
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        while (created.size() < ContactReevaluationQueue.BATCH_FROM + 10) {
            org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
            int n = created.size();
            jdbc.update(connection -> {
                java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO contact (first_name, "
                        + "last_name, company, email, created_at, updated_at) VALUES (?, 'Batch', ?, ?, ?, ?)",
                        java.sql.Statement.RETURN_GENERATED_KEYS);
                insert.setString(1, "Plain" + n);
                insert.setString(2, company);
                insert.setString(3, n % 50 == 0 ? "plain" + n + "@example.com" : null);
                insert.setObject(4, now);
                insert.setObject(5, now);
                return insert;
            }, key);
            created.add(key.getKey().longValue());
        }
        // a few subscribers with an email and a form sent: the lead rule's activity conditions are read too
        List<Long> subscribers = created.stream().filter(id -> !special.contains(id)).filter(id -> jdbc.queryForObject(
                "SELECT email IS NOT NULL AND lifecycle_stage = 'SUBSCRIBER' FROM contact WHERE id = ?",
                Boolean.class, id)).toList();
        subscribers.forEach(id -> activity(id, "FORM_SUBMIT", 10.5));
        List<Long> reference = new ArrayList<>(special);
        reference.addAll(subscribers);
        // an import's worth of changes, behind the application's back
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
        activity(held, "CALL", 1.5);
        jdbc.update("UPDATE contact SET score = 95, temperature = 'HOT' WHERE id = ?", overscored);
        jdbc.update("DELETE FROM contact_scored_at WHERE contact_id IN (" + String.join(", ",
                created.stream().map(String::valueOf).toList()) + ")");
        int engagedBefore = (Integer) state(engaged).get("score");
        Map<Long, Long> gapsBefore = countGaps();

        queue.afterCommit(created);
        assertThat(queue.awaitIdle(Duration.ofSeconds(60))).isTrue();

        assertThat((Integer) state(engaged).get("score")).isGreaterThan(engagedBefore);
        assertThat(state(called).get("lifecycle_stage")).isEqualTo("SQL");
        assertThat(member("DORMANT_MQL", dormant)).isTrue();
        assertThat(member("CLOSED_LOST", lost)).isTrue();
        // the cadences follow each contact's own change event (the segment is not re-synced as a whole)
        List<Long> lostCadences = jdbc.queryForList("SELECT k.id FROM cadence k JOIN segment s ON s.id = k.segment_id "
                + "WHERE s.system_key = 'CLOSED_LOST' AND k.active ORDER BY k.id", Long.class);
        assertThat(jdbc.queryForList("SELECT cadence_id FROM cadence_enrolment WHERE contact_id = ? AND ended_at IS NULL "
                + "ORDER BY cadence_id", Long.class, lost)).isEqualTo(lostCadences);
        assertThat(state(held).get("lifecycle_stage")).isEqualTo("LEAD");
        assertThat((Integer) state(overscored).get("score")).isLessThan(95);
        assertThat(subscribers).isNotEmpty().allSatisfy(id -> assertThat(state(id).get("lifecycle_stage"))
                .isEqualTo("LEAD"));
        // every contact of the batch was scored at the batch's instant (the explanation recomputes for it)
        assertThat(scoredAt(created)).isEqualTo(created.size());
        // the member counts moved by exactly what changed (other tests may have left counts off: compare the gap)
        assertThat(countGaps()).isEqualTo(gapsBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'SEGMENT_ENTERED'"
                + " AND JSON_VALUE(payload, '$.reason') = 'CONTACT_CHANGED'", Integer.class, lost)).isPositive();

        // the reference: the one-contact live path (a backlog below the batch size) changes none of them
        List<Map<String, Object>> afterBatch = reference.stream().map(this::state).toList();
        queue.afterCommit(reference);
        assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(reference.stream().map(this::state).toList()).isEqualTo(afterBatch);
    }
}
