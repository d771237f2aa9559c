package com.leadflow.cadence.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.cadence.CadenceService;
import com.leadflow.cadence.CadenceSummary;
import com.leadflow.messaging.EmailTemplateService;
import com.leadflow.segment.SegmentService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The nurture cadences: segment, priority, steps, how many are enrolled; MARKETING and ADMIN edit, stop and start. */
@Route(value = "cadences", layout = MainLayout.class)
@Menu(title = "cadence.nav.cadences", order = 50, icon = "vaadin:sitemap")
@PermitAll
class CadencesView extends VerticalLayout implements HasDynamicTitle {

    private final CadenceService cadences;
    private final SegmentService segments;
    private final EmailTemplateService templates;
    private final Grid<CadenceSummary> grid = new Grid<>(CadenceSummary.class, false);
    private final boolean canEdit;

    CadencesView(CadenceService cadences, SegmentService segments, EmailTemplateService templates) {
        this.cadences = cadences;
        this.segments = segments;
        this.templates = templates;
        this.canEdit = canEdit(cadences);
        setSizeFull();
        addClassName("cadences-view");

        Button create = new Button(getTranslation("cadence.list.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("new-cadence");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(canEdit);

        grid.setId("cadences-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(CadenceSummary::priority).setHeader(getTranslation("cadence.list.priority")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(CadenceSummary::name).setHeader(getTranslation("cadence.list.name")).setFlexGrow(2);
        grid.addComponentColumn(c -> {
            Span s = new Span(c.segmentName());
            if (c.segmentSuppressed()) {
                Span flag = new Span(getTranslation("cadence.list.suppressed"));
                flag.getElement().getThemeList().add("badge error");
                return new Span(s, new Span(" "), flag);
            }
            return s;
        }).setHeader(getTranslation("cadence.list.segment")).setFlexGrow(2);
        grid.addColumn(CadenceSummary::steps).setHeader(getTranslation("cadence.list.steps")).setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(c -> Formats.number(c.enrolled())).setHeader(getTranslation("cadence.list.enrolled"))
                .setAutoWidth(true).setTextAlign(ColumnTextAlign.END);
        grid.addComponentColumn(c -> {
            Span state = new Span(getTranslation(c.active() ? "cadence.list.active" : "cadence.list.stopped"));
            state.getElement().getThemeList().add(c.active() ? "badge success" : "badge contrast");
            return state;
        }).setHeader(getTranslation("cadence.list.state")).setAutoWidth(true);
        if (canEdit) {
            grid.addComponentColumn(c -> {
                Button toggle = new Button(getTranslation(c.active() ? "cadence.list.stop" : "cadence.list.start"), e -> {
                    cadences.setActive(c.id(), !c.active());
                    Notifications.success(getTranslation(c.active() ? "cadence.list.stoppedNow" : "cadence.list.startedNow",
                            c.name()));
                    refresh();
                });
                toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                return toggle;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        grid.addItemClickListener(e -> edit(e.getItem().id()));
        grid.setSizeFull();
        add(create, grid);
        refresh();
    }

    private static boolean canEdit(CadenceService cadences) {
        try {
            return cadences.canEdit();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            return false;
        }
    }

    private void edit(Long id) {
        new CadenceEditor(cadences, segments, templates, id == null ? null : cadences.load(id), canEdit, this::refresh)
                .open();
    }

    private void refresh() {
        grid.setItems(cadences.list()); // a handful of cadences by nature
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.cadences") + " · " + getTranslation("app.name");
    }
}
