package com.leadflow.scoring.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.scoring.ScoringRule;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import com.github.mvysny.kaributesting.v10.GridKt;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class ScoringViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.leadflow.contact.ContactService contacts;

    @Test
    @SuppressWarnings("unchecked")
    void marketingSeesTheRulesAndThePreviewHistogramWithTheBacktest() {
        // the histogram needs contacts to count, whatever other tests did or did not create before this one
        as("maria", () -> contacts.create(com.leadflow.contact.ContactFixtures.contact("Histo", "Gram",
                com.leadflow.contact.ContactFixtures.marker())));
        login("maria");
        UI.getCurrent().navigate("scoring");
        Grid<ScoringRule> rules = _get(Grid.class, spec -> spec.withId("scoring-rules"));
        List<ScoringRule> rows = _findAll(rules);
        assertThat(rows).extracting(ScoringRule::name).contains("Decision maker (Director, Head, CEO)",
                "Do not contact", "No activity for 6 months");
        assertThat(_get(IntegerField.class, spec -> spec.withId("scoring-hot")).getValue()).isEqualTo(70);
        assertThat(_find(Div.class, spec -> spec.withClasses("score-bar"))).isEmpty();

        _click(_get(Button.class, spec -> spec.withId("scoring-preview")));

        List<Div> bars = _find(Div.class, spec -> spec.withClasses("score-bar"));
        assertThat(bars).isNotEmpty();
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        assertThat(_get(Span.class, spec -> spec.withId("score-preview-info")).getText())
                .startsWith(java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH).format(contacts)
                        + " contacts scored");
        assertThat(bars.getFirst().getElement().getAttribute("title")).matches("Score -?\\d+ to -?\\d+: [\\d,]+ contacts");
        assertThat(_get(Grid.class, spec -> spec.withId("score-backtest-bands")).isVisible()).isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("scoring-publish")).isVisible()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConditionOfARuleOpensInTheRuleBuilder() {
        login("maria");
        UI.getCurrent().navigate("scoring");
        Grid<ScoringRule> rules = _get(Grid.class, spec -> spec.withId("scoring-rules"));
        var actions = (com.vaadin.flow.component.HasComponents) GridKt._getCellComponent(rules, 0, "actions");
        _click(_get((com.vaadin.flow.component.Component) actions, Button.class,
                spec -> spec.withClasses("scoring-rule-edit")));
        assertThat(_get(TextField.class, spec -> spec.withId("scoring-rule-name")).getValue())
                .isEqualTo("Decision maker (Director, Head, CEO)");
        assertThat(_find(com.leadflow.rules.ui.RuleBuilder.class)).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExecutiveReadsTheModelButCannotSaveOrPublish() {
        login("erik");
        UI.getCurrent().navigate("scoring");
        assertThat(_find(Button.class, spec -> spec.withId("scoring-publish"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("scoring-save"))).isEmpty();
        assertThat(_get(IntegerField.class, spec -> spec.withId("scoring-warm")).isReadOnly()).isTrue();
        Grid<ScoringRule> rules = _get(Grid.class, spec -> spec.withId("scoring-rules"));
        var actions = (com.vaadin.flow.component.Component) GridKt._getCellComponent(rules, 0, "actions");
        assertThat(_find(actions, Button.class, spec -> spec.withClasses("scoring-rule-remove"))).isEmpty();
        assertThat(_find(actions, Button.class, spec -> spec.withClasses("scoring-rule-edit"))).hasSize(1);
    }
}
