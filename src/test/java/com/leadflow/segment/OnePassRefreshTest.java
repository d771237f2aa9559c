package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleRefreshJob;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.scoring.ScoringService;
import com.leadflow.segment.RefreshFixtures.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.leadflow.segment.RefreshFixtures.state;
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






    @Test
    void theOnePassMovesWhatTheSqlRefreshesWouldAndLeavesThemNothing() {
        Scenario changed = Scenario.create(this::contact);
        changed.changeBehindTheBack(jdbc, () -> as("maria", () -> {
            lifecycleService.moveBack(changed.held(), LifecycleStage.LEAD, "Re-nurture");
            return null;
        }));
        int engagedBefore = (Integer) state(jdbc, changed.engaged()).get("score");

        authenticate("maria");
        FullRefreshJob.Progress progress = fullRefresh.runAllNow();

        assertThat(progress.error()).isNull();
        changed.assertDecided(jdbc, engagedBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'LIFECYCLE_CHANGE'"
                + " AND JSON_VALUE(payload, '$.cause') = 'RULE'", Integer.class, changed.called())).isEqualTo(1);

        // the reference: each SQL refresh on its own, afterwards, changes none of these contacts
        List<Map<String, Object>> afterPass = created.stream().map(id -> state(jdbc, id)).toList();
        scoring.refreshAll();
        assertThat(lifecycle.runNow().error()).isNull();
        for (Long segmentId : jdbc.queryForList("SELECT id FROM segment ORDER BY id", Long.class)) {
            segmentRefresher.refresh(segmentId, MembershipReason.FULL_REFRESH, Instant.now());
        }
        assertThat(created.stream().map(id -> state(jdbc, id)).toList()).isEqualTo(afterPass);
    }
}
