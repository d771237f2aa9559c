package com.leadflow.lifecycle;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.SqlPredicate;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import com.leadflow.timeline.TimelineEntry;
import com.leadflow.timeline.TimelineService;
import com.vaadin.flow.i18n.I18NProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleServiceTest extends AbstractIntegrationTest {

    @Autowired
    LifecycleService lifecycle;
    @Autowired
    ContactService contacts;
    @Autowired
    TimelineService timeline;
    @Autowired
    LifecycleLiveEvaluator liveEvaluator;
    @Autowired
    LifecycleRefresher refresher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    I18NProvider i18n;
    @Autowired
    LifecycleStageNames stageNames;

    @AfterEach
    void logout() {
        clearAuthentication();
    }

    private ContactForm create(String user, String company, LifecycleStage stage) {
        ContactForm form = ContactFixtures.contact("Life", "Cycle", company);
        form.setLifecycleStage(stage);
        return as(user, () -> contacts.create(form));
    }

    /** Activities written straight to the table, as the web and email trackers do: no change event. */
    private void activity(long contactId, ActivityType type, Instant at) {
        jdbc.update("""
                INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, created_at)
                VALUES (?, ?, ?, 'SYSTEM', 'test', ?)""", contactId, type.name(), Timestamp.from(at), Timestamp.from(at));
    }

    /** One content download and three page views yesterday: the default MQL rule's behaviour branch. */
    private void downloadsAndBrowses(long contactId) {
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        activity(contactId, ActivityType.CONTENT_DOWNLOAD, yesterday);
        for (int i = 0; i < 3; i++) {
            activity(contactId, ActivityType.PAGE_VIEW, yesterday.plusSeconds(i));
        }
    }

    private ContactForm edit(String user, long contactId, String city) {
        return as(user, () -> {
            ContactForm form = contacts.load(contactId);
            form.setCity(city);
            return contacts.update(form);
        });
    }

    private LifecycleStage stageOf(long contactId) {
        return LifecycleStage.valueOf(jdbc.queryForObject("SELECT lifecycle_stage FROM contact WHERE id = ?",
                String.class, contactId));
    }

    @Test
    void theSixStagesExistInOrderWithTheirRules() {
        List<StageDefinition> stages = as("erik", () -> lifecycle.stages());
        assertThat(stages).extracting(StageDefinition::stage).containsExactly(LifecycleStage.values());
        assertThat(stages.getFirst().entryRule()).isNull();
        assertThat(stages.subList(1, 6)).allMatch(s -> s.entryRule() != null && s.enabled());
    }

    @Test
    void aContactMeetingTheMqlRuleMovesForwardAtOnceAfterAnEdit() {
        ContactForm contact = create("maria", ContactFixtures.marker(), LifecycleStage.SUBSCRIBER);
        downloadsAndBrowses(contact.getId());
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.SUBSCRIBER); // no change event yet

        ContactForm saved = edit("maria", contact.getId(), "Lisbon");

        // LEAD matches too; the latest stage that matches wins
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.MQL);
        ContactForm reloaded = as("maria", () -> contacts.load(contact.getId()));
        assertThat(reloaded.getVersion()).isGreaterThan(saved.getVersion()); // an open form notices
        List<StageMove> moves = as("maria", () -> lifecycle.history(contact.getId(), 10));
        assertThat(moves).first().satisfies(m -> {
            assertThat(m.fromStage()).isEqualTo("SUBSCRIBER");
            assertThat(m.toStage()).isEqualTo("MQL");
            assertThat(m.cause()).isEqualTo(MoveCause.RULE);
            assertThat(m.movedBy()).isNull();
        });
        List<TimelineEntry> entries = as("maria", () -> timeline.latest(contact.getId(), 20));
        assertThat(entries).anyMatch(e -> e.type() == ActivityType.LIFECYCLE_CHANGE
                && e.authorKind() == AuthorKind.SYSTEM && e.payload().contains("\"to\": \"MQL\"")
                && e.payload().contains("RULE"));
    }

    @Test
    void rulesNeverMoveAContactBack() {
        ContactForm customer = create("maria", ContactFixtures.marker(), LifecycleStage.CUSTOMER);
        downloadsAndBrowses(customer.getId()); // matches LEAD and MQL, both earlier

        edit("maria", customer.getId(), "Porto");
        assertThat(stageOf(customer.getId())).isEqualTo(LifecycleStage.CUSTOMER);

        refresher.refresh(Instant.now(), only(customer.getId()));
        assertThat(stageOf(customer.getId())).isEqualTo(LifecycleStage.CUSTOMER);
        assertThat(as("maria", () -> lifecycle.history(customer.getId(), 10))).isEmpty();
    }

    @Test
    void movingBackNeedsAReasonAndAnEarlierStage() {
        ContactForm contact = create("maria", ContactFixtures.marker(), LifecycleStage.SQL);
        authenticate("maria");

        assertThatThrownBy(() -> lifecycle.moveBack(contact.getId(), LifecycleStage.LEAD, "   "))
                .isInstanceOf(ValidationFailedException.class)
                .hasMessage("lifecycle.moveBack.reasonRequired");
        assertThatThrownBy(() -> lifecycle.moveBack(contact.getId(), LifecycleStage.LEAD, null))
                .hasMessage("lifecycle.moveBack.reasonRequired");
        assertThatThrownBy(() -> lifecycle.moveBack(contact.getId(), LifecycleStage.OPPORTUNITY, "Wants a demo"))
                .hasMessage("lifecycle.moveBack.notEarlier");
        assertThatThrownBy(() -> lifecycle.moveBack(contact.getId(), LifecycleStage.SQL, "Same"))
                .hasMessage("lifecycle.moveBack.notEarlier");
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.SQL);
        assertThat(lifecycle.history(contact.getId(), 10)).isEmpty();
    }

    @Test
    void movingBackIsRecordedWithWhoAndWhy() {
        ContactForm contact = create("maria", ContactFixtures.marker(), LifecycleStage.SQL);
        long mariaId = authenticate("maria").user().id();

        lifecycle.moveBack(contact.getId(), LifecycleStage.LEAD, "  Budget frozen until Q3 ");

        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.LEAD);
        StageMove move = lifecycle.history(contact.getId(), 10).getFirst();
        assertThat(move.fromStage()).isEqualTo("SQL");
        assertThat(move.toStage()).isEqualTo("LEAD");
        assertThat(move.cause()).isEqualTo(MoveCause.MANUAL);
        assertThat(move.reason()).isEqualTo("Budget frozen until Q3");
        assertThat(move.movedBy()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT moved_by_user_id FROM lifecycle_stage_history WHERE contact_id = ?",
                Long.class, contact.getId())).isEqualTo(mariaId);
        TimelineEntry entry = timeline.latest(contact.getId(), 20).stream()
                .filter(e -> e.type() == ActivityType.LIFECYCLE_CHANGE).findFirst().orElseThrow();
        assertThat(entry.authorKind()).isEqualTo(AuthorKind.USER);
        assertThat(entry.authorName()).isEqualTo(move.movedBy());
        assertThat(entry.payload()).contains("Budget frozen until Q3").contains("MANUAL").contains("SQL");
    }

    @Test
    void aContactMovedBackIsNotPushedForwardAgainOnTheSameFacts() {
        ContactForm contact = create("maria", ContactFixtures.marker(), LifecycleStage.SUBSCRIBER);
        downloadsAndBrowses(contact.getId());
        edit("maria", contact.getId(), "Lyon");
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.MQL);

        as("maria", () -> {
            lifecycle.moveBack(contact.getId(), LifecycleStage.LEAD, "Student, not a buyer");
            return null;
        });
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.LEAD);

        edit("maria", contact.getId(), "Nice"); // live evaluation on the same facts
        refresher.refresh(Instant.now(), only(contact.getId())); // and the set-based one
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.LEAD);

        // newer engagement releases the hold: the rules apply again
        activity(contact.getId(), ActivityType.PAGE_VIEW, Instant.now().plusSeconds(1));
        liveEvaluator.reevaluate(contact.getId(), Instant.now().plusSeconds(2));
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.MQL);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lifecycle_hold WHERE contact_id = ?", Integer.class,
                contact.getId())).isZero();
    }

    @Test
    void anExecutiveAndARepOfAnotherTeamCannotMoveBack() {
        ContactForm contact = create("sam", ContactFixtures.marker(), LifecycleStage.SQL); // team North

        assertThatThrownBy(() -> as("erik", () -> {
            lifecycle.moveBack(contact.getId(), LifecycleStage.LEAD, "Not interested");
            return null;
        })).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("peter", () -> {
            lifecycle.moveBack(contact.getId(), LifecycleStage.LEAD, "Not interested");
            return null;
        })).isInstanceOf(AccessDeniedException.class);
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.SQL);
        assertThat(as("peter", () -> lifecycle.moveBackChoice(contact.getId())).possible()).isFalse();

        // a colleague in the same team may
        assertThat(as("olga", () -> lifecycle.moveBackChoice(contact.getId())).targets())
                .containsExactly(LifecycleStage.SUBSCRIBER, LifecycleStage.LEAD, LifecycleStage.MQL);
        as("olga", () -> {
            lifecycle.moveBack(contact.getId(), LifecycleStage.MQL, "Needs more nurturing");
            return null;
        });
        assertThat(stageOf(contact.getId())).isEqualTo(LifecycleStage.MQL);
    }

    @Test
    void setBasedRefreshAndLiveEvaluationAgree() {
        String company = ContactFixtures.marker();
        Instant now = Instant.now();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(create("maria", company, i == 10 ? LifecycleStage.CUSTOMER : LifecycleStage.SUBSCRIBER).getId());
        }
        // facts changed behind the application's back (imports, trackers): no change events
        jdbc.update("UPDATE contact SET first_touch_source = ? WHERE id = ?", FirstTouchSource.TRADE_SHOW.name(), ids.get(1));
        activity(ids.get(2), ActivityType.FORM_SUBMIT, now.minus(100, ChronoUnit.DAYS));
        downloadsAndBrowses(ids.get(3));
        jdbc.update("UPDATE contact SET score = 75 WHERE id = ?", ids.get(4));
        activity(ids.get(5), ActivityType.CALL, now.minus(10, ChronoUnit.DAYS));
        activity(ids.get(6), ActivityType.MEETING, now.minus(10, ChronoUnit.DAYS));
        jdbc.update("UPDATE contact SET status = 'LOST', lost_reason = 'BUDGET' WHERE id = ?", ids.get(6));
        jdbc.update("UPDATE contact SET funnel_stage = 'REQUEST_SENT' WHERE id = ?", ids.get(7));
        jdbc.update("UPDATE contact SET funnel_stage = 'DELIVERED' WHERE id = ?", ids.get(8));
        jdbc.update("UPDATE contact SET status = 'WON' WHERE id = ?", ids.get(9));
        downloadsAndBrowses(ids.get(10)); // a customer: stays
        activity(ids.get(11), ActivityType.CALL, now.minus(200, ChronoUnit.DAYS)); // too long ago

        Map<Long, LifecycleStage> expected = new LinkedHashMap<>();
        for (Long id : ids) {
            LifecycleLiveEvaluator.Decision decision = liveEvaluator.decide(id, now);
            expected.put(id, decision.target() != null ? decision.target() : LifecycleStage.valueOf(decision.from()));
        }
        LifecycleRefresher.Result result = refresher.refresh(now, new SqlPredicate(
                "SELECT id FROM contact WHERE company = ?", List.of(company)));

        Map<Long, LifecycleStage> actual = new LinkedHashMap<>();
        ids.forEach(id -> actual.put(id, stageOf(id)));
        assertThat(actual).isEqualTo(expected);
        // the cases cover every stage, so the agreement is not trivially "nobody moved"
        assertThat(actual.values()).contains(LifecycleStage.SUBSCRIBER, LifecycleStage.LEAD, LifecycleStage.MQL,
                LifecycleStage.SQL, LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER);
        assertThat(actual.get(ids.get(0))).isEqualTo(LifecycleStage.SUBSCRIBER);
        assertThat(actual.get(ids.get(6))).isEqualTo(LifecycleStage.SUBSCRIBER); // lost: not SQL, and a meeting alone is no LEAD
        assertThat(result.total()).isEqualTo((int) ids.stream().filter(id -> expected.get(id) != LifecycleStage.SUBSCRIBER
                && id != ids.get(10).longValue()).count());
        // timeline and history for every set-based move
        Integer moves = jdbc.queryForObject("""
                SELECT COUNT(*) FROM lifecycle_stage_history h JOIN contact c ON c.id = h.contact_id
                WHERE c.company = ? AND h.cause = 'RULE'""", Integer.class, company);
        Integer entries = jdbc.queryForObject("""
                SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id
                WHERE c.company = ? AND a.type = 'LIFECYCLE_CHANGE' AND a.author_kind = 'SYSTEM'""", Integer.class, company);
        assertThat(moves).isEqualTo(result.total());
        assertThat(entries).isEqualTo(result.total());
    }

    private StageDefinition stage(LifecycleStage stage) {
        return as("maria", () -> lifecycle.stages()).stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }

    private void restoreBuiltInNames() {
        jdbc.update("UPDATE lifecycle_stage_definition SET name_en = NULL, name_ru = NULL, description = NULL, enabled = TRUE");
        stageNames.changed();
    }

    @Test
    void marketingRenamesAStageAndEveryScreenShowsTheNewName() {
        Locale russian = Locale.forLanguageTag("ru");
        StageDefinition mql = stage(LifecycleStage.MQL);
        try {
            as("maria", () -> lifecycle.save(LifecycleStage.MQL, new LifecycleService.StageChanges(" Hot lead ",
                    "Горячий лид", "Scored 60 or more, or downloaded and browsed", mql.entryRule(), true),
                    mql.version()));

            // every screen labels a stage through the translation lookup
            assertThat(i18n.getTranslation("lifecycle.MQL", Locale.ENGLISH)).isEqualTo("Hot lead");
            assertThat(i18n.getTranslation("lifecycle.MQL", russian)).isEqualTo("Горячий лид");
            assertThat(i18n.getTranslation("lifecycle.SQL", Locale.ENGLISH)).isEqualTo("Sales-qualified lead");
            assertThat(i18n.getTranslation("lifecycle.view.members", Locale.ENGLISH, 3)).isEqualTo("3 contacts");
            StageDefinition saved = stage(LifecycleStage.MQL);
            assertThat(saved.nameEn()).isEqualTo("Hot lead");
            assertThat(saved.description()).isEqualTo("Scored 60 or more, or downloaded and browsed");
            assertThat(saved.entryRule()).isEqualTo(mql.entryRule());
            assertThat(saved.stage()).isEqualTo(LifecycleStage.MQL); // the code the dashboard and cadences use

            // saving only the rule and the switch keeps the names
            as("maria", () -> lifecycle.save(LifecycleStage.MQL, saved.entryRule(), false, saved.version()));
            assertThat(stage(LifecycleStage.MQL)).satisfies(s -> {
                assertThat(s.nameRu()).isEqualTo("Горячий лид");
                assertThat(s.enabled()).isFalse();
            });

            // both names emptied: the built-in name again
            StageDefinition renamed = stage(LifecycleStage.MQL);
            as("maria", () -> lifecycle.save(LifecycleStage.MQL, new LifecycleService.StageChanges("", " ", null,
                    renamed.entryRule(), true), renamed.version()));
            assertThat(i18n.getTranslation("lifecycle.MQL", Locale.ENGLISH)).isEqualTo("Marketing-qualified lead");
            assertThat(stage(LifecycleStage.MQL).nameEn()).isNull();
        } finally {
            restoreBuiltInNames();
        }
    }

    @Test
    void aStageNameNeedsBothLanguagesAFittingLengthAndNoOtherStagesName() {
        StageDefinition lead = stage(LifecycleStage.LEAD);
        authenticate("maria");
        try {
            assertThatThrownBy(() -> lifecycle.save(LifecycleStage.LEAD, new LifecycleService.StageChanges("Prospect",
                    "", null, lead.entryRule(), true), lead.version()))
                    .hasMessage("rules.lifecycle.nameBothLanguages");
            assertThatThrownBy(() -> lifecycle.save(LifecycleStage.LEAD, new LifecycleService.StageChanges(
                    "P".repeat(61), "Проспект", null, lead.entryRule(), true), lead.version()))
                    .hasMessage("rules.lifecycle.nameTooLong");
            // another stage's built-in name, in either language, ignoring case
            assertThatThrownBy(() -> lifecycle.save(LifecycleStage.LEAD, new LifecycleService.StageChanges(
                    "customer", "Проспект", null, lead.entryRule(), true), lead.version()))
                    .isInstanceOf(ValidationFailedException.class).hasMessage("rules.lifecycle.nameTaken");
            assertThatThrownBy(() -> lifecycle.save(LifecycleStage.LEAD, new LifecycleService.StageChanges(
                    "Prospect", i18n.getTranslation("lifecycle.SQL", Locale.forLanguageTag("ru")), null,
                    lead.entryRule(), true), lead.version()))
                    .hasMessage("rules.lifecycle.nameTaken");
            assertThatThrownBy(() -> lifecycle.save(LifecycleStage.LEAD, new LifecycleService.StageChanges(
                    "Prospect", "Проспект", "x".repeat(1001), lead.entryRule(), true), lead.version()))
                    .hasMessage("rules.lifecycle.descriptionTooLong");
            StageDefinition unchanged = stage(LifecycleStage.LEAD);
            assertThat(unchanged.version()).isEqualTo(lead.version());
            assertThat(unchanged.nameEn()).isNull();
            assertThat(i18n.getTranslation("lifecycle.LEAD", Locale.ENGLISH)).isEqualTo("Lead");
        } finally {
            restoreBuiltInNames();
        }
    }

    @Test
    void anExecutiveCannotRenameAStage() {
        StageDefinition lead = stage(LifecycleStage.LEAD);
        assertThatThrownBy(() -> as("erik", () -> lifecycle.save(LifecycleStage.LEAD,
                new LifecycleService.StageChanges("Prospect", "Проспект", null, lead.entryRule(), true),
                lead.version()))).isInstanceOf(AccessDeniedException.class);
        assertThat(stage(LifecycleStage.LEAD).nameEn()).isNull();
    }

    private static SqlPredicate only(long contactId) {
        return new SqlPredicate("SELECT ?", List.of(contactId));
    }
}
