package com.leadflow.cadence.ui;

import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.cadence.TouchChangedEvent;
import com.leadflow.cadence.TouchItem;
import com.leadflow.cadence.TouchService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The current user's manual touches due today or overdue: complete with an outcome, skip, move, open the contact. */
@Route(value = "tasks", layout = MainLayout.class)
@Menu(title = "cadence.nav.tasks", order = 12, icon = "vaadin:check-square-o")
@PermitAll
class MyTasksView extends VerticalLayout implements HasDynamicTitle {

    private final TouchService touches;
    private final Grid<TouchItem> grid = new Grid<>(TouchItem.class, false);
    private final Span summary = new Span();
    private final ZoneId zone = Formats.zone();
    private final Clock clock;

    MyTasksView(TouchService touches, LiveUpdates live, Clock clock) {
        this.touches = touches;
        this.clock = clock;
        setSizeFull();
        addClassName("cadence-tasks-view");
        summary.setId("tasks-summary");
        summary.addClassName(LumoUtility.TextColor.SECONDARY);
        grid.setId("tasks-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(t -> Formats.dateTime(t.dueAt())).setHeader(getTranslation("cadence.tasks.due"))
                .setAutoWidth(true).setPartNameGenerator(t -> overdue(t) ? "cadence-overdue" : null);
        grid.addColumn(TouchItem::contactName).setHeader(getTranslation("cadence.tasks.contact")).setFlexGrow(1);
        grid.addColumn(TouchItem::company).setHeader(getTranslation("cadence.tasks.company")).setFlexGrow(1);
        grid.addColumn(TouchActions::label).setHeader(getTranslation("cadence.tasks.what")).setFlexGrow(2);
        grid.addColumn(t -> getTranslation("channel." + t.channel()).startsWith("!")
                ? "" : getTranslation("channel." + t.channel())).setHeader(getTranslation("cadence.tasks.channel"))
                .setAutoWidth(true);
        grid.addComponentColumn(t -> TouchActions.buttons(touches, t, zone, this::refresh))
                .setHeader(getTranslation("cadence.tasks.actions")).setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        grid.setEmptyStateText(getTranslation("cadence.tasks.empty"));
        add(new H2(getTranslation("cadence.nav.tasks")), summary, grid);
        refresh();
        // tasks given to me or moved by someone else appear without a reload
        live.follow(this, TouchChangedEvent.class, e -> refresh());
    }

    private boolean overdue(TouchItem t) {
        return LocalDate.ofInstant(t.dueAt(), zone).isBefore(LocalDate.ofInstant(clock.instant(), zone));
    }

    private void refresh() {
        List<TouchItem> items = touches.myTasks(zone);
        grid.setItems(items); // today and overdue for one person: a short list by nature (capped at 500)
        long overdue = items.stream().filter(this::overdue).count();
        summary.setText(getTranslation("cadence.tasks.summary", items.size(), overdue));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.tasks") + " · " + getTranslation("app.name");
    }
}
