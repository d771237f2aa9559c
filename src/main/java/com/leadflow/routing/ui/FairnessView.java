package com.leadflow.routing.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.routing.FairnessRow;
import com.leadflow.routing.RoutingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Routing fairness: per rep, the leads routing gave them in a period against their weight (share of the team's
 * routed leads next to their share of the team's weight), leads reassigned to them by hand, open leads against
 * capacity, and their speed to lead (within target, breaches, average minutes to first contact).
 */
@Route(value = "routing/fairness", layout = MainLayout.class)
@Menu(title = "nav.fairness", order = 62, icon = "vaadin:scale")
@PermitAll
class FairnessView extends VerticalLayout implements HasDynamicTitle {

    private final RoutingService routing;
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Grid<FairnessRow> grid = new Grid<>(FairnessRow.class, false);

    FairnessView(RoutingService routing, Clock clock) {
        this.routing = routing;
        addClassName("routing-fairness-view");
        ZoneId zone = Formats.zone();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        from.setLabel(getTranslation("routing.fairness.from"));
        from.setId("fairness-from");
        from.setValue(today.minusDays(29));
        to.setLabel(getTranslation("routing.fairness.to"));
        to.setId("fairness-to");
        to.setValue(today);
        from.addValueChangeListener(e -> load());
        to.addValueChangeListener(e -> load());
        Button last7 = new Button(getTranslation("routing.fairness.last7"), e -> range(today.minusDays(6), today));
        Button last30 = new Button(getTranslation("routing.fairness.last30"), e -> range(today.minusDays(29), today));
        HorizontalLayout period = new HorizontalLayout(from, to, last7, last30);
        period.setAlignItems(FlexComponent.Alignment.BASELINE);
        Span help = new Span(getTranslation("routing.fairness.help"));
        help.addClassName("routing-muted");

        grid.setId("fairness-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(FairnessRow::name).setHeader(getTranslation("routing.reps.rep")).setFlexGrow(2);
        grid.addColumn(r -> r.teamName() == null ? "—" : r.teamName()).setHeader(getTranslation("routing.rule.team"));
        grid.addColumn(r -> r.away() ? getTranslation("routing.reps.away") : String.valueOf(r.weight()))
                .setHeader(getTranslation("routing.reps.weight")).setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(FairnessRow::routed).setHeader(getTranslation("routing.fairness.routed"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addComponentColumn(this::shareBar).setHeader(getTranslation("routing.fairness.share")).setFlexGrow(3);
        grid.addColumn(FairnessRow::manual).setHeader(getTranslation("routing.fairness.manual"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.capacity() == null ? Formats.number(r.openNow())
                        : getTranslation("routing.fairness.openOf", r.openNow(), r.capacity()))
                .setHeader(getTranslation("routing.fairness.open")).setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.clocks() == 0 ? "—" : percent((double) r.withinSla() / r.clocks()))
                .setHeader(getTranslation("routing.fairness.withinSla")).setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(FairnessRow::breached).setHeader(getTranslation("routing.fairness.breached"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.averageMinutesToContact() == null ? "—"
                        : getTranslation("routing.duration.minutes", Math.round(r.averageMinutesToContact())))
                .setHeader(getTranslation("routing.fairness.speed")).setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        add(new H2(getTranslation("routing.fairness.title")), help, period, grid);
        load();
    }

    private void range(LocalDate start, LocalDate end) {
        from.setValue(start);
        to.setValue(end);
    }

    private void load() {
        if (from.getValue() == null || to.getValue() == null) {
            return;
        }
        ZoneId zone = Formats.zone();
        try {
            List<FairnessRow> rows = routing.fairness(from.getValue().atStartOfDay(zone).toInstant(),
                    to.getValue().plusDays(1).atStartOfDay(zone).toInstant());
            grid.setItems(rows);
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
        }
    }

    /** The rep's share of the team's routed leads as a bar, with a mark where their weight says it should be. */
    private Div shareBar(FairnessRow row) {
        Div bar = new Div();
        bar.addClassName("routing-share");
        Div actual = new Div();
        actual.addClassName("routing-share-actual");
        actual.getStyle().set("width", String.format(Locale.ROOT, "%.1f%%", row.share() * 100));
        Div expected = new Div();
        expected.addClassName("routing-share-expected");
        expected.getStyle().set("left", String.format(Locale.ROOT, "%.1f%%", row.weightShare() * 100));
        Span label = new Span(getTranslation("routing.fairness.shareOf", percent(row.share()), percent(row.weightShare())));
        label.addClassName("routing-share-label");
        bar.add(actual, expected, label);
        bar.getElement().setAttribute("title", label.getText());
        return bar;
    }

    private String percent(double value) {
        return String.format(getLocale(), "%.0f %%", value * 100);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("routing.fairness.title") + " · " + getTranslation("app.name");
    }
}
