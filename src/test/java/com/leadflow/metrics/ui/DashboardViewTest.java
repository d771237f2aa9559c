package com.leadflow.metrics.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.metrics.MetricsFixture;
import com.leadflow.security.TeamSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard as a user sees it: tiles, the funnel's table and drill-down links, CSV, role limits. */
class DashboardViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;

    MetricsFixture data;
    long won, lost, open;

    @BeforeEach
    void data() {
        testClock.set(Instant.parse("2025-06-15T10:00:00Z"));
        data = new MetricsFixture(jdbc);
        data.campaign(data.campaign, "WEBINAR", "2025-01-01", null, "900");
        won = data.contact("Wendy", "2025-01-10", "North", "sam", "WEB_FORM", "WON", "WON", "CUSTOMER");
        lost = data.contact("Larry", "2025-01-10", "South", "peter", "AD", "LOST", "LOST", "LEAD");
        open = data.contact("Olive", "2025-01-10", "North", "olga", "AD", "INTERESTED", "OPEN", "MQL");
        data.funnel(won, null, "INTERESTED", "2025-01-10");
        data.funnel(won, "INTERESTED", "WON", "2025-02-10");
        data.funnel(lost, null, "INTERESTED", "2025-01-10");
        data.funnel(lost, "INTERESTED", "LOST", "2025-02-11");
        data.funnel(open, null, "INTERESTED", "2025-01-12");
    }

    @AfterEach
    void cleanUp() {
        data.delete();
    }

    @SuppressWarnings("unchecked")
    private DashboardView openFirstQuarter(String user) {
        login(user);
        UI.getCurrent().navigate("dashboard");
        _setValue(_get(DatePicker.class, spec -> spec.withId("metrics-from")), LocalDate.parse("2025-01-01"));
        _setValue(_get(DatePicker.class, spec -> spec.withId("metrics-to")), LocalDate.parse("2025-03-31"));
        _setValue(_get(ComboBox.class, spec -> spec.withId("metrics-campaign")), data.campaign);
        return _get(DashboardView.class);
    }

    private String tile(String id) {
        Div tile = _get(Div.class, spec -> spec.withId("metrics-tile-" + id));
        return _get(tile, Span.class, spec -> spec.withClasses("metrics-tile-value")).getText();
    }

    /** A panel's table, whether or not it is shown at the moment. */
    private static List<List<String>> rows(ChartPanel panel) {
        return _fetch(panel.table(), 0, 100);
    }

    @Test
    void tilesAndFunnelTableShowTheFigures() {
        DashboardView view = openFirstQuarter("erik");

        assertThat(tile("new-leads")).isEqualTo("3");
        assertThat(tile("wins")).isEqualTo("1");
        assertThat(tile("leads-per-sale")).isEqualTo("3");
        assertThat(tile("win-rate")).isEqualTo("50%");
        assertThat(rows(view.funnelPanel)).contains(
                List.of("Interested lead", "3", "Active request", "0%"),
                List.of("Won", "1", "", ""),
                List.of("Lost", "1", "", ""));
        assertThat(rows(view.campaignPanel).getFirst()).startsWith(data.campaign, "Webinar")
                .endsWith("900.00", "300.00", "900.00"); // 3 leads, 1 customer
    }

    @Test
    void theTableToggleSwitchesBetweenChartAndTable() {
        DashboardView view = openFirstQuarter("erik");
        Grid<?> table = view.funnelPanel.table();
        Button toggle = _get(Button.class, spec -> spec.withId("metrics-funnel-toggle"));
        assertThat(table.isVisible()).isFalse();
        assertThat(toggle.getText()).isEqualTo("Table");

        _click(toggle);
        assertThat(table.isVisible()).isTrue();
        assertThat(toggle.getText()).isEqualTo("Chart");
    }

    @Test
    void aFunnelBarDrillsDownToTheContactsBehindIt() {
        DashboardView view = openFirstQuarter("erik");
        String link = view.drillDown("INTERESTED");
        // the period's days are the user's days (in their time zone)
        String from = LocalDate.parse("2025-01-01").atStartOfDay(com.leadflow.base.ui.Formats.zone()).toInstant().toString();
        assertThat(link).startsWith("contacts?").contains("entered=INTERESTED", "from=" + from.replace(":", "%3A"),
                "campaign=Campaign");
        // the table's link is the same as the bar's
        ChartPanel funnel = view.funnelPanel;
        assertThat(funnel.data().links()).contains(link);

        open(link);
        @SuppressWarnings("unchecked")
        Grid<com.leadflow.contact.ContactListItem> grid = _get(Grid.class, spec -> spec.withId("contacts-grid"));
        assertThat(_fetch(grid, 0, 100)).extracting(c -> c.id()).containsExactlyInAnyOrder(won, lost, open);
        assertThat(_get(Span.class, spec -> spec.withId("contacts-drilldown-text")).getText())
                .startsWith("Entered “Interested lead” between");

        open(funnelLink("WON"));
        assertThat(_fetch(_get(Grid.class, spec -> spec.withId("contacts-grid")), 0, 100)).hasSize(1);
    }

    @Test
    void aLifecycleBarDrillsDownToTheContactsWhoEnteredThatStage() {
        data.lifecycle(open, "LEAD", "MQL", "2025-01-15");
        data.lifecycle(won, "LEAD", "MQL", "2024-12-15"); // before the period
        DashboardView view = openFirstQuarter("erik");
        String link = view.drillDown("enteredLifecycle", "MQL");
        assertThat(view.lifecyclePanel.data().links()).contains(link);
        assertThat(link).contains("enteredLifecycle=MQL", "campaign=Campaign");

        open(link);
        assertThat(_fetch(_get(Grid.class, spec -> spec.withId("contacts-grid")), 0, 100)).hasSize(1);
        assertThat(_get(Span.class, spec -> spec.withId("contacts-drilldown-text")).getText())
                .startsWith("Entered the lifecycle stage");
    }

    @Test
    void aSegmentDrillDownNamesTheSegment() {
        long segment = data.segment(won, open);
        String name = jdbc.queryForObject("SELECT name FROM segment WHERE id = ?", String.class, segment);
        login("erik");
        open("contacts?segment=" + segment + "&entered=INTERESTED&from=2025-01-01T00:00:00Z&to=2025-04-01T00:00:00Z");
        assertThat(_get(Span.class, spec -> spec.withId("contacts-drilldown-text")).getText())
                .contains("segment “" + name + "”").doesNotContain("#" + segment);
        assertThat(_fetch(_get(Grid.class, spec -> spec.withId("contacts-grid")), 0, 100)).hasSize(2);
    }

    /** Follows a link as the browser would: path and query string. */
    private static void open(String link) {
        int q = link.indexOf('?');
        UI.getCurrent().navigate(link.substring(0, q),
                com.vaadin.flow.router.QueryParameters.fromString(link.substring(q + 1)));
    }

    private String funnelLink(String stage) {
        return "contacts?entered=" + stage + "&from=2025-01-01T00:00:00Z&to=2025-04-01T00:00:00Z&campaign="
                + java.net.URLEncoder.encode(data.campaign, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void csvExportWritesTheTable() throws Exception {
        DashboardView view = openFirstQuarter("erik");
        StringWriter csv = new StringWriter();
        view.funnelPanel.data().writeCsv(csv);
        assertThat(csv.toString()).startsWith("\uFEFFStage,Entered,Next stage,Conversion to next")
                .contains("Interested lead,3,Active request,0%");
    }

    @Test
    void salesRepSeesTheirTeamOnlyAndNoCosts() {
        DashboardView view = openFirstQuarter("sam");
        @SuppressWarnings("unchecked")
        ComboBox<TeamSummary> team = _get(ComboBox.class, spec -> spec.withId("metrics-team"));
        assertThat(team.getValue().name()).isEqualTo("North");
        assertThat(team.isReadOnly()).isTrue();
        assertThat(tile("new-leads")).isEqualTo("2");  // Wendy and Olive; Larry is South's
        assertThat(rows(view.campaignPanel).getFirst()).hasSize(7); // no cost columns
    }

    @Test
    void aPanelWithNothingInThePeriodSaysSo() {
        openFirstQuarter("erik");
        _setValue(_get(DatePicker.class, spec -> spec.withId("metrics-from")), LocalDate.parse("2024-01-01"));
        _setValue(_get(DatePicker.class, spec -> spec.withId("metrics-to")), LocalDate.parse("2024-03-31"));
        DashboardView view = _get(DashboardView.class);
        assertThat(view.comebackPanel.emptyMessage()).isEqualTo("No contact was lost in this period.");
        assertThat(view.campaignPanel.emptyMessage()).isEqualTo("No campaign ran in this period.");
    }

    @Test
    void aReversedPeriodShowsATranslatedError() {
        openFirstQuarter("erik");
        _setValue(_get(DatePicker.class, spec -> spec.withId("metrics-to")), LocalDate.parse("2024-12-01"));
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("metrics-freshness"))
                .getText()).isEqualTo("The period ends before it starts: choose a last day after the first.");
    }
}
