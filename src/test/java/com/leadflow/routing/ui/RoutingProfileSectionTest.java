package com.leadflow.routing.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.routing.RepSettings;
import com.leadflow.routing.Router;
import com.leadflow.routing.RoutingCause;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingProfileSectionTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Router router;

    private final String marker = "RP" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM contact WHERE company = ?", marker);
        jdbc.update("UPDATE routing_rule SET target_team_id = NULL WHERE is_default");
        jdbc.update("DELETE FROM routing_rep");
    }

    private long routedLead() {
        jdbc.update("UPDATE routing_rule SET target_team_id = (SELECT id FROM team WHERE name = 'North') WHERE is_default");
        jdbc.update("INSERT INTO contact (first_name, last_name, company, created_at, updated_at) "
                + "VALUES ('Profile', 'Lead', ?, NOW(6), NOW(6))", marker);
        long id = jdbc.queryForObject("SELECT id FROM contact WHERE company = ?", Long.class, marker);
        router.route(List.of(id), RoutingCause.CREATED, null);
        return id;
    }

    @Test
    void theProfileExplainsTheAssignmentAndShowsTheClock() {
        long id = routedLead();
        login("erik");
        UI.getCurrent().navigate("contact/" + id);
        Div panel = _get(Div.class, spec -> spec.withId("routing-profile"));
        assertThat(_find(panel, ListItem.class)).extracting(ListItem::getText)
                .anyMatch(t -> t.contains("default rule"))
                .anyMatch(t -> t.contains("picked by weighted round-robin in team North"));
        assertThat(_get(panel, Span.class, spec -> spec.withId("routing-sla")).getText()).startsWith("First contact due in");
        assertThat(_find(panel, Button.class, spec -> spec.withId("routing-reassign")))
                .as("an executive edits nothing").isEmpty();
    }

    @Test
    void theTimelineShowsTheRoutingEntryInTheReadersLanguage() {
        long id = routedLead();
        login("erik");
        UI.getCurrent().setLocale(Locale.forLanguageTag("ru"));
        UI.getCurrent().navigate("contact/" + id);
        // stored with an English summary, shown from the explanation's keys in the reader's language
        assertThat(_find(Div.class, spec -> spec.withClasses("timeline-text"))).extracting(Div::getText)
                .anyMatch(t -> t.contains("Ни одно правило не подошло: применено правило по умолчанию")
                        && t.contains("выбран(а) взвешенной очередью в команде North"))
                .noneMatch(t -> t.contains("default rule"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminReassignsWithAReason() {
        long id = routedLead();
        long owner = jdbc.queryForObject("SELECT owner_id FROM contact WHERE id = ?", Long.class, id);
        login("admin");
        UI.getCurrent().navigate("contact/" + id);
        _click(_get(Button.class, spec -> spec.withId("routing-reassign")));
        ComboBox<RepSettings> rep = _get(ComboBox.class, spec -> spec.withId("routing-reassign-rep"));
        RepSettings other = rep.getListDataView().getItems().filter(r -> r.userId() != owner
                && "North".equals(r.teamName())).findFirst().orElseThrow();
        _setValue(rep, other);
        _click(_get(Button.class, spec -> spec.withId("routing-reassign-ok")));
        assertThat(_get(TextArea.class, spec -> spec.withId("routing-reassign-reason")).isInvalid())
                .as("a reason is required").isTrue();
        _setValue(_get(TextArea.class, spec -> spec.withId("routing-reassign-reason")), "Knows the customer");
        _click(_get(Button.class, spec -> spec.withId("routing-reassign-ok")));

        assertThat(jdbc.queryForObject("SELECT owner_id FROM contact WHERE id = ?", Long.class, id))
                .isEqualTo(other.userId());
        assertThat(jdbc.queryForObject("SELECT reason FROM routing_assignment WHERE contact_id = ? AND latest",
                String.class, id)).isEqualTo("Knows the customer");
    }
}
