package com.leadflow.cadence.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.cadence.CadenceSummary;
import com.leadflow.cadence.StepPreview;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The cadence list and editor: the four defaults, a new cadence with a preview, and who may edit. */
class CadencesViewTest extends AbstractViewTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired com.leadflow.segment.SegmentLiveEvaluator segments;
    private final java.util.List<Long> contactIds = new java.util.ArrayList<>();

    @AfterEach
    void cleanUp() {
        contactIds.forEach(id -> jdbc.update("DELETE FROM contact WHERE id = ?", id));
        jdbc.update("DELETE FROM cadence WHERE name = 'Webinar follow-up (test)'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void marketingSeesTheDefaultsAndCreatesACadenceWithAPreview() {
        // one dormant MQL at least, so the preview has someone to count
        String email = "prev-" + java.util.UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        java.sql.Timestamp quiet = java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(90)));
        jdbc.update("INSERT INTO contact (first_name, last_name, email, lifecycle_stage, status, created_at, updated_at, "
                + "last_activity_at) VALUES ('Mona', 'Mql', ?, 'MQL', 'OPEN', ?, ?, ?)", email, quiet, quiet, quiet);
        long mona = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        contactIds.add(mona);
        segments.reevaluate(mona, com.leadflow.segment.MembershipReason.CONTACT_CHANGED, java.time.Instant.now());

        login("maria");
        UI.getCurrent().navigate("cadences");
        Grid<CadenceSummary> grid = _get(Grid.class, spec -> spec.withId("cadences-grid"));
        assertThat(_findAll(grid)).extracting(CadenceSummary::name).contains(
                "Inactive SQLs: monthly content, quarterly call", "Dormant MQLs: content every two months",
                "Closed-lost: re-nurture from month three", "Inactive unqualified: no correspondence");
        assertThat(_findAll(grid)).filteredOn(c -> c.name().startsWith("Inactive unqualified"))
                .singleElement().satisfies(c -> {
                    assertThat(c.segmentSuppressed()).isTrue();
                    assertThat(c.steps()).isZero();
                });

        _click(_get(Button.class, spec -> spec.withId("new-cadence")));
        _setValue(_get(TextField.class, spec -> spec.withId("cadence-name")), "Webinar follow-up (test)");
        ComboBox<SegmentSummary> segment = _get(ComboBox.class, spec -> spec.withId("cadence-segment"));
        SegmentSummary dormant = segment.getListDataView().getItems()
                .filter(s -> "DORMANT_MQL".equals(s.systemKey())).findFirst().orElseThrow();
        _setValue(segment, dormant);
        _click(_get(Button.class, spec -> spec.withId("add-email-step")));
        _click(_get(Button.class, spec -> spec.withId("add-task-step")));
        Grid<StepPreview> preview = _get(Grid.class, spec -> spec.withId("cadence-preview"));
        List<StepPreview> rows = _findAll(preview);
        assertThat(rows).hasSize(2);
        // the email's first touch is a day after enrolment: every eligible member of the segment gets it
        long eligible = jdbc.queryForObject("SELECT COUNT(*) FROM segment_member m JOIN contact c ON c.id = m.contact_id "
                + "WHERE m.segment_id = ? AND NOT c.do_not_contact AND c.status <> 'WON'", Long.class, dormant.id());
        assertThat(eligible).isPositive();
        assertThat(rows.getFirst().contacts()).isEqualTo(eligible);
        assertThat(rows.getFirst().touches()).isEqualTo(eligible); // monthly: once in 30 days
        assertThat(rows.get(1).contacts()).isEqualTo(eligible); // the call, a week after enrolment

        _click(_get(Button.class, spec -> spec.withId("cadence-save")));
        assertThat(_findAll(grid)).extracting(CadenceSummary::name).contains("Webinar follow-up (test)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cadence_step s JOIN cadence c ON c.id = s.cadence_id "
                + "WHERE c.name = 'Webinar follow-up (test)'", Integer.class)).isEqualTo(2);
    }

    @Test
    void aSalesRepReadsCadencesButCannotCreateOne() {
        login("sam");
        UI.getCurrent().navigate("cadences");
        assertThat(_find(Button.class, spec -> spec.withId("new-cadence"))).isEmpty();
    }
}
