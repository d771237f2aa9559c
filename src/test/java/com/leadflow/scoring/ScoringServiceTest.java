package com.leadflow.scoring;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.LostReason;
import com.leadflow.contact.Temperature;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ScoringServiceTest extends AbstractIntegrationTest {

    @Autowired
    ScoringService scoring;
    @Autowired
    ContactService contacts;
    @Autowired
    LiveScorer liveScorer;
    @Autowired
    ScoringRefresher refresher;
    @Autowired
    ScoringModels models;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void logout() {
        clearAuthentication();
    }

    private ContactForm create(String jobTitle, String country, String productInterest, boolean doNotContact) {
        ContactForm form = ContactFixtures.contact("Score", "Person", ContactFixtures.marker());
        form.setJobTitle(jobTitle);
        form.setCountry(country);
        form.setProductInterest(productInterest);
        if (doNotContact) {
            form.setDoNotContact(true);
            form.setDoNotContactReason("Asked not to be contacted");
        }
        return as("maria", () -> contacts.create(form));
    }

    /** An activity as the ingest writes it: the row, and the contact's last activity time. */
    private void activity(long contactId, ActivityType type, Instant at) {
        LocalDateTime time = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, created_at) "
                + "VALUES (?, ?, ?, 'SYSTEM', ?)", contactId, type.name(), time, time);
        jdbc.update("UPDATE contact SET last_activity_at = GREATEST(COALESCE(last_activity_at, ?), ?) WHERE id = ?",
                time, time, contactId);
    }

    private int storedScore(long contactId) {
        return jdbc.queryForObject("SELECT score FROM contact WHERE id = ?", Integer.class, contactId);
    }

    /** The explanation's lines: rule id → points, as the profile shows them. */
    private Map<Long, Integer> parts(long contactId) {
        Map<Long, Integer> parts = new HashMap<>();
        as("maria", () -> scoring.explain(contactId)).lines()
                .forEach(line -> parts.put(line.ruleId(), line.points()));
        return parts;
    }

    @Test
    void theDefaultModelIsPublishedOnFirstStart() {
        authenticate("erik");
        ScoringModel model = scoring.published().orElseThrow();
        assertThat(model.warmThreshold()).isEqualTo(40);
        assertThat(model.hotThreshold()).isEqualTo(70);
        assertThat(model.mqlThreshold()).isEqualTo(60);
        assertThat(model.rules()).extracting(ScoringRule::group, ScoringRule::points).contains(
                tuple(ScoreGroup.FIT, 15), tuple(ScoreGroup.FIT, 5), tuple(ScoreGroup.FIT, 10),
                tuple(ScoreGroup.FIT, -50), tuple(ScoreGroup.ENGAGEMENT, 15), tuple(ScoreGroup.ENGAGEMENT, -20));
    }

    @Test
    void aNewContactIsScoredAtOnceAndTheExplanationShowsTheRulesThatContributed() {
        ContactForm contact = create("Sales Director", "DE", "Analytics Suite", false);
        activity(contact.getId(), ActivityType.CONTENT_DOWNLOAD, Instant.now().minus(1, ChronoUnit.HOURS));
        // the edit after the download re-scores the contact (the ingest publishes the same event)
        contact.setCity("Berlin");
        as("maria", () -> contacts.update(contact));

        authenticate("sam");
        ScoreBreakdown why = scoring.explain(contact.getId());
        assertThat(why.lines()).extracting(ScoreBreakdown.Line::ruleName, ScoreBreakdown.Line::points)
                .containsExactly(tuple("Decision maker (Director, Head, CEO)", 15), tuple("Target country", 5),
                        tuple("Product interest given", 10), tuple("Downloaded content in the last 90 days", 15));
        assertThat(why.fitPoints()).isEqualTo(30);
        assertThat(why.engagementPoints()).isEqualTo(15);
        assertThat(why.score()).isEqualTo(45).isEqualTo(storedScore(contact.getId()));
        assertThat(why.temperature()).isEqualTo(Temperature.WARM);
        assertThat(why.mql()).isFalse();
        // 0 → 30 on creation, 30 → 45 after the download: both on the timeline, newest first
        assertThat(why.recentChanges()).extracting(ScoreBreakdown.ScoreChange::fromScore,
                ScoreBreakdown.ScoreChange::toScore).containsExactly(tuple(30, 45), tuple(0, 30));
        assertThat(why.recentChanges().getFirst().toTemperature()).isEqualTo(Temperature.WARM);
    }

    @Test
    void negativePointsLowerTheScore() {
        ContactForm contact = create("CEO", "US", "Northwind CRM", true);
        authenticate("maria");
        ScoreBreakdown why = scoring.explain(contact.getId());
        assertThat(why.lines()).extracting(ScoreBreakdown.Line::ruleName, ScoreBreakdown.Line::points)
                .contains(tuple("Do not contact", -50));
        assertThat(why.score()).isEqualTo(15 + 5 + 10 - 50);
        assertThat(storedScore(contact.getId())).isEqualTo(-20);
        assertThat(why.temperature()).isEqualTo(Temperature.COLD);
    }

    @Test
    void engagementPointsDecayWithTheHalfLifeButPenaltiesDoNot() {
        ScoreCalculator calc = new ScoreCalculator(40, 70, 30, null, 25);
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        assertThat(calc.points(ScoreGroup.ENGAGEMENT, 16, now.minus(30, ChronoUnit.DAYS), now)).isEqualTo(8);
        assertThat(calc.points(ScoreGroup.ENGAGEMENT, 16, now.minus(60, ChronoUnit.DAYS), now)).isEqualTo(4);
        assertThat(calc.points(ScoreGroup.ENGAGEMENT, -20, now.minus(300, ChronoUnit.DAYS), now)).isEqualTo(-20);
        assertThat(calc.points(ScoreGroup.FIT, 15, now.minus(300, ChronoUnit.DAYS), now)).isEqualTo(15);
        assertThat(calc.total(30, 40)).isEqualTo(55); // engagement capped at 25
        assertThat(calc.temperature(70)).isEqualTo(Temperature.HOT);
        assertThat(calc.temperature(39)).isEqualTo(Temperature.COLD);
    }

    @Test
    void fullRefreshAndLiveRescoringAgree() {
        Instant now = Instant.now();
        List<Long> ids = new ArrayList<>();
        ids.add(create("Head of Marketing", "GB", null, false).getId());
        ids.add(create("Office Manager", "FR", "Customer Portal", false).getId());
        ids.add(create(null, null, null, true).getId());
        long busy = create("IT Director", "RU", "Premium Support", false).getId();
        ids.add(busy);
        for (int i = 0; i < 3; i++) {
            activity(busy, ActivityType.PAGE_VIEW, now.minus(2 + i, ChronoUnit.DAYS));
        }
        activity(busy, ActivityType.EMAIL_CLICK, now.minus(20, ChronoUnit.DAYS));
        long decayed = create("CEO", "DE", null, false).getId();
        ids.add(decayed);
        activity(decayed, ActivityType.SURVEY_ANSWER, now.minus(75, ChronoUnit.DAYS));
        activity(decayed, ActivityType.CONTENT_DOWNLOAD, now.minus(45, ChronoUnit.DAYS));
        long silent = create("Procurement Manager", "US", null, false).getId();
        ids.add(silent);
        jdbc.update("UPDATE contact SET created_at = ?, last_activity_at = ? WHERE id = ?",
                LocalDateTime.ofInstant(now.minus(400, ChronoUnit.DAYS), ZoneOffset.UTC),
                LocalDateTime.ofInstant(now.minus(200, ChronoUnit.DAYS), ZoneOffset.UTC), silent);

        Map<Long, Integer> liveScores = new HashMap<>();
        Map<Long, Map<Long, Integer>> liveParts = new HashMap<>();
        for (long id : ids) {
            liveScores.put(id, liveScorer.rescore(id, "TEST", now).orElseThrow().score());
            liveParts.put(id, parts(id));
        }
        ScoringModel model = models.find(ScoringModels.PUBLISHED).orElseThrow();
        refresher.refreshAll(model, "TEST", now);
        for (long id : ids) {
            assertThat(storedScore(id)).as("score of contact %d", id).isEqualTo(liveScores.get(id));
            assertThat(parts(id)).as("breakdown of contact %d", id).isEqualTo(liveParts.get(id));
        }
        // decay is visible: the survey (10) and the download (15), 45 days after the last activity, half-life 30
        assertThat(liveParts.get(decayed).values()).contains(4, 5);
        assertThat(liveScores.get(silent)).isEqualTo(5 - 20);
        // last active 2 days ago: 10 × 0.5^(2/30) = 9.5, rounded to 10 for the page views and the click alike
        assertThat(liveScores.get(busy)).isEqualTo(15 + 5 + 10 + 10 + 10);
    }

    @Test
    void smallMovesAreCoalescedOnTheTimeline() {
        ContactForm contact = create(null, null, null, false);
        long id = contact.getId();
        Instant now = Instant.now();
        activity(id, ActivityType.EMAIL_CLICK, now.minus(29, ChronoUnit.DAYS)); // 10 decays to 5
        liveScorer.rescore(id, "TEST", now.plus(1, ChronoUnit.DAYS)); // 30 days: 5 points, a meaningful move
        int entries = timelineEntries(id);
        activity(id, ActivityType.PAGE_VIEW, now.minus(40, ChronoUnit.DAYS)); // matches nothing, changes nothing
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?",
                LocalDateTime.ofInstant(now.minus(44, ChronoUnit.DAYS), ZoneOffset.UTC), id);
        // 45 days since the click: 10 × 0.5^1.5 = 3.5 → 4; a move of 1, not worth an entry
        assertThat(liveScorer.rescore(id, "TEST", now.plus(1, ChronoUnit.DAYS)).orElseThrow().timelineEntry()).isFalse();
        assertThat(timelineEntries(id)).isEqualTo(entries);
        assertThat(storedScore(id)).isEqualTo(4);
    }

    private int timelineEntries(long contactId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'SCORE_CHANGE'",
                Integer.class, contactId);
    }

    @Test
    void previewAndBacktestCountEveryContactAndTheWonShare() {
        ContactForm won = create("CEO", "US", "Northwind CRM", false);
        won.setStatus(ContactStatus.WON);
        won.setFunnelStage("WON");
        as("maria", () -> contacts.update(won));
        ContactForm lost = create(null, null, null, false);
        lost.setStatus(ContactStatus.LOST);
        lost.setLostReason(LostReason.BUDGET);
        lost.setFunnelStage("LOST");
        as("maria", () -> contacts.update(lost));

        authenticate("maria");
        ScorePreview preview = scoring.preview(scoring.current().orElseThrow());
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        assertThat(preview.contacts()).isEqualTo(total);
        assertThat(preview.buckets().stream().mapToLong(ScorePreview.Bucket::contacts).sum()).isEqualTo(total);
        ScorePreview.Bucket thirty = preview.buckets().stream().filter(b -> b.from() == 30).findFirst().orElseThrow();
        assertThat(thirty.won()).isGreaterThanOrEqualTo(1);
        ScorePreview.Bucket zero = preview.buckets().stream().filter(b -> b.from() == 0).findFirst().orElseThrow();
        assertThat(zero.lost()).isGreaterThanOrEqualTo(1);
        assertThat(preview.temperatureBands()).extracting(ScorePreview.Band::temperature)
                .containsExactly(Temperature.COLD, Temperature.WARM, Temperature.HOT);
    }

    @Test
    void anExecutiveCannotSaveOrPublishAndASalesRepCannotEither() {
        authenticate("erik");
        ScoringModel model = scoring.current().orElseThrow();
        assertThat(scoring.canEdit()).isFalse();
        assertThatThrownBy(() -> scoring.saveDraft(model)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> scoring.publish(model)).isInstanceOf(AuthorizationDeniedException.class);
        authenticate("sam");
        assertThatThrownBy(() -> scoring.saveDraft(model)).isInstanceOf(AuthorizationDeniedException.class);
        assertThat(scoring.draft()).isEmpty();
    }

    @Test
    void marketingSavesADraftThatDoesNotScoreUntilPublished() {
        authenticate("maria");
        ScoringModel published = scoring.published().orElseThrow();
        List<ScoringRule> rules = new ArrayList<>(published.rules());
        rules.set(2, new ScoringRule(null, ScoreGroup.FIT, "Product interest given", 12, rules.get(2).rule()));
        try {
            ScoringModel draft = scoring.saveDraft(published.withRules(rules));
            assertThat(draft.draft()).isTrue();
            assertThat(scoring.published().orElseThrow().rules().get(2).points()).isEqualTo(10);
            assertThat(scoring.current().orElseThrow().rules().get(2).points()).isEqualTo(12);
        } finally {
            scoring.discardDraft();
        }
        assertThat(scoring.draft()).isEmpty();
    }
}
