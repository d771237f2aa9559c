package com.leadflow.cadence.ui;

import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.cadence.CadenceService;
import com.leadflow.cadence.CadenceSummary;
import com.leadflow.cadence.CalendarFilter;
import com.leadflow.cadence.DayCount;
import com.leadflow.cadence.OwnerScope;
import com.leadflow.cadence.StepKind;
import com.leadflow.cadence.TouchChangedEvent;
import com.leadflow.cadence.TouchItem;
import com.leadflow.cadence.TouchService;
import com.leadflow.cadence.TouchStatus;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.TeamSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

/**
 * The cadence calendar: a month or a week of scheduled touches, each day with its counts (emails, tasks) and the
 * first items, coloured by kind and cadence; a day opens its full list. Manual tasks are dragged to another day
 * or moved with a date picker; any touch can be skipped with a reason or opens its contact. Live: changes by
 * others appear without a reload.
 */
@Route(value = "calendar", layout = MainLayout.class)
@Menu(title = "cadence.nav.calendar", order = 14, icon = "vaadin:calendar")
@PermitAll
class CadenceCalendarView extends VerticalLayout implements HasDynamicTitle {

    enum Mode { MONTH, WEEK }

    static final int MONTH_ITEMS = 3;
    static final int WEEK_ITEMS = 12;

    private final TouchService touches;
    private final ZoneId zone = Formats.zone();
    private final Select<Mode> mode = new Select<>();
    private final Select<OwnerScope> scope = new Select<>();
    private final ComboBox<TeamSummary> team = new ComboBox<>();
    private final ComboBox<CadenceSummary> cadence = new ComboBox<>();
    private final ComboBox<SegmentSummary> segment = new ComboBox<>();
    private final Select<String> kind = new Select<>();
    /** Off by default: projecting repeats reads every open touch of the scope, seconds for a big team at 1M. */
    private final Checkbox showProjected = new Checkbox();
    private final H2 title = new H2();
    private final Div grid = new Div();
    private final Clock clock;
    private LocalDate anchor;

    CadenceCalendarView(TouchService touches, CadenceService cadences, SegmentService segments,
                        UserAccountService users, CurrentUserProvider currentUser, LiveUpdates live, Clock clock) {
        this.touches = touches;
        this.clock = clock;
        setSizeFull();
        addClassName("cadence-calendar-view");
        anchor = LocalDate.ofInstant(clock.instant(), zone);

        mode.setId("calendar-mode");
        mode.setItems(Mode.values());
        mode.setItemLabelGenerator(m -> getTranslation("cadence.calendar.mode." + m.name()));
        mode.setValue(Mode.MONTH);
        scope.setId("calendar-scope");
        scope.setLabel(getTranslation("cadence.calendar.owner"));
        scope.setItems(OwnerScope.values());
        scope.setItemLabelGenerator(s -> getTranslation("cadence.calendar.scope." + s.name()));
        team.setId("calendar-team");
        team.setLabel(getTranslation("cadence.calendar.team"));
        team.setItems(users.listTeams());
        team.setItemLabelGenerator(TeamSummary::name);
        team.setClearButtonVisible(true);
        cadence.setId("calendar-cadence");
        cadence.setLabel(getTranslation("cadence.calendar.cadence"));
        cadence.setItems(cadences.list());
        cadence.setItemLabelGenerator(CadenceSummary::name);
        cadence.setClearButtonVisible(true);
        segment.setId("calendar-segment");
        segment.setLabel(getTranslation("cadence.calendar.segment"));
        segment.setItems(segments.list());
        segment.setItemLabelGenerator(SegmentSummary::name);
        segment.setClearButtonVisible(true);
        kind.setId("calendar-kind");
        kind.setLabel(getTranslation("cadence.calendar.kind"));
        kind.setItems("", StepKind.EMAIL.name(), StepKind.TASK.name());
        kind.setItemLabelGenerator(k -> getTranslation(k.isEmpty() ? "cadence.calendar.kind.all" : "cadence.kind." + k));

        // a sales rep starts with "my manual tasks"; everyone else with everything
        boolean sales = currentUser.find().map(u -> u.role() == Role.SALES).orElse(false);
        scope.setValue(sales ? OwnerScope.MINE : OwnerScope.ALL);
        kind.setValue(sales ? StepKind.TASK.name() : "");

        Button previous = new Button(VaadinIcon.ANGLE_LEFT.create(), e -> step(-1));
        previous.setId("calendar-previous");
        previous.setAriaLabel(getTranslation("cadence.calendar.previous"));
        Button next = new Button(VaadinIcon.ANGLE_RIGHT.create(), e -> step(1));
        next.setId("calendar-next");
        next.setAriaLabel(getTranslation("cadence.calendar.next"));
        Button today = new Button(getTranslation("cadence.calendar.today"), e -> {
            anchor = LocalDate.ofInstant(clock.instant(), zone);
            refresh();
        });
        today.setId("calendar-today");
        previous.addClickShortcut(Key.PAGE_UP);
        next.addClickShortcut(Key.PAGE_DOWN);
        title.setId("calendar-title");
        title.addClassName("cadence-calendar-title");

        showProjected.setLabel(getTranslation("cadence.calendar.showProjected"));
        showProjected.setId("calendar-show-projected");
        showProjected.addValueChangeListener(e -> refresh());
        HorizontalLayout navigation = new HorizontalLayout(previous, today, next, title, mode, showProjected);
        navigation.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout filters = new HorizontalLayout(scope, team, cadence, segment, kind);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        for (var field : List.of(mode, scope, kind)) {
            field.addValueChangeListener(e -> refresh());
        }
        team.addValueChangeListener(e -> refresh());
        cadence.addValueChangeListener(e -> refresh());
        segment.addValueChangeListener(e -> refresh());

        grid.setId("calendar-grid");
        grid.addClassName("cadence-calendar");
        add(navigation, filters, grid);
        setFlexGrow(1, grid);
        refresh();
        live.follow(this, TouchChangedEvent.class, e -> refresh());
    }

    private void step(int direction) {
        anchor = mode.getValue() == Mode.WEEK ? anchor.plusWeeks(direction) : anchor.plusMonths(direction);
        refresh();
    }

    CalendarFilter filter() {
        return new CalendarFilter(scope.getValue(), team.getValue() == null ? null : team.getValue().id(),
                cadence.getValue() == null ? null : cadence.getValue().id(),
                segment.getValue() == null ? null : segment.getValue().id(),
                kind.getValue() == null || kind.getValue().isEmpty() ? null : StepKind.valueOf(kind.getValue()));
    }

    void refresh() {
        boolean week = mode.getValue() == Mode.WEEK;
        LocalDate from;
        LocalDate to;
        if (week) {
            from = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            to = from.plusDays(6);
            title.setText(Formats.date(from.atStartOfDay(zone).toInstant()) + " – "
                    + Formats.date(to.atStartOfDay(zone).toInstant()));
        } else {
            LocalDate first = anchor.withDayOfMonth(1);
            from = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            to = anchor.withDayOfMonth(anchor.lengthOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            title.setText(DateTimeFormatter.ofPattern("LLLL yyyy", Formats.locale()).format(first));
        }
        CalendarFilter filter = filter();
        Map<LocalDate, DayCount> counts = touches.dayCounts(filter, from, to, zone);
        Map<LocalDate, List<TouchItem>> items = touches.firstItems(filter, from, to, zone,
                week ? WEEK_ITEMS : MONTH_ITEMS);
        // on request the week also shows the later repeats of each step, which are not rows yet (only the next is)
        showProjected.setVisible(week);
        TouchService.ProjectedTouches projected = week && showProjected.getValue()
                ? touches.projected(filter, from, to, zone, WEEK_ITEMS)
                : new TouchService.ProjectedTouches(Map.of(), Map.of());

        grid.removeAll();
        grid.getElement().getClassList().set("week", week);
        for (int i = 0; i < 7; i++) {
            Div header = new Div(DayOfWeek.MONDAY.plus(i).getDisplayName(TextStyle.SHORT, Formats.locale()));
            header.addClassName("cadence-weekday");
            grid.add(header);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            grid.add(dayCell(day, counts.get(day), items.getOrDefault(day, List.of()), projected.counts().get(day),
                    projected.items().getOrDefault(day, List.of()), today, week));
        }
    }

    private Div dayCell(LocalDate day, DayCount count, List<TouchItem> items, DayCount projectedCount,
                        List<TouchItem> repeats, LocalDate today, boolean week) {
        Div cell = new Div();
        cell.addClassName("cadence-day");
        cell.getElement().setAttribute("data-day", day.toString());
        cell.getElement().getClassList().set("other-month", !week && day.getMonth() != anchor.getMonth());
        cell.getElement().getClassList().set("today", day.equals(today));
        Span number = new Span(String.valueOf(day.getDayOfMonth()));
        number.addClassName("cadence-day-number");
        HorizontalLayout head = new HorizontalLayout(number);
        head.setSpacing(false);
        head.addClassName("cadence-day-head");
        if (count != null && count.total() > 0) {
            if (count.emails() > 0) {
                Span emails = new Span(VaadinIcon.ENVELOPE_O.create(), new Span(Formats.number(count.emails())));
                emails.addClassNames("cadence-count", "email");
                emails.getElement().setAttribute("title", getTranslation("cadence.calendar.emails", count.emails()));
                head.add(emails);
            }
            if (count.tasks() > 0) {
                Span tasks = new Span(VaadinIcon.PHONE.create(), new Span(Formats.number(count.tasks())));
                tasks.addClassNames("cadence-count", "task");
                tasks.getElement().setAttribute("title", getTranslation("cadence.calendar.tasks", count.tasks()));
                head.add(tasks);
            }
        }
        if (projectedCount != null && projectedCount.total() > 0) {
            Span projected = new Span(VaadinIcon.CLOCK.create(), new Span(Formats.number(projectedCount.total())));
            projected.addClassNames("cadence-count", "projected");
            projected.getElement().setAttribute("title",
                    getTranslation("cadence.calendar.projected", projectedCount.total()));
            head.add(projected);
        }
        cell.add(head);
        for (TouchItem item : items) {
            cell.add(itemChip(item));
        }
        // projected repeats in the room the planned touches left
        for (TouchItem repeat : repeats.subList(0, Math.min(repeats.size(), Math.max(0, WEEK_ITEMS - items.size())))) {
            cell.add(itemChip(repeat));
        }
        int total = count == null ? 0 : count.total();
        if (total > items.size()) {
            Button more = new Button(getTranslation("cadence.calendar.more", total - items.size()),
                    e -> openDay(day, total));
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            more.addClassName("cadence-more");
            cell.add(more);
        }
        // a manual task dropped here moves to this day
        DropTarget<Div> target = DropTarget.create(cell);
        target.setDropEffect(DropEffect.MOVE);
        target.addDropListener(e -> e.getDragData().ifPresent(data -> {
            if (data instanceof TouchItem touch && !LocalDate.ofInstant(touch.dueAt(), zone).equals(day)) {
                TouchActions.move(touches, touch, day, zone);
                refresh();
            }
        }));
        return cell;
    }

    private Div itemChip(TouchItem item) {
        Div chip = new Div();
        chip.addClassNames("cadence-item", item.kind().name().toLowerCase(), item.status().name().toLowerCase());
        chip.getElement().setAttribute("data-touch", String.valueOf(item.id()));
        chip.getStyle().set("--cadence-hue", String.valueOf((item.cadenceId() * 67) % 360));
        Span who = new Span(item.contactName());
        who.addClassName("cadence-item-contact");
        Span what = new Span(TouchActions.label(item));
        what.addClassName("cadence-item-what");
        chip.add(who, what);
        String reason = TouchActions.reason(item);
        chip.getElement().setAttribute("title", item.contactName() + " · " + TouchActions.label(item) + " · "
                + getTranslation("cadence.status." + item.status().name()) + (reason.isEmpty() ? "" : " — " + reason));
        chip.getElement().setAttribute("tabindex", "0");
        chip.getElement().setAttribute("role", "button");
        chip.addClickListener(e -> open(item));
        chip.getElement().addEventListener("keydown", e -> open(item)).setFilter("event.key === 'Enter'");
        if (item.kind() == StepKind.TASK && item.open() && touches.canAct(item)) {
            DragSource<Div> drag = DragSource.create(chip);
            drag.setDragData(item);
            drag.setEffectAllowed(com.vaadin.flow.component.dnd.EffectAllowed.MOVE);
            chip.addClassName("draggable");
        }
        return chip;
    }

    private void open(TouchItem item) {
        if (item.status() == TouchStatus.PROJECTED) {
            openProjected(item);
        } else {
            openTouch(item);
        }
    }

    /** A projected repeat is not a row: what it is, when it is expected, and no actions. */
    private void openProjected(TouchItem item) {
        Dialog dialog = new Dialog();
        dialog.setId("projected-dialog");
        dialog.setHeaderTitle(item.contactName());
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.add(new Span(TouchActions.label(item)));
        body.add(new Span(getTranslation("cadence.calendar.projectedAt", Formats.dateTime(item.dueAt()))));
        if (item.ownerName() != null) {
            body.add(new Span(getTranslation("cadence.calendar.ownedBy", item.ownerName())));
        }
        body.add(new HorizontalLayout(TouchActions.status(item)));
        Span info = new Span(getTranslation("cadence.calendar.projectedInfo"));
        info.addClassName("cadence-projected-info");
        body.add(info);
        dialog.add(body);
        dialog.getFooter().add(new Button(getTranslation("cadence.close"), e -> dialog.close()));
        dialog.open();
    }

    private void openTouch(TouchItem item) {
        TouchItem current = touches.load(item.id());
        Dialog dialog = new Dialog();
        dialog.setId("touch-dialog");
        dialog.setHeaderTitle(current.contactName());
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.add(new Span(TouchActions.label(current)));
        body.add(new Span(getTranslation("cadence.calendar.dueAt", Formats.dateTime(current.dueAt()))));
        if (current.ownerName() != null) {
            body.add(new Span(getTranslation("cadence.calendar.ownedBy", current.ownerName())));
        }
        HorizontalLayout status = new HorizontalLayout(TouchActions.status(current));
        String reason = TouchActions.reason(current);
        if (!reason.isEmpty()) {
            status.add(new Span(reason));
        }
        body.add(status);
        body.add(TouchActions.buttons(touches, current, zone, () -> {
            dialog.close();
            refresh();
        }));
        dialog.add(body);
        dialog.getFooter().add(new Button(getTranslation("cadence.close"), e -> dialog.close()));
        dialog.open();
    }

    private void openDay(LocalDate day, int total) {
        Dialog dialog = new Dialog();
        dialog.setId("day-dialog");
        dialog.setHeaderTitle(Formats.date(day.atStartOfDay(zone).toInstant()));
        dialog.setWidth("min(60rem, 95vw)");
        dialog.setHeight("70vh");
        CalendarFilter filter = filter();
        Grid<TouchItem> list = new Grid<>(TouchItem.class, false);
        list.setId("day-grid");
        list.addColumn(t -> Formats.dateTime(t.dueAt())).setHeader(getTranslation("cadence.tasks.due")).setAutoWidth(true);
        list.addColumn(TouchItem::contactName).setHeader(getTranslation("cadence.tasks.contact"));
        list.addColumn(TouchActions::label).setHeader(getTranslation("cadence.tasks.what"));
        list.addComponentColumn(TouchActions::status).setHeader(getTranslation("cadence.calendar.status"));
        list.addColumn(TouchItem::ownerName).setHeader(getTranslation("cadence.calendar.owner"));
        // lazy: a busy day for "all" can hold thousands of automated emails
        list.setDataProvider(DataProvider.fromCallbacks(
                q -> touches.dayItems(filter, day, zone, q.getOffset(), q.getLimit()).stream(), q -> total));
        list.addItemClickListener(e -> openTouch(e.getItem()));
        list.setSizeFull();
        dialog.add(list);
        dialog.getFooter().add(new Button(getTranslation("cadence.close"), e -> dialog.close()));
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.calendar") + " · " + getTranslation("app.name");
    }
}
