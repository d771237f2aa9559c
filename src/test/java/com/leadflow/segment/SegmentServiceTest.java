package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.contact.LostReason;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineEntry;
import com.leadflow.timeline.TimelineService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentServiceTest extends AbstractIntegrationTest {

    @Autowired
    SegmentService segments;
    @Autowired
    ContactService contacts;
    @Autowired
    TimelineService timeline;
    @Autowired
    SegmentLiveEvaluator liveEvaluator;
    @Autowired
    TimeBasedSegmentJob timeJob;
    @Autowired
    FullRefreshJob fullRefresh;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void logout() {
        clearAuthentication();
    }

    private long defaultSegment(String key) {
        return jdbc.queryForObject("SELECT id FROM segment WHERE system_key = ?", Long.class, key);
    }

    private boolean isMember(String key, long contactId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM segment_member WHERE segment_id = ? AND contact_id = ?)", Boolean.class,
                defaultSegment(key), contactId));
    }

    private ContactForm create(LifecycleStage stage, ContactStatus status) {
        ContactForm form = ContactFixtures.contact("Seg", "Member", ContactFixtures.marker());
        form.setLifecycleStage(stage);
        form.setStatus(status);
        if (status == ContactStatus.LOST) {
            form.setLostReason(LostReason.TIMING);
            form.setFunnelStage("LOST");
        }
        return as("maria", () -> contacts.create(form));
    }

    private void lastActive(long contactId, Instant when) {
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?", Timestamp.from(when), contactId);
    }

    @Test
    void theFourNurtureSegmentsExistOnFirstStart() {
        authenticate("erik");
        List<SegmentSummary> all = segments.list();
        assertThat(all).extracting(SegmentSummary::systemKey)
                .contains("CLOSED_LOST", "INACTIVE_SQL", "DORMANT_MQL", "INACTIVE_UNQUALIFIED");
        assertThat(all).filteredOn(s -> "INACTIVE_UNQUALIFIED".equals(s.systemKey()))
                .allMatch(SegmentSummary::noCorrespondence);
        assertThat(all).filteredOn(s -> "CLOSED_LOST".equals(s.systemKey()))
                .noneMatch(SegmentSummary::noCorrespondence);
    }

    @Test
    void defaultSegmentsHoldTheRightContacts() {
        ContactForm lost = create(LifecycleStage.SQL, ContactStatus.LOST);
        ContactForm unqualified = create(LifecycleStage.LEAD, ContactStatus.UNQUALIFIED);
        ContactForm quietSql = create(LifecycleStage.SQL, ContactStatus.OPEN);
        ContactForm busySql = create(LifecycleStage.SQL, ContactStatus.OPEN);
        ContactForm quietMql = create(LifecycleStage.MQL, ContactStatus.OPEN);
        ContactForm freshMql = create(LifecycleStage.MQL, ContactStatus.OPEN);
        Instant now = Instant.now();
        lastActive(quietSql.getId(), now.minus(100, ChronoUnit.DAYS));
        lastActive(busySql.getId(), now.minus(10, ChronoUnit.DAYS));
        lastActive(quietMql.getId(), now.minus(61, ChronoUnit.DAYS));
        lastActive(freshMql.getId(), now.minus(59, ChronoUnit.DAYS));
        for (ContactForm c : List.of(quietSql, busySql, quietMql, freshMql)) {
            liveEvaluator.reevaluate(c.getId(), MembershipReason.CONTACT_CHANGED, now);
        }

        assertThat(isMember("CLOSED_LOST", lost.getId())).isTrue();
        assertThat(isMember("INACTIVE_UNQUALIFIED", unqualified.getId())).isTrue();
        assertThat(isMember("CLOSED_LOST", unqualified.getId())).isFalse();
        assertThat(isMember("INACTIVE_SQL", quietSql.getId())).isTrue();
        assertThat(isMember("INACTIVE_SQL", busySql.getId())).isFalse();
        assertThat(isMember("DORMANT_MQL", quietMql.getId())).isTrue();
        assertThat(isMember("DORMANT_MQL", freshMql.getId())).isFalse();
        assertThat(isMember("INACTIVE_SQL", lost.getId())).isFalse(); // lost, not open
    }

    @Test
    void deletingAMemberLowersTheSegmentsMemberCountAtOnce() {
        ContactForm contact = create(LifecycleStage.SQL, ContactStatus.LOST);
        assertThat(isMember("CLOSED_LOST", contact.getId())).isTrue();
        long segment = defaultSegment("CLOSED_LOST");
        int before = jdbc.queryForObject("SELECT member_count FROM segment WHERE id = ?", Integer.class, segment);

        as("admin", () -> {
            contacts.delete(contact.getId());
            return null;
        });

        assertThat(jdbc.queryForObject("SELECT member_count FROM segment WHERE id = ?", Integer.class, segment))
                .isEqualTo(before - 1);
    }

    @Test
    void anEditMovesTheContactIntoASegmentAtOnceAndItIsOnTheTimeline() {
        ContactForm contact = create(LifecycleStage.SQL, ContactStatus.OPEN);
        assertThat(isMember("CLOSED_LOST", contact.getId())).isFalse();

        authenticate("maria");
        ContactForm edit = contacts.load(contact.getId());
        edit.setStatus(ContactStatus.LOST);
        edit.setLostReason(LostReason.COMPETITOR);
        contacts.update(edit);

        assertThat(isMember("CLOSED_LOST", contact.getId())).isTrue();
        List<TimelineEntry> entries = timeline.latest(contact.getId(), 20);
        assertThat(entries).anyMatch(e -> e.type() == ActivityType.SEGMENT_ENTERED
                && "Closed-lost leads".equals(e.summary()));

        ContactForm reopen = contacts.load(contact.getId());
        reopen.setStatus(ContactStatus.OPEN);
        contacts.update(reopen);
        assertThat(isMember("CLOSED_LOST", contact.getId())).isFalse();
        assertThat(timeline.latest(contact.getId(), 20)).anyMatch(e -> e.type() == ActivityType.SEGMENT_EXITED);
        Integer openStays = jdbc.queryForObject("""
                SELECT COUNT(*) FROM segment_membership_history
                WHERE segment_id = ? AND contact_id = ? AND exited_at IS NULL""", Integer.class,
                defaultSegment("CLOSED_LOST"), contact.getId());
        assertThat(openStays).isZero();
    }

    @Test
    void timePassingMovesContactsWithoutAnyEdit() {
        ContactForm contact = create(LifecycleStage.SQL, ContactStatus.OPEN);
        Instant now = Instant.now();
        timeJob.runUntil(now); // make sure the job has a last run
        // active 3 months minus one hour ago: not yet inactive
        Instant lastActivity = com.leadflow.rules.TimeUnit.MONTHS.before(now, 3).plus(Duration.ofHours(1));
        lastActive(contact.getId(), lastActivity);
        liveEvaluator.reevaluate(contact.getId(), MembershipReason.CONTACT_CHANGED, now);
        assertThat(isMember("INACTIVE_SQL", contact.getId())).isFalse();

        timeJob.runUntil(now.plus(Duration.ofHours(2)));

        assertThat(isMember("INACTIVE_SQL", contact.getId())).isTrue();
        String reason = jdbc.queryForObject("""
                SELECT entry_reason FROM segment_membership_history
                WHERE segment_id = ? AND contact_id = ? AND exited_at IS NULL""", String.class,
                defaultSegment("INACTIVE_SQL"), contact.getId());
        assertThat(reason).isEqualTo("TIME_PASSED");
    }

    @Test
    void aNewSegmentIsFilledAtOnceAndLiveAndFullRefreshAgree() {
        String company = ContactFixtures.marker();
        for (int i = 0; i < 3; i++) {
            ContactForm form = ContactFixtures.contact("Ann" + i, "Marker", company);
            as("maria", () -> contacts.create(form));
        }
        authenticate("maria");
        SegmentForm form = new SegmentForm();
        form.setName("Company " + company);
        form.setRule(Rule.of(RuleNode.all(new RuleNode.FieldCondition("company", Operator.EQUALS, company))));
        SegmentSummary saved = segments.save(form);
        assertThat(saved.memberCount()).isEqualTo(3);

        // a full refresh finds nothing to change: the set-based refresh and the live evaluation agree
        FullRefreshJob.Progress progress = fullRefresh.runSegmentsNow();
        assertThat(progress.error()).isNull();
        assertThat(segments.members(saved.id(), 0, 10)).hasSize(3);
        Integer historyRows = jdbc.queryForObject("SELECT COUNT(*) FROM segment_membership_history WHERE segment_id = ?",
                Integer.class, saved.id());
        assertThat(historyRows).isEqualTo(3);
    }

    @Test
    void executiveAndSalesCannotSaveSegments() {
        SegmentForm form = new SegmentForm();
        form.setName("Not allowed");
        form.setRule(Rule.of(RuleNode.all(new RuleNode.FieldCondition("status", Operator.EQUALS, "OPEN"))));
        authenticate("erik");
        assertThat(segments.canEdit()).isFalse();
        assertThatThrownBy(() -> segments.save(form)).isInstanceOf(AuthorizationDeniedException.class);
        authenticate("sam");
        assertThatThrownBy(() -> segments.save(form)).isInstanceOf(AuthorizationDeniedException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM segment WHERE name = 'Not allowed'", Integer.class)).isZero();
    }

    @Test
    void aRuleThatRefersBackToItsOwnSegmentIsRefused() {
        authenticate("maria");
        SegmentForm a = new SegmentForm();
        a.setName("Cycle A " + ContactFixtures.marker());
        a.setRule(Rule.of(RuleNode.all(new RuleNode.FieldCondition("status", Operator.EQUALS, "OPEN"))));
        SegmentSummary savedA = segments.save(a);
        SegmentForm b = new SegmentForm();
        b.setName("Cycle B " + ContactFixtures.marker());
        b.setRule(Rule.of(RuleNode.all(new RuleNode.SegmentCondition(savedA.id(), true))));
        SegmentSummary savedB = segments.save(b);

        SegmentForm editA = segments.load(savedA.id());
        editA.setRule(Rule.of(RuleNode.all(new RuleNode.SegmentCondition(savedB.id(), true))));
        assertThatThrownBy(() -> segments.save(editA)).hasMessage("segment.cyclicReference");
    }

    @Test
    void theBackgroundFullRefreshRunsScoresLifecycleAndSegmentsAsTheUserWhoStartedIt() throws Exception {
        authenticate("erik");
        assertThatThrownBy(() -> fullRefresh.start()).isInstanceOf(AuthorizationDeniedException.class);

        authenticate("admin");
        FullRefreshJob.Progress started = fullRefresh.start();
        assertThat(started.running()).isTrue();
        long deadline = System.currentTimeMillis() + 60_000;
        FullRefreshJob.Progress progress = fullRefresh.progress();
        while (progress.running() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            progress = fullRefresh.progress();
        }
        assertThat(progress.running()).isFalse();
        assertThat(progress.error()).isNull();
        int segmentCount = jdbc.queryForObject("SELECT COUNT(*) FROM segment", Integer.class);
        assertThat(progress.total()).isEqualTo(segmentCount + 2);
        assertThat(progress.done()).isEqualTo(progress.total());
    }
}
