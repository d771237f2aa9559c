package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.segment.RefreshFixtures.Scenario;
import com.leadflow.timeline.ContactReevaluationQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.leadflow.segment.RefreshFixtures.activity;
import static com.leadflow.segment.RefreshFixtures.state;
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





    /** Each segment's stored member count minus its real number of members. */
    private Map<Long, Long> countGaps() {
        Map<Long, Long> gaps = new TreeMap<>();
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
        Scenario changed = Scenario.create(name -> contact(name, company));
        List<Long> special = changed.ids();
        // the rest of the batch written as an import writes them: plain rows, no events
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        while (created.size() < ContactReevaluationQueue.BATCH_FROM + 10) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            int n = created.size();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("INSERT INTO contact (first_name, "
                        + "last_name, company, email, created_at, updated_at) VALUES (?, 'Batch', ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS);
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
        subscribers.forEach(id -> activity(jdbc, id, "FORM_SUBMIT", 10.5));
        List<Long> reference = new ArrayList<>(special);
        reference.addAll(subscribers);
        // an import's worth of changes, behind the application's back
        changed.changeBehindTheBack(jdbc, () -> as("maria", () -> {
            lifecycleService.moveBack(changed.held(), LifecycleStage.LEAD, "Re-nurture");
            return null;
        }));
        jdbc.update("DELETE FROM contact_scored_at WHERE contact_id IN (" + String.join(", ",
                created.stream().map(String::valueOf).toList()) + ")");
        int engagedBefore = (Integer) state(jdbc, changed.engaged()).get("score");
        Map<Long, Long> gapsBefore = countGaps();

        queue.afterCommit(created);
        assertThat(queue.awaitIdle(Duration.ofSeconds(60))).isTrue();

        changed.assertDecided(jdbc, engagedBefore);
        // the cadences follow the batch (BatchEnrolment), not the whole segment
        List<Long> lostCadences = jdbc.queryForList("SELECT k.id FROM cadence k JOIN segment s ON s.id = k.segment_id "
                + "WHERE s.system_key = 'CLOSED_LOST' AND k.active ORDER BY k.id", Long.class);
        assertThat(lostCadences).as("the default closed-lost cadence").isNotEmpty();
        assertThat(jdbc.queryForList("SELECT cadence_id FROM cadence_enrolment WHERE contact_id = ? AND ended_at IS NULL "
                + "ORDER BY cadence_id", Long.class, changed.lost())).isEqualTo(lostCadences);
        assertThat(subscribers).isNotEmpty().allSatisfy(id -> assertThat(state(jdbc, id).get("lifecycle_stage"))
                .isEqualTo("LEAD"));
        // every contact of the batch was scored at the batch's instant (the explanation recomputes for it)
        assertThat(scoredAt(created)).isEqualTo(created.size());
        // the member counts moved by exactly what changed (other tests may have left counts off: compare the gap)
        assertThat(countGaps()).isEqualTo(gapsBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'SEGMENT_ENTERED'"
                + " AND JSON_VALUE(payload, '$.reason') = 'CONTACT_CHANGED'", Integer.class, changed.lost())).isPositive();

        // the reference: the one-contact live path (a backlog below the batch size) changes none of them
        List<Map<String, Object>> afterBatch = reference.stream().map(id -> state(jdbc, id)).toList();
        queue.afterCommit(reference);
        assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(reference.stream().map(id -> state(jdbc, id)).toList()).isEqualTo(afterBatch);
    }
}
