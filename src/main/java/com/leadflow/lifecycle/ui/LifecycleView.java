package com.leadflow.lifecycle.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.PollWhileAttached;
import com.leadflow.lifecycle.LifecycleRefreshJob;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.lifecycle.StageDefinition;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.ui.SegmentChoice;
import com.leadflow.segment.SegmentService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/**
 * The lifecycle stages in order, each with its entry rule and how many contacts are in it; MARKETING and ADMIN edit
 * the rules and re-apply them to every contact, everybody else reads.
 */
@Route(value = "lifecycle", layout = MainLayout.class)
@Menu(title = "nav.lifecycle", order = 40, icon = "vaadin:flight-takeoff")
@PermitAll
class LifecycleView extends VerticalLayout implements HasDynamicTitle {

    private final LifecycleService lifecycle;
    private final LifecycleRefreshJob refreshJob;
    private final FieldCatalogProvider catalogs;
    private final SegmentService segments;
    private final VerticalLayout stageList = new VerticalLayout();
    private final Button reapply = new Button();
    private final Span progressText = new Span();
    private boolean wasRunning;

    LifecycleView(LifecycleService lifecycle, LifecycleRefreshJob refreshJob, FieldCatalogProvider catalogs,
                  SegmentService segments) {
        this.lifecycle = lifecycle;
        this.refreshJob = refreshJob;
        this.catalogs = catalogs;
        this.segments = segments;
        addClassName("lifecycle-view");
        setWidthFull();

        reapply.setText(getTranslation("lifecycle.view.reapply"));
        reapply.setIcon(VaadinIcon.REFRESH.create());
        reapply.setId("lifecycle-reapply");
        reapply.setTooltipText(getTranslation("lifecycle.view.reapply.help"));
        reapply.setVisible(lifecycle.canEdit());
        reapply.addClickListener(e -> {
            refreshJob.start();
            showProgress();
        });
        progressText.setId("lifecycle-reapply-progress");
        HorizontalLayout toolbar = new HorizontalLayout(reapply, progressText);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);

        stageList.setPadding(false);
        stageList.setId("lifecycle-stages");
        add(new Paragraph(getTranslation("lifecycle.view.intro")), toolbar, stageList);
        showStages();
        PollWhileAttached.install(this, this::showProgress); // the refresh runs in the background
    }

    private void showStages() {
        stageList.removeAll();
        boolean editable = lifecycle.canEdit();
        FieldCatalog catalog = catalogs.forEditing(getLocale());
        List<SegmentChoice> choices = segments.list().stream().map(s -> new SegmentChoice(s.id(), s.name())).toList();
        List<StageDefinition> stages = lifecycle.stages();
        for (int i = 0; i < stages.size(); i++) {
            stageList.add(new StageCard(i + 1, i == 0, stages.get(i), editable, catalog, choices, lifecycle,
                    this::showStages));
        }
    }

    private void showProgress() {
        LifecycleRefreshJob.Progress p = refreshJob.progress();
        reapply.setEnabled(!p.running());
        if (p.running()) {
            progressText.setText(getTranslation("lifecycle.view.reapplying"));
            wasRunning = true;
        } else if (p.finishedAt() != null) {
            progressText.setText(p.error() == null
                    ? getTranslation("lifecycle.view.reapplyDone", Formats.number(p.moved()), Formats.number(p.millis()))
                    : getTranslation("lifecycle.view.reapplyFailed", p.error()));
            if (wasRunning) {
                wasRunning = false;
                showStages(); // the member counts changed
            }
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.lifecycle") + " · " + getTranslation("app.name");
    }
}
