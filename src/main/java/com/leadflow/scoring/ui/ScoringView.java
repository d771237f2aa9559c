package com.leadflow.scoring.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.ui.SegmentChoice;
import com.leadflow.scoring.ScoreGroup;
import com.leadflow.scoring.ScorePreview;
import com.leadflow.scoring.ScoringModel;
import com.leadflow.scoring.ScoringRule;
import com.leadflow.scoring.ScoringService;
import com.leadflow.segment.SegmentService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

import java.util.ArrayList;
import java.util.List;

/**
 * The scoring model: weighted fit and engagement rules, thresholds, decay and caps, a preview of the score
 * distribution with a backtest on won and lost contacts, and publishing. MARKETING and ADMIN edit; others read.
 */
@Route(value = "scoring", layout = MainLayout.class)
@Menu(title = "nav.scoring", order = 30, icon = "vaadin:star")
@PermitAll
class ScoringView extends VerticalLayout implements HasDynamicTitle {

    private final ScoringService scoring;
    private final FieldCatalog catalog;
    private final List<SegmentChoice> segments;
    private final boolean editable;
    private final RuleSummary summary;

    private final Span status = new Span();
    private final IntegerField warm = number("scoring-warm", "scoring.warm");
    private final IntegerField hot = number("scoring-hot", "scoring.hot");
    private final IntegerField mql = number("scoring-mql", "scoring.mql");
    private final IntegerField halfLife = number("scoring-half-life", "scoring.halfLife");
    private final IntegerField fitCap = number("scoring-fit-cap", "scoring.fitCap");
    private final IntegerField engagementCap = number("scoring-engagement-cap", "scoring.engagementCap");
    private final Grid<ScoringRule> rulesGrid = new Grid<>(ScoringRule.class, false);
    private final Div histogram = new Div();
    private final Span previewInfo = new Span();
    private final Grid<ScorePreview.Bucket> backtest = new Grid<>(ScorePreview.Bucket.class, false);
    private final Grid<ScorePreview.Band> bands = new Grid<>(ScorePreview.Band.class, false);
    private final Button discard = new Button();

    private ScoringModel model;
    private List<ScoringRule> rules = new ArrayList<>();

    ScoringView(ScoringService scoring, FieldCatalogProvider catalogs, SegmentService segmentService) {
        this.scoring = scoring;
        this.catalog = catalogs.forEditing(getLocale());
        this.segments = segmentService.list().stream().map(s -> new SegmentChoice(s.id(), s.name())).toList();
        this.editable = scoring.canEdit();
        this.summary = new RuleSummary(catalog, this::getTranslation);
        addClassName("scoring-view");

        status.setId("scoring-status");
        halfLife.setHelperText(getTranslation("scoring.halfLife.help"));
        fitCap.setHelperText(getTranslation("scoring.cap.help"));
        engagementCap.setHelperText(getTranslation("scoring.cap.help"));
        FormLayout settings = new FormLayout(warm, hot, mql, halfLife, fitCap, engagementCap);
        settings.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("40em", 3),
                new FormLayout.ResponsiveStep("60em", 6));
        List.of(warm, hot, mql, halfLife, fitCap, engagementCap).forEach(f -> f.setReadOnly(!editable));

        configureRules();
        Button addRule = new Button(getTranslation("scoring.rule.add"), VaadinIcon.PLUS.create(),
                e -> editRule(-1, new ScoringRule(null, ScoreGroup.FIT, null, 10, null)));
        addRule.setId("scoring-add-rule");
        addRule.setVisible(editable);

        Button save = new Button(getTranslation("scoring.saveDraft"), e -> saveDraft());
        save.setId("scoring-save");
        Button publish = new Button(getTranslation("scoring.publish"), e -> confirmPublish());
        publish.setId("scoring-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        discard.setText(getTranslation("scoring.discard"));
        discard.setId("scoring-discard");
        discard.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        discard.addClickListener(e -> {
            scoring.discardDraft();
            Notifications.success(getTranslation("scoring.discarded"));
            load();
        });
        save.setVisible(editable);
        publish.setVisible(editable);
        Button preview = new Button(getTranslation("scoring.preview"), VaadinIcon.BAR_CHART.create(), e -> preview());
        preview.setId("scoring-preview");
        preview.setTooltipText(getTranslation("scoring.preview.help"));
        HorizontalLayout buttons = new HorizontalLayout(publish, save, preview, discard);

        histogram.setId("score-histogram");
        histogram.addClassName("score-histogram");
        histogram.getStyle().set("display", "flex").set("align-items", "flex-end").set("gap", "2px")
                .set("height", "12em").set("border-bottom", "1px solid var(--lumo-contrast-30pct)")
                .set("overflow-x", "auto");
        previewInfo.setId("score-preview-info");
        configureBacktest();

        add(new H2(getTranslation("scoring.title")), status, new H3(getTranslation("scoring.settings")), settings,
                new H3(getTranslation("scoring.rules")), rulesGrid, addRule, buttons,
                new H3(getTranslation("scoring.distribution")), previewInfo, histogram,
                new H3(getTranslation("scoring.backtest")), new Span(getTranslation("scoring.backtest.help")), bands,
                backtest);
        load();
    }

    private IntegerField number(String id, String labelKey) {
        IntegerField field = new IntegerField(getTranslation(labelKey));
        field.setId(id);
        return field;
    }

    private void configureRules() {
        rulesGrid.setId("scoring-rules");
        rulesGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        rulesGrid.setAllRowsVisible(true);
        rulesGrid.addColumn(ScoringRule::name).setHeader(getTranslation("scoring.rule.name")).setFlexGrow(2);
        rulesGrid.addColumn(r -> getTranslation("scoring.group." + r.group().name()))
                .setHeader(getTranslation("scoring.rule.group"));
        rulesGrid.addColumn(r -> (r.points() > 0 ? "+" : "") + r.points())
                .setHeader(getTranslation("scoring.rule.points")).setTextAlign(ColumnTextAlign.END);
        rulesGrid.addColumn(r -> summary.of(r.rule())).setHeader(getTranslation("scoring.rule.condition"))
                .setFlexGrow(4);
        rulesGrid.addComponentColumn(r -> {
            int index = rules.indexOf(r);
            Button edit = new Button(editable ? VaadinIcon.EDIT.create() : VaadinIcon.EYE.create(),
                    e -> editRule(index, r));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            edit.setAriaLabel(getTranslation(editable ? "scoring.rule.edit" : "scoring.rule.view"));
            edit.addClassName("scoring-rule-edit");
            HorizontalLayout actions = new HorizontalLayout(edit);
            if (editable) {
                Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                    rules.remove(index);
                    rulesGrid.setItems(rules);
                });
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                remove.setAriaLabel(getTranslation("scoring.rule.remove"));
                remove.addClassName("scoring-rule-remove");
                actions.add(remove);
            }
            return actions;
        }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
    }

    private void configureBacktest() {
        bands.setId("score-backtest-bands");
        bands.addThemeVariants(GridVariant.LUMO_COMPACT);
        bands.setAllRowsVisible(true);
        bands.addColumn(b -> getTranslation("temperature." + b.temperature().name()))
                .setHeader(getTranslation("scoring.backtest.band"));
        bands.addColumn(b -> Formats.number(b.contacts())).setHeader(getTranslation("scoring.backtest.contacts"))
                .setTextAlign(ColumnTextAlign.END);
        bands.addColumn(b -> Formats.number(b.won())).setHeader(getTranslation("scoring.backtest.won"))
                .setTextAlign(ColumnTextAlign.END);
        bands.addColumn(b -> Formats.number(b.lost())).setHeader(getTranslation("scoring.backtest.lost"))
                .setTextAlign(ColumnTextAlign.END);
        bands.addColumn(b -> percent(b.conversion())).setHeader(getTranslation("scoring.backtest.conversion"))
                .setTextAlign(ColumnTextAlign.END);
        backtest.setId("score-backtest");
        backtest.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        backtest.setAllRowsVisible(true);
        backtest.addColumn(b -> b.from() + " … " + (b.from() + ScorePreview.BUCKET_SIZE - 1))
                .setHeader(getTranslation("scoring.backtest.band"));
        backtest.addColumn(b -> Formats.number(b.contacts())).setHeader(getTranslation("scoring.backtest.contacts"))
                .setTextAlign(ColumnTextAlign.END);
        backtest.addColumn(b -> Formats.number(b.won())).setHeader(getTranslation("scoring.backtest.won"))
                .setTextAlign(ColumnTextAlign.END);
        backtest.addColumn(b -> Formats.number(b.lost())).setHeader(getTranslation("scoring.backtest.lost"))
                .setTextAlign(ColumnTextAlign.END);
        backtest.addColumn(b -> percent(b.conversion())).setHeader(getTranslation("scoring.backtest.conversion"))
                .setTextAlign(ColumnTextAlign.END);
        bands.setVisible(false);
        backtest.setVisible(false);
    }

    private static String percent(Double share) {
        return share == null ? "—" : String.format(Formats.locale(), "%.0f %%", share * 100);
    }

    private void load() {
        model = scoring.current().orElse(null);
        if (model == null) {
            status.setText(getTranslation("scoring.noModel"));
            rules = new ArrayList<>();
            rulesGrid.setItems(rules);
            discard.setVisible(false);
            return;
        }
        status.setText(model.draft() ? getTranslation("scoring.status.draft")
                : getTranslation("scoring.status.published", Formats.dateTime(model.publishedAt()),
                        Formats.dateTime(model.refreshedAt())));
        warm.setValue(model.warmThreshold());
        hot.setValue(model.hotThreshold());
        mql.setValue(model.mqlThreshold());
        halfLife.setValue(model.halfLifeDays());
        fitCap.setValue(model.fitCap());
        engagementCap.setValue(model.engagementCap());
        rules = new ArrayList<>(model.rules());
        rulesGrid.setItems(rules);
        discard.setVisible(editable && model.draft());
    }

    private void editRule(int index, ScoringRule rule) {
        new ScoringRuleDialog(rule, catalog, segments, editable, edited -> {
            if (index < 0) {
                rules.add(edited);
            } else {
                rules.set(index, edited);
            }
            rulesGrid.setItems(rules);
        }).open();
    }

    /** The model as edited on screen; null (with the field marked) if a setting is missing. */
    private ScoringModel edited() {
        for (IntegerField required : List.of(warm, hot, mql, halfLife)) {
            if (required.getValue() == null) {
                required.setInvalid(true);
                required.setErrorMessage(getTranslation("scoring.valueRequired"));
                return null;
            }
        }
        ScoringModel base = model != null ? model
                : new ScoringModel(null, 0, true, 40, 70, 60, 30, null, null, null, null, List.of());
        return base.withSettings(warm.getValue(), hot.getValue(), mql.getValue(), halfLife.getValue(),
                fitCap.getValue(), engagementCap.getValue()).withRules(rules);
    }

    private void saveDraft() {
        ScoringModel edited = edited();
        if (edited == null) {
            return;
        }
        try {
            scoring.saveDraft(edited);
            Notifications.success(getTranslation("scoring.draftSaved"));
            load();
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
        } catch (OptimisticLockingFailureException e) {
            Notifications.error(getTranslation("scoring.changedMeanwhile"));
        }
    }

    private void confirmPublish() {
        ScoringModel edited = edited();
        if (edited == null) {
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("scoring.publish.title"));
        confirm.setText(getTranslation("scoring.publish.text"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("scoring.publish"));
        confirm.addConfirmListener(e -> publishInBackground(edited));
        confirm.open();
    }

    /**
     * Publishing re-scores every contact, which takes a minute at a million contacts: it runs on its own thread as
     * the current user, and the result is pushed to this screen when it is done.
     */
    private void publishInBackground(ScoringModel edited) {
        UI ui = UI.getCurrent();
        Notification running = Notifications.success(getTranslation("scoring.publishing"));
        running.setDuration(0);
        Thread.ofVirtual().name("scoring-publish").start(new DelegatingSecurityContextRunnable(() -> {
            String message;
            boolean ok = false;
            try {
                ScoringService.PublishResult result = scoring.publish(edited);
                message = ui.getTranslation("scoring.published", Formats.number(result.changedContacts()),
                        Formats.number(result.millis()));
                ok = true;
            } catch (ValidationFailedException ex) {
                message = ui.getTranslation(ex.messageKey(), ex.params());
            } catch (OptimisticLockingFailureException ex) {
                message = ui.getTranslation("scoring.changedMeanwhile");
            } catch (RuntimeException ex) {
                message = ui.getTranslation("error.unexpected");
            }
            String text = message;
            boolean success = ok;
            ui.access(() -> {
                running.close();
                if (success) {
                    Notifications.success(text);
                    load();
                } else {
                    Notifications.error(text);
                }
            });
        }));
    }

    /** Scores every contact with the model as edited (nothing is saved) and shows the histogram and backtest. */
    private void preview() {
        ScoringModel edited = edited();
        if (edited == null) {
            return;
        }
        ScorePreview preview;
        try {
            preview = scoring.preview(edited);
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
            return;
        }
        histogram.removeAll();
        long max = preview.buckets().stream().mapToLong(ScorePreview.Bucket::contacts).max().orElse(1);
        for (ScorePreview.Bucket bucket : preview.buckets()) {
            Div bar = new Div();
            bar.addClassName("score-bar");
            double height = Math.max(1, 100.0 * bucket.contacts() / Math.max(1, max));
            String tooltip = getTranslation("scoring.histogram.bar", bucket.from(),
                    bucket.from() + ScorePreview.BUCKET_SIZE - 1, Formats.number(bucket.contacts()));
            bar.getElement().setAttribute("title", tooltip);
            bar.getElement().setAttribute("aria-label", tooltip);
            bar.getStyle().set("height", String.format(java.util.Locale.ROOT, "%.1f%%", height))
                    .set("background", bucket.from() >= edited.hotThreshold() ? "var(--lumo-error-color)"
                            : bucket.from() >= edited.warmThreshold() ? "var(--lumo-warning-color, orange)"
                            : "var(--lumo-primary-color)")
                    .set("flex", "1 0 1.6em");
            Span label = new Span(String.valueOf(bucket.from()));
            label.getStyle().set("font-size", "var(--lumo-font-size-xxs)");
            Div column = new Div(bar, label);
            column.addClassName("score-bucket");
            column.getStyle().set("display", "flex").set("flex-direction", "column").set("justify-content", "flex-end")
                    .set("align-items", "center").set("height", "100%").set("min-width", "1.6em");
            bar.getStyle().set("width", "100%");
            histogram.add(column);
        }
        previewInfo.setText(getTranslation("scoring.preview.info", Formats.number(preview.contacts()),
                Formats.number(preview.millis())));
        bands.setItems(preview.temperatureBands());
        backtest.setItems(preview.buckets().stream().filter(b -> b.won() + b.lost() > 0).toList());
        bands.setVisible(true);
        backtest.setVisible(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("scoring.title") + " · " + getTranslation("app.name");
    }

}
