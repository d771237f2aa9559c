package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full refresh decides the segments that do not refer to other segments in one read of the contacts: it must
 * give the same members, history and timeline as refreshing each segment on its own, and the segments that refer
 * to them must follow with the new members.
 */
class SegmentRefreshTogetherTest extends AbstractIntegrationTest {

    @Autowired
    SegmentService segments;
    @Autowired
    ContactService contacts;
    @Autowired
    SegmentRefresher refresher;
    @Autowired
    FullRefreshJob fullRefresh;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clearAuthentication();
        for (Long id : created.reversed()) {
            jdbc.update("DELETE FROM segment WHERE id = ?", id); // members and history go with it
        }
    }

    private long segment(String name, RuleNode root) {
        SegmentForm form = new SegmentForm();
        form.setName(name);
        form.setRule(Rule.of(root));
        long id = as("maria", () -> segments.save(form)).id();
        created.add(id);
        return id;
    }

    private Set<Long> members(long segmentId) {
        return jdbc.queryForList("SELECT contact_id FROM segment_member WHERE segment_id = ?", Long.class, segmentId)
                .stream().collect(Collectors.toSet());
    }

    private long timeline(long segmentId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE type = ? AND JSON_VALUE(payload, '$.segmentId') = ?",
                Long.class, type, String.valueOf(segmentId));
    }

    @Test
    void segmentsRefreshedTogetherGetTheMembersEachWouldGetAlone() {
        String company = ContactFixtures.marker();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ContactForm form = ContactFixtures.contact("Tog" + i, "Ether", company);
            form.setCity(i < 3 ? "Lisbon" : "Porto");
            ids.add(as("maria", () -> contacts.create(form)).getId());
        }
        long lisbon = segment("Lisbon " + company, RuleNode.all(
                new RuleNode.FieldCondition("company", Operator.EQUALS, company),
                new RuleNode.FieldCondition("city", Operator.EQUALS, "Lisbon")));
        long porto = segment("Porto " + company, RuleNode.all(
                new RuleNode.FieldCondition("company", Operator.EQUALS, company),
                new RuleNode.FieldCondition("city", Operator.EQUALS, "Porto")));
        // refers to another segment: refreshed after it, on its own
        long lisbonScored = segment("Lisbon scored " + company, RuleNode.all(
                new RuleNode.SegmentCondition(lisbon, true),
                new RuleNode.FieldCondition("score", Operator.GREATER_THAN, "10")));
        assertThat(members(lisbon)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
        assertThat(members(porto)).containsExactlyInAnyOrderElementsOf(ids.subList(3, 6));

        // facts changed behind the application's back (no change events): two move from Lisbon to Porto
        jdbc.update("UPDATE contact SET city = 'Porto' WHERE id IN (?, ?)", ids.get(0), ids.get(1));
        jdbc.update("UPDATE contact SET score = 50 WHERE id IN (?, ?, ?)", ids.get(2), ids.get(3), ids.get(4));

        authenticate("maria");
        FullRefreshJob.Progress progress = fullRefresh.runSegmentsNow();

        assertThat(progress.error()).isNull();
        assertThat(members(lisbon)).containsExactly(ids.get(2));
        assertThat(members(porto)).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(3), ids.get(4), ids.get(5));
        assertThat(members(lisbonScored)).containsExactly(ids.get(2)); // saw Lisbon's new members
        assertThat(jdbc.queryForObject("SELECT member_count FROM segment WHERE id = ?", Integer.class, porto))
                .isEqualTo(5);
        // every entry and exit is in the history and on the timeline, as with a refresh of one segment
        assertThat(timeline(lisbon, "SEGMENT_EXITED")).isEqualTo(2);
        assertThat(timeline(porto, "SEGMENT_ENTERED")).isEqualTo(3 + 2);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM segment_membership_history WHERE segment_id = ? AND exited_at IS NOT NULL
                AND exit_reason = 'FULL_REFRESH'""", Integer.class, lisbon)).isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM segment_membership_history WHERE segment_id = ? AND exited_at IS NULL""",
                Integer.class, porto)).isEqualTo(5);

        // the one-segment refresh, the reference, finds nothing left to change
        for (long id : List.of(lisbon, porto, lisbonScored)) {
            SegmentRefresher.Result alone = refresher.refresh(id, MembershipReason.FULL_REFRESH, java.time.Instant.now());
            assertThat(alone.entered() + alone.exited()).as("segment %d", id).isZero();
        }
        // and a second refresh together finds nothing either
        assertThat(refresher.refreshTogether(List.of(lisbon, porto), MembershipReason.FULL_REFRESH,
                java.time.Instant.now())).allSatisfy(r -> assertThat(r.entered() + r.exited()).isZero());
    }
}
