package com.leadflow.segment.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.leadflow.rules.Operator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentsViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ContactService contacts;

    @Test
    @SuppressWarnings("unchecked")
    void listsTheNurtureSegmentsWithTheirSuppressionFlag() {
        login("maria");
        UI.getCurrent().navigate("segments");
        Grid<SegmentSummary> grid = _get(Grid.class, spec -> spec.withId("segments-grid"));
        List<SegmentSummary> rows = _findAll(grid);
        assertThat(rows).extracting(SegmentSummary::name).contains("Closed-lost leads", "Inactive SQLs",
                "Dormant MQLs", "Inactive unqualified leads");
        assertThat(_get(Button.class, spec -> spec.withId("new-segment")).isVisible()).isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("refresh-all")).isVisible()).isTrue();
    }

    @Test
    void executiveReadsButCannotChangeSegments() {
        login("erik");
        UI.getCurrent().navigate("segments");
        assertThat(_find(Button.class, spec -> spec.withId("new-segment"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("refresh-all"))).isEmpty();

        long id = jdbc.queryForObject("SELECT id FROM segment WHERE system_key = 'CLOSED_LOST'", Long.class);
        UI.getCurrent().navigate("segment/" + id);
        assertThat(_find(Button.class, spec -> spec.withId("segment-save"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withClasses("rule-add-condition"))).isEmpty();
    }

    @Test
    void detailShowsThePreviewCountOfItsRule() {
        ContactForm lost = ContactFixtures.contact("Lost", "Lead", ContactFixtures.marker());
        lost.setStatus(com.leadflow.contact.ContactStatus.LOST);
        lost.setLostReason(com.leadflow.contact.LostReason.BUDGET);
        as("maria", () -> contacts.create(lost));
        long expected = jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE status = 'LOST'", Long.class);

        login("maria");
        long id = jdbc.queryForObject("SELECT id FROM segment WHERE system_key = 'CLOSED_LOST'", Long.class);
        UI.getCurrent().navigate("segment/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("preview-count")).getText())
                .isEqualTo(java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH).format(expected)
                        + " contacts match now");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildingARuleUpdatesThePreviewAndSavingFillsTheSegment() {
        String company = ContactFixtures.marker();
        for (String first : List.of("Ada", "Bo")) {
            ContactForm form = ContactFixtures.contact(first, "Previewed", company);
            as("maria", () -> contacts.create(form));
        }
        login("maria");
        UI.getCurrent().navigate("segment/new");
        Span count = _get(Span.class, spec -> spec.withId("preview-count"));
        assertThat(count.getText()).isEqualTo("Complete the rule to see who matches");

        _click(_get(Button.class, spec -> spec.withAttribute("aria-label", "Add condition to the rule")));
        Div row = _find(Div.class, spec -> spec.withClasses("rule-condition")).getFirst();
        _setValue(_get(row, ComboBox.class, spec -> spec.withClasses("rule-field")), "company");
        _setValue(_get(row, Select.class, spec -> spec.withClasses("rule-operator")), Operator.EQUALS);
        _setValue(_get(row, TextField.class, spec -> spec.withClasses("rule-value")), company);

        assertThat(count.getText()).isEqualTo("2 contacts match now");
        assertThat(_get(UnorderedList.class, spec -> spec.withId("preview-list")).getElement().getTextRecursively())
                .contains("Ada Previewed", "Bo Previewed");

        _setValue(_get(TextField.class, spec -> spec.withId("segment-name")), "Previewed " + company);
        _click(_get(Button.class, spec -> spec.withId("segment-save")));

        Integer members = jdbc.queryForObject("""
                SELECT s.member_count FROM segment s WHERE s.name = ?""", Integer.class, "Previewed " + company);
        assertThat(members).isEqualTo(2);
    }
}
