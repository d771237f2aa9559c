package com.leadflow.cadence.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.cadence.TouchItem;
import com.leadflow.segment.MembershipReason;
import com.leadflow.segment.SegmentLiveEvaluator;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The calendar and "My tasks" as a user sees them: counts per day, moving a task, completing one. */
class CadenceCalendarViewTest extends AbstractViewTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired SegmentLiveEvaluator segments;

    private final List<Long> contacts = new ArrayList<>();
    private final ZoneId zone = ZoneId.systemDefault();
    private Instant now;

    @BeforeEach
    void fixedTime() {
        // the middle of a month, at noon: the first email (day 1) and the first call (day 7) stay in this month
        ZonedDateTime mid = ZonedDateTime.now(zone).withDayOfMonth(10).withHour(12).withMinute(0).withSecond(0).withNano(0);
        now = mid.toInstant();
        testClock.set(now);
    }

    @AfterEach
    void cleanUp() {
        for (long id : contacts) {
            jdbc.update("DELETE FROM contact WHERE id = ?", id);
        }
    }

    /** An inactive SQL owned by olga: enrolled, an email due tomorrow and a call in a week. */
    private long olgasInactiveSql() {
        String email = "cal-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        Timestamp quiet = Timestamp.from(now.minus(Duration.ofDays(150)));
        jdbc.update("INSERT INTO contact (first_name, last_name, email, lifecycle_stage, status, owner_id, team_id, "
                + "created_at, updated_at, last_activity_at) SELECT 'Cal', 'Endar', ?, 'SQL', 'OPEN', id, team_id, ?, ?, ? "
                + "FROM app_user WHERE username = 'olga'", email, quiet, quiet, quiet);
        long id = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        contacts.add(id);
        segments.reevaluate(id, MembershipReason.CONTACT_CHANGED, now);
        return id;
    }

    private Div day(LocalDate day) {
        return _get(Div.class, spec -> spec.withClasses("cadence-day").withPredicate(
                d -> day.toString().equals(d.getElement().getAttribute("data-day"))));
    }

    private Optional<String> count(Div day, String kind) {
        return _find(day, Span.class, spec -> spec.withClasses("cadence-count " + kind)).stream().findFirst()
                .map(s -> ((Span) s.getChildren().skip(1).findFirst().orElseThrow()).getText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void monthViewShowsTheCountsAndMovingATaskWithTheDatePickerMovesIt() {
        olgasInactiveSql();
        olgasInactiveSql();
        login("olga");
        UI.getCurrent().navigate("calendar");
        // a sales rep starts with "my manual tasks"
        assertThat(_get(Select.class, spec -> spec.withId("calendar-scope")).getValue().toString()).isEqualTo("MINE");
        _setValue(_get(Select.class, spec -> spec.withId("calendar-kind")), "");

        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate emailDay = LocalDate.ofInstant(now.plus(Duration.ofDays(1)), zone);
        LocalDate callDay = LocalDate.ofInstant(now.plus(Duration.ofDays(7)), zone);
        assertThat(_get(H2.class, spec -> spec.withId("calendar-title")).getText()).isNotBlank();
        assertThat(count(day(emailDay), "email")).contains("2");
        assertThat(count(day(emailDay), "task")).isEmpty();
        assertThat(count(day(callDay), "task")).contains("2");
        assertThat(count(day(today), "email")).isEmpty();

        // open the first call and move it three days later with the date picker (the keyboard way)
        Div chip = _find(day(callDay), Div.class, spec -> spec.withClasses("cadence-item task")).getFirst();
        _click(chip);
        _click(_get(Button.class, spec -> spec.withClasses("touch-move")));
        LocalDate target = callDay.plusDays(3);
        _setValue(_get(DatePicker.class, spec -> spec.withId("move-day")), target);
        _click(_get(Button.class, spec -> spec.withId("move-save")));

        long touchId = Long.parseLong(chip.getElement().getAttribute("data-touch"));
        Timestamp due = jdbc.queryForObject("SELECT due_at FROM scheduled_touch WHERE id = ?", Timestamp.class, touchId);
        assertThat(LocalDate.ofInstant(due.toInstant(), zone)).isEqualTo(target);
        assertThat(count(day(callDay), "task")).contains("1");
        assertThat(count(day(target), "task")).contains("1");
        assertThat(_find(day(target), Div.class, spec -> spec.withClasses("cadence-item task"))).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void myTasksListsDueCallsAndCompletingOneWritesTheOutcomeOnTheTimeline() {
        long id = olgasInactiveSql();
        testClock.set(now.plus(Duration.ofDays(8))); // the call is overdue by a day
        login("olga");
        UI.getCurrent().navigate("tasks");
        Grid<TouchItem> grid = _get(Grid.class, spec -> spec.withId("tasks-grid"));
        List<TouchItem> rows = _findAll(grid);
        assertThat(rows).filteredOn(t -> t.contactId() == id).hasSize(1);
        assertThat(_get(Span.class, spec -> spec.withId("tasks-summary")).getText()).contains("1 overdue");

        TouchItem call = rows.stream().filter(t -> t.contactId() == id).findFirst().orElseThrow();
        com.leadflow.cadence.TouchService service = context().getBean(com.leadflow.cadence.TouchService.class);
        TouchActions.complete(service, call, () -> { });
        _setValue(_get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("task-note")),
                "wants a demo in spring");
        _click(_get(Button.class, spec -> spec.withId("task-complete-save")));

        assertThat(jdbc.queryForObject("SELECT status FROM scheduled_touch WHERE id = ?", String.class, call.id()))
                .isEqualTo("DONE");
        assertThat(jdbc.queryForObject("SELECT summary FROM activity WHERE contact_id = ? AND type = 'CALL'",
                String.class, id)).contains("reached").contains("wants a demo in spring");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_touch WHERE contact_id = ? AND kind = 'TASK' "
                + "AND status = 'PLANNED'", Integer.class, id)).as("the next call, a quarter later").isEqualTo(1);
    }
}
