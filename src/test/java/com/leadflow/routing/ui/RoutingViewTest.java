package com.leadflow.routing.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.routing.QueuedLead;
import com.leadflow.routing.RepSettings;
import com.leadflow.routing.RoutingCause;
import com.leadflow.routing.RoutingRule;
import com.leadflow.routing.Router;
import com.leadflow.routing.RoutingService;
import com.leadflow.rules.ui.RuleBuilder;
import com.leadflow.security.TeamSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Router router;
    @Autowired
    RoutingService routing;

    private final String marker = "RV" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM contact WHERE company = ?", marker);
        jdbc.update("DELETE FROM routing_rule WHERE NOT is_default");
        jdbc.update("UPDATE routing_rule SET target_team_id = NULL, target_user_id = NULL WHERE is_default");
        jdbc.update("DELETE FROM routing_rep");
        jdbc.update("UPDATE routing_settings SET enabled = FALSE WHERE id = 1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void marketingAddsARuleWithTheRuleBuilderArrivalWindowAndTeam() {
        login("maria");
        UI.getCurrent().navigate("routing");
        Grid<RoutingRule> rules = _get(Grid.class, spec -> spec.withId("routing-rules"));
        assertThat(_findAll(rules)).extracting(RoutingRule::isDefault).containsExactly(true);

        _click(_get(Button.class, spec -> spec.withId("routing-add-rule")));
        Checkbox any = _get(Checkbox.class, spec -> spec.withId("routing-rule-any"));
        assertThat(any.getValue()).as("a new rule takes any contact until conditions are added").isTrue();
        _setValue(any, false);
        assertThat(_find(RuleBuilder.class)).hasSize(1);
        _setValue(_get(TextField.class, spec -> spec.withId("routing-rule-name")), "Night web leads");
        _setValue(_get(TimePicker.class, spec -> spec.withId("routing-rule-from")), LocalTime.of(20, 0));
        _setValue(_get(TimePicker.class, spec -> spec.withId("routing-rule-to")), LocalTime.of(8, 0));
        _setValue(_get(TextField.class, spec -> spec.withId("routing-rule-landing")), "pricing");
        RadioButtonGroup<RoutingRuleDialog.TargetKind> target = _get(RadioButtonGroup.class,
                spec -> spec.withId("routing-rule-target"));
        _setValue(target, RoutingRuleDialog.TargetKind.TEAM);
        ComboBox<TeamSummary> team = _get(ComboBox.class, spec -> spec.withId("routing-rule-team"));
        _setValue(team, team.getListDataView().getItems().filter(t -> t.name().equals("South")).findFirst().orElseThrow());
        _setValue(_get(IntegerField.class, spec -> spec.withId("routing-rule-sla")), 30);
        _click(_get(Button.class, spec -> spec.withId("routing-rule-ok")));

        List<RoutingRule> saved = _findAll(rules);
        assertThat(saved).extracting(RoutingRule::name).containsExactly("Night web leads", "Default");
        RoutingRule night = saved.getFirst();
        assertThat(night.condition()).as("an empty condition means any contact").isNull();
        assertThat(night.arrivalFrom()).isEqualTo(LocalTime.of(20, 0));
        assertThat(night.landingPageContains()).isEqualTo("pricing");
        assertThat(night.slaMinutes()).isEqualTo(30);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepReadsTheRulesSwitchesAwayAndCannotEdit() {
        login("sam");
        UI.getCurrent().navigate("routing");
        assertThat(_find(Button.class, spec -> spec.withId("routing-add-rule"))).isEmpty();
        _get(TabSheet.class).setSelectedIndex(1);
        _setValue(_get(Checkbox.class, spec -> spec.withId("routing-my-away")), true);
        Grid<RepSettings> reps = _get(Grid.class, spec -> spec.withId("routing-reps"));
        assertThat(_findAll(reps)).filteredOn(r -> r.displayName().equals("Sam Carter"))
                .extracting(RepSettings::away).containsExactly(true);
        _get(TabSheet.class).setSelectedIndex(3);
        assertThat(_get(Checkbox.class, spec -> spec.withId("routing-enabled")).isReadOnly()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueueShowsLeadsNobodyCouldTake() {
        jdbc.update("INSERT INTO contact (first_name, last_name, company, created_at, updated_at) "
                + "VALUES ('Queued', 'Lead', ?, NOW(6), NOW(6))", marker);
        long id = jdbc.queryForObject("SELECT id FROM contact WHERE company = ?", Long.class, marker);
        router.route(List.of(id), RoutingCause.CREATED, null);

        login("admin");
        UI.getCurrent().navigate("routing");
        _get(TabSheet.class).setSelectedIndex(2);
        Grid<QueuedLead> queue = _get(Grid.class, spec -> spec.withId("routing-queue"));
        assertThat(_findAll(queue)).extracting(QueuedLead::contactId).contains(id);
        assertThat(_get(Span.class, spec -> spec.withId("routing-queue-count")).getText()).endsWith("waiting");
    }
}
