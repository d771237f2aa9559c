package com.leadflow.segment.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.PollWhileAttached;
import com.leadflow.base.ui.Notifications;
import com.leadflow.segment.FullRefreshJob;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The segment list: name, members, suppression, last change; MARKETING and ADMIN create and refresh. */
@Route(value = "segments", layout = MainLayout.class)
@Menu(title = "nav.segments", order = 20, icon = "vaadin:filter")
@PermitAll
class SegmentsView extends VerticalLayout implements HasDynamicTitle {

    private final SegmentService segments;
    private final FullRefreshJob refreshJob;
    private final Grid<SegmentSummary> grid = new Grid<>(SegmentSummary.class, false);
    private final ProgressBar progressBar = new ProgressBar();
    private final Span progressText = new Span();
    private final Button refreshAll = new Button();

    SegmentsView(SegmentService segments, FullRefreshJob refreshJob) {
        this.segments = segments;
        this.refreshJob = refreshJob;
        setSizeFull();
        addClassName("segments-view");

        Button create = new Button(getTranslation("segments.new"), VaadinIcon.PLUS.create(),
                e -> UI.getCurrent().navigate(SegmentDetailView.class, SegmentDetailView.NEW));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-segment");
        refreshAll.setText(getTranslation("segments.refreshAll"));
        refreshAll.setIcon(VaadinIcon.REFRESH.create());
        refreshAll.setId("refresh-all");
        refreshAll.setTooltipText(getTranslation("segments.refreshAll.help"));
        refreshAll.addClickListener(e -> {
            refreshJob.start();
            showProgress();
        });
        boolean canEdit = segments.canEdit();
        create.setVisible(canEdit);
        refreshAll.setVisible(canEdit);
        progressBar.setWidth("12em");
        progressBar.setVisible(false);
        progressText.addClassName("refresh-progress");
        progressText.setId("refresh-progress");

        grid.setId("segments-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(SegmentSummary::name).setHeader(getTranslation("segments.name")).setFlexGrow(2)
                .setSortable(true);
        grid.addColumn(s -> Formats.number(s.memberCount())).setHeader(getTranslation("segments.members"))
                .setTextAlign(ColumnTextAlign.END).setSortable(true)
                .setComparator(SegmentSummary::memberCount);
        grid.addComponentColumn(s -> {
            Span flag = new Span(s.noCorrespondence() ? getTranslation("segments.suppressed") : "");
            if (s.noCorrespondence()) {
                flag.getElement().getThemeList().add("badge error");
            }
            return flag;
        }).setHeader(getTranslation("segments.noCorrespondence"));
        grid.addColumn(s -> Formats.dateTime(s.updatedAt())).setHeader(getTranslation("segments.changed"));
        grid.addColumn(s -> Formats.relative(s.refreshedAt())).setHeader(getTranslation("segments.refreshed"));
        grid.addItemClickListener(e -> UI.getCurrent().navigate(SegmentDetailView.class, String.valueOf(e.getItem().id())));
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(
                s -> UI.getCurrent().navigate(SegmentDetailView.class, String.valueOf(s.id()))));
        grid.setSizeFull();

        HorizontalLayout toolbar = new HorizontalLayout(create, refreshAll, progressBar, progressText);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        add(toolbar, grid);
        grid.setItems(segments.list()); // a few dozen segments at most: the list is small by nature
        PollWhileAttached.install(this, this::showProgress); // the refresh runs in the background
    }

    private void showProgress() {
        FullRefreshJob.Progress p = refreshJob.progress();
        progressBar.setVisible(p.running());
        refreshAll.setEnabled(!p.running());
        if (p.total() > 0) {
            progressBar.setValue((double) p.done() / p.total());
        }
        if (p.running()) {
            progressText.setText(getTranslation("segments.refreshing", p.done(), p.total()));
        } else if (p.finishedAt() != null) {
            progressText.setText(p.error() == null
                    ? getTranslation("segments.refreshDone", p.total(), Formats.number(p.millis()))
                    : getTranslation("segments.refreshFailed", p.error()));
            grid.setItems(segments.list());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.segments") + " · " + getTranslation("app.name");
    }
}
