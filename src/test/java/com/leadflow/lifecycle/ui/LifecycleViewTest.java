package com.leadflow.lifecycle.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleViewTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;
    @Autowired
    LifecycleService lifecycle;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void listsTheSixStagesInOrderForMarketingToEdit() {
        login("maria");
        UI.getCurrent().navigate("lifecycle");

        List<VerticalLayout> cards = _find(VerticalLayout.class, spec -> spec.withClasses("lifecycle-stage"));
        assertThat(cards).hasSize(6);
        assertThat(_find(H3.class)).extracting(H3::getText).containsExactly("1. Subscriber", "2. Lead",
                "3. Marketing-qualified lead", "4. Sales-qualified lead", "5. Opportunity", "6. Customer");
        assertThat(_find(Button.class, spec -> spec.withClasses("stage-save"))).hasSize(6);
        assertThat(_get(Button.class, spec -> spec.withId("lifecycle-reapply")).isVisible()).isTrue();
    }

    @Test
    void anExecutiveReadsTheStagesButCannotChangeThem() {
        login("erik");
        UI.getCurrent().navigate("lifecycle");

        assertThat(_find(VerticalLayout.class, spec -> spec.withClasses("lifecycle-stage"))).hasSize(6);
        assertThat(_find(Button.class, spec -> spec.withClasses("stage-save"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("lifecycle-reapply"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withClasses("rule-add-condition"))).isEmpty();
    }

    @Test
    void marketingSwitchesAStageOffAndOn() {
        login("maria");
        UI.getCurrent().navigate("lifecycle");
        VerticalLayout opportunity = _get(VerticalLayout.class, spec -> spec.withId("stage-OPPORTUNITY"));
        _setValue(_get(opportunity, Checkbox.class, spec -> spec.withClasses("stage-enabled")), false);
        _click(_get(opportunity, Button.class, spec -> spec.withClasses("stage-save")));
        expectNotifications("Stage \"Opportunity\" saved. The rule applies to every contact change from now on; "
                + "re-apply it to move contacts who already qualify.");
        assertThat(jdbc.queryForObject("SELECT enabled FROM lifecycle_stage_definition WHERE code = 'OPPORTUNITY'",
                Boolean.class)).isFalse();

        // the list was rebuilt with the new version, so a second save goes through
        opportunity = _get(VerticalLayout.class, spec -> spec.withId("stage-OPPORTUNITY"));
        _setValue(_get(opportunity, Checkbox.class, spec -> spec.withClasses("stage-enabled")), true);
        _click(_get(opportunity, Button.class, spec -> spec.withClasses("stage-save")));
        assertThat(jdbc.queryForObject("SELECT enabled FROM lifecycle_stage_definition WHERE code = 'OPPORTUNITY'",
                Boolean.class)).isTrue();
    }

    @Test
    void marketingRenamesAStageAndTheNewNameIsShown() {
        login("maria");
        UI.getCurrent().navigate("lifecycle");
        try {
            VerticalLayout sql = _get(VerticalLayout.class, spec -> spec.withId("stage-SQL"));
            _setValue(_get(sql, TextField.class, spec -> spec.withClasses("stage-name-en")), "Qualified by sales");
            _click(_get(sql, Button.class, spec -> spec.withClasses("stage-save")));
            // one language only: refused, the field says why, nothing saved
            TextField english = _get(_get(VerticalLayout.class, spec -> spec.withId("stage-SQL")), TextField.class,
                    spec -> spec.withClasses("stage-name-en"));
            assertThat(english.isInvalid()).isTrue();
            assertThat(english.getErrorMessage()).startsWith("Give the stage a name in both English and Russian");
            assertThat(jdbc.queryForObject("SELECT name_en FROM lifecycle_stage_definition WHERE code = 'SQL'",
                    String.class)).isNull();

            sql = _get(VerticalLayout.class, spec -> spec.withId("stage-SQL"));
            _setValue(_get(sql, TextField.class, spec -> spec.withClasses("stage-name-ru")), "Квалифицирован продажами");
            _setValue(_get(sql, TextArea.class, spec -> spec.withClasses("stage-description")),
                    "Sales has talked to them in the last 90 days.");
            _click(_get(sql, Button.class, spec -> spec.withClasses("stage-save")));
            assertThat(_find(H3.class)).extracting(H3::getText).contains("4. Qualified by sales");
            assertThat(jdbc.queryForObject("SELECT description FROM lifecycle_stage_definition WHERE code = 'SQL'",
                    String.class)).isEqualTo("Sales has talked to them in the last 90 days.");
        } finally {
            jdbc.update("UPDATE lifecycle_stage_definition SET name_en = NULL, name_ru = NULL, description = NULL");
            lifecycle.save(LifecycleStage.SQL, lifecycle.stages().get(3).entryRule(), true,
                    lifecycle.stages().get(3).version()); // re-reads the names
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMoveBackDialogNeedsAReasonAndThenMovesTheContact() {
        ContactForm form = ContactFixtures.contact("Back", "Wards", ContactFixtures.marker());
        form.setLifecycleStage(LifecycleStage.SQL);
        long id = as("maria", () -> contacts.create(form)).getId();
        login("maria");
        List<LifecycleStage> moved = new ArrayList<>();
        LifecycleMoveBack moveBack = new LifecycleMoveBack(lifecycle, id, moved::add);
        UI.getCurrent().add(moveBack);

        _click(_get(Button.class, spec -> spec.withClasses("lifecycle-move-back")));
        Select<LifecycleStage> target = _get(Select.class, spec -> spec.withId("lifecycle-move-back-target"));
        assertThat(target.getValue()).isEqualTo(LifecycleStage.MQL);
        _setValue(target, LifecycleStage.LEAD);
        _click(_get(Button.class, spec -> spec.withId("lifecycle-move-back-confirm")));
        TextArea reason = _get(TextArea.class, spec -> spec.withId("lifecycle-move-back-reason"));
        assertThat(reason.isInvalid()).isTrue();
        assertThat(moved).isEmpty();

        _setValue(reason, "Lost on budget, re-nurture");
        _click(_get(Button.class, spec -> spec.withId("lifecycle-move-back-confirm")));
        assertThat(moved).containsExactly(LifecycleStage.LEAD);
        assertThat(jdbc.queryForObject("SELECT lifecycle_stage FROM contact WHERE id = ?", String.class, id))
                .isEqualTo("LEAD");
        expectNotifications("Contact moved back to \"Lead\".");
    }

    @Test
    void theMoveBackButtonIsHiddenFromAnExecutive() {
        ContactForm form = ContactFixtures.contact("Back", "Hidden", ContactFixtures.marker());
        form.setLifecycleStage(LifecycleStage.MQL);
        long id = as("maria", () -> contacts.create(form)).getId();
        login("erik");
        LifecycleMoveBack moveBack = new LifecycleMoveBack(lifecycle, id, stage -> { });
        UI.getCurrent().add(moveBack);
        assertThat(_find(Button.class, spec -> spec.withClasses("lifecycle-move-back"))).isEmpty();
    }
}
