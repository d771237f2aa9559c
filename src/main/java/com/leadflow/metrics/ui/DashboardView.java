package com.leadflow.metrics.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.campaign.CampaignService;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.metrics.MetricsFilter;
import com.leadflow.metrics.MetricsReport;
import com.leadflow.metrics.MetricsReport.*;
import com.leadflow.metrics.MetricsService;
import com.leadflow.security.TeamSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.security.UserSummary;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The executive dashboard: KPI tiles, the funnel (bars drill down to the contact list), lifecycle entries, win
 * rates by source and channel, campaigns with cost per lead and customer, time in stage and stuck contacts, speed to
 * lead, lost-lead comeback and trends, for a chosen period and filters. Every chart has its table and CSV export.
 */
@Route(value = "dashboard", layout = MainLayout.class)
@Menu(title = "metrics.nav.dashboard", order = 1, icon = "vaadin:dashboard")
@PermitAll
class DashboardView extends VerticalLayout implements HasDynamicTitle {

    private final MetricsService metrics;
    private final Clock clock;

    final Select<DashboardPeriod> period = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final ComboBox<TeamSummary> team = new ComboBox<>();
    final ComboBox<UserSummary> owner = new ComboBox<>();
    final ComboBox<FirstTouchSource> source = new ComboBox<>();
    final ComboBox<String> campaign = new ComboBox<>();
    final ComboBox<SegmentSummary> segment = new ComboBox<>();
    final Select<TrendGrain> grain = new Select<>();
    private final Paragraph freshness = new Paragraph();
    private final Div tiles = new Div();

    final ChartPanel funnelPanel;
    final ChartPanel lifecyclePanel;
    final ChartPanel sourcePanel;
    final ChartPanel channelPanel;
    final ChartPanel campaignPanel;
    final ChartPanel timePanel;
    final ChartPanel stuckPanel;
    final ChartPanel speedPanel;
    final ChartPanel comebackPanel;
    final ChartPanel ratesTrendPanel;
    final ChartPanel volumeTrendPanel;

    private MetricsReport report;

    DashboardView(MetricsService metrics, UserAccountService users, CampaignService campaigns,
                  SegmentService segments, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        addClassName("metrics-dashboard");
        setWidthFull();

        funnelPanel = new ChartPanel("metrics-funnel", getTranslation("metrics.funnel.title"), "funnel");
        lifecyclePanel = new ChartPanel("metrics-lifecycle", getTranslation("metrics.lifecycle.title"), "lifecycle");
        sourcePanel = new ChartPanel("metrics-by-source", getTranslation("metrics.bySource.title"), "win-rate-by-source");
        channelPanel = new ChartPanel("metrics-by-channel", getTranslation("metrics.byChannel.title"), "win-rate-by-channel");
        campaignPanel = new ChartPanel("metrics-campaigns", getTranslation("metrics.campaigns.title"), "campaigns");
        timePanel = new ChartPanel("metrics-time-in-stage", getTranslation("metrics.time.title"), "time-in-stage");
        stuckPanel = new ChartPanel("metrics-stuck", getTranslation("metrics.stuck.title"), "stuck-contacts");
        speedPanel = new ChartPanel("metrics-speed", getTranslation("metrics.speed.title"), "speed-to-lead");
        comebackPanel = new ChartPanel("metrics-comeback", getTranslation("metrics.comeback.title"), "lost-lead-comeback");
        ratesTrendPanel = new ChartPanel("metrics-rates-trend", getTranslation("metrics.trend.rates.title"), "rate-trends");
        volumeTrendPanel = new ChartPanel("metrics-volume-trend", getTranslation("metrics.trend.volume.title"), "volume-trends");
        stuckPanel.setShowingTable(true);

        configureFilters(users, campaigns, segments);
        HorizontalLayout filters = new HorizontalLayout(period, from, to, team, owner, source, campaign, segment, grain);
        filters.setWrap(true);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("metrics-filters");
        freshness.addClassName("metrics-freshness");
        freshness.setId("metrics-freshness");
        Button recompute = new Button(getTranslation("metrics.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        recompute.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        recompute.setId("metrics-refresh");
        recompute.addClickShortcut(Key.KEY_R, KeyModifier.ALT);
        Button refreshNow = new Button(getTranslation("metrics.refreshNow"), VaadinIcon.REFRESH.create(),
                e -> refreshSummaryNow());
        refreshNow.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        refreshNow.setId("metrics-refresh-now");
        refreshNow.setTooltipText(getTranslation("metrics.refreshNow.hint"));
        HorizontalLayout status = new HorizontalLayout(freshness, recompute, refreshNow);
        status.setAlignItems(FlexComponent.Alignment.BASELINE);
        tiles.addClassName("metrics-tiles");
        tiles.setId("metrics-tiles");

        Div grid = new Div(funnelPanel, lifecyclePanel, ratesTrendPanel, volumeTrendPanel, sourcePanel, channelPanel,
                campaignPanel, timePanel, stuckPanel, speedPanel, comebackPanel);
        grid.addClassName("metrics-panels");
        add(filters, status, tiles, grid);
        refresh();
    }

    private void configureFilters(UserAccountService users, CampaignService campaigns, SegmentService segments) {
        period.setItems(DashboardPeriod.values());
        period.setItemLabelGenerator(p -> getTranslation("metrics.period." + p.name()));
        period.setLabel(getTranslation("metrics.period"));
        period.setValue(DashboardPeriod.THIS_QUARTER);
        period.setId("metrics-period");
        from.setLabel(getTranslation("metrics.from"));
        to.setLabel(getTranslation("metrics.to"));
        from.setId("metrics-from");
        to.setId("metrics-to");
        from.setLocale(getLocale());
        to.setLocale(getLocale());
        applyPeriodDates();

        Long fixedTeam = metrics.fixedTeam();
        List<TeamSummary> teams = users.listTeams();
        List<UserSummary> people = users.listUsers().stream()
                .filter(u -> fixedTeam == null || fixedTeam.equals(u.teamId())).toList();
        combo(team, "metrics.filter.team", teams, TeamSummary::name, "metrics-team");
        combo(owner, "metrics.filter.owner", people, UserSummary::displayName, "metrics-owner");
        combo(source, "metrics.filter.source", List.of(FirstTouchSource.values()),
                s -> getTranslation("source." + s.name()), "metrics-source");
        combo(campaign, "metrics.filter.campaign", campaigns.names(), c -> c, "metrics-campaign");
        combo(segment, "metrics.filter.segment", segments.list(), SegmentSummary::name, "metrics-segment");
        if (fixedTeam != null) {
            // a sales rep's figures are their team's: the filter shows it and cannot widen it
            teams.stream().filter(t -> t.id() == fixedTeam).findFirst().ifPresent(team::setValue);
            team.setReadOnly(true);
        }
        grain.setItems(TrendGrain.values());
        grain.setEmptySelectionAllowed(true);
        grain.setEmptySelectionCaption(getTranslation("metrics.grain.auto"));
        grain.setItemLabelGenerator(g -> g == null ? getTranslation("metrics.grain.auto")
                : getTranslation("metrics.grain." + g.name()));
        grain.setLabel(getTranslation("metrics.grain"));
        grain.setId("metrics-grain");

        period.addValueChangeListener(e -> {
            applyPeriodDates();
            refresh();
        });
        from.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                period.setValue(DashboardPeriod.CUSTOM);
            }
            refresh();
        });
        to.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                period.setValue(DashboardPeriod.CUSTOM);
            }
            refresh();
        });
        List.of(team, owner, source, campaign, segment).forEach(c -> c.addValueChangeListener(e -> refresh()));
        grain.addValueChangeListener(e -> refresh());
    }

    private <T> void combo(ComboBox<T> combo, String labelKey, List<T> items, ItemLabelGenerator<T> label, String id) {
        combo.setItems(items);
        combo.setItemLabelGenerator(label);
        combo.setLabel(getTranslation(labelKey));
        combo.setPlaceholder(getTranslation("metrics.filter.all"));
        combo.setClearButtonVisible(true);
        combo.setId(id);
        combo.setWidth("12em");
    }

    private boolean applyingDates;

    private void applyPeriodDates() {
        LocalDate[] range = period.getValue() == null ? null : period.getValue().range(LocalDate.ofInstant(clock.instant(), zone()));
        if (range != null) {
            applyingDates = true;
            try {
                from.setValue(range[0]);
                to.setValue(range[1].minusDays(1)); // the picker shows the last day, inclusive
            } finally {
                applyingDates = false;
            }
        }
    }

    /** The filter the controls describe; the period's end date is inclusive on screen, exclusive in the query. */
    MetricsFilter currentFilter() {
        if (from.getValue() == null || to.getValue() == null) {
            throw new ValidationFailedException("metrics.periodRequired");
        }
        ZoneId zone = zone();
        return new MetricsFilter(from.getValue().atStartOfDay(zone).toInstant(),
                to.getValue().plusDays(1).atStartOfDay(zone).toInstant(),
                team.getValue() == null ? null : team.getValue().id(),
                owner.getValue() == null ? null : owner.getValue().id(), source.getValue(), campaign.getValue(),
                segment.getValue() == null ? null : segment.getValue().id());
    }

    void refresh() {
        if (applyingDates) {
            return;
        }
        try {
            report = metrics.report(currentFilter(), grain.getValue());
        } catch (ValidationFailedException e) {
            freshness.setText(getTranslation(e.messageKey(), e.params()));
            freshness.addClassName("metrics-error");
            return;
        }
        freshness.removeClassName("metrics-error");
        freshness.setText(report.live()
                ? getTranslation("metrics.freshness.live", time(report.computedAt()))
                : getTranslation("metrics.freshness.summary", time(report.summaryAsOf())));
        showTiles();
        showFunnel();
        showLifecycle();
        showWinRates(sourcePanel, report.winRateBySource(), k -> k == null ? getTranslation("metrics.none")
                : getTranslation("source." + k));
        showWinRates(channelPanel, report.winRateByChannel(), k -> k == null ? getTranslation("metrics.noCampaign")
                : getTranslation("metrics.channel." + k));
        showCampaigns();
        showTimeInStage();
        showStuck();
        showSpeed();
        showComeback();
        showTrends();
    }

    MetricsReport report() {
        return report;
    }

    /** "Figures as of HH:MM": the time in the user's zone, with the date when it is not today. */
    private String time(java.time.Instant instant) {
        boolean today = LocalDate.ofInstant(instant, zone()).equals(LocalDate.ofInstant(clock.instant(), zone()));
        DateTimeFormatter format = today ? DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);
        return format.withLocale(getLocale()).withZone(zone()).format(instant);
    }

    /** Brings the summary up to date (the days that changed) and shows the new figures. */
    void refreshSummaryNow() {
        MetricsService.RefreshOutcome outcome = metrics.refreshSummary();
        refresh();
        if (!outcome.ran()) {
            freshness.setText(freshness.getText() + " " + getTranslation("metrics.refreshNow.busy"));
        }
    }

    // ---- tiles

    private void showTiles() {
        tiles.removeAll();
        Headline h = report.headline();
        SpeedToLead speed = report.speedToLead();
        boolean history = report.sources().funnelHistory();
        tiles.add(tile("new-leads", "metrics.kpi.newLeads", number(h.newLeads()), null));
        tiles.add(tile("wins", "metrics.kpi.wins", history ? number(h.wins()) : dash(),
                history ? null : getTranslation("metrics.noFunnelHistory.short")));
        tiles.add(tile("leads-per-sale", "metrics.kpi.leadsPerSale", decimal(h.leadsPerSale()),
                getTranslation("metrics.kpi.leadsPerSale.hint")));
        tiles.add(tile("qualified-to-won", "metrics.kpi.qualifiedToWon", percent(h.qualifiedToWon()),
                getTranslation("metrics.kpi.qualifiedToWon.hint")));
        tiles.add(tile("win-rate", "metrics.kpi.winRate", percent(h.winRate()),
                getTranslation("metrics.kpi.winRate.hint")));
        tiles.add(tile("speed", "metrics.kpi.speed", speed.medianMinutes() == null ? dash()
                : minutes(speed.medianMinutes()), report.sources().slaClocks() ? null
                : getTranslation("metrics.noSla.short")));
        tiles.add(tile("within-sla", "metrics.kpi.withinSla", percent(speed.withinSla()), null));
    }

    private Component tile(String id, String labelKey, String value, String hint) {
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("metrics-tile-label");
        Span number = new Span(value);
        number.addClassName("metrics-tile-value");
        Div tile = new Div(label, number);
        if (hint != null) {
            Span small = new Span(hint);
            small.addClassName("metrics-tile-hint");
            tile.add(small);
        }
        tile.addClassName("metrics-tile");
        tile.setId("metrics-tile-" + id);
        return tile;
    }

    // ---- panels

    private void showFunnel() {
        if (!report.sources().funnelHistory()) {
            funnelPanel.showEmpty(getTranslation("metrics.noFunnelHistory"));
            return;
        }
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (StageEntries s : report.funnel()) {
            String name = getTranslation("funnel." + s.stage());
            String conversion = s.nextStage() == null ? "" : percent(s.conversionToNext());
            String link = drillDown(s.stage());
            bars.add(new SvgChart.Bar(name, s.entered(), number(s.entered()),
                    getTranslation("metrics.funnel.hover", name, number(s.entered()), conversion.isEmpty() ? dash() : conversion),
                    link));
            rows.add(List.of(name, number(s.entered()), s.nextStage() == null ? "" : getTranslation("funnel." + s.nextStage()),
                    conversion));
            links.add(link);
        }
        funnelPanel.show(SvgChart.funnel(bars, getTranslation("metrics.funnel.title")),
                new TableData(List.of(getTranslation("metrics.col.stage"), getTranslation("metrics.col.entered"),
                        getTranslation("metrics.col.nextStage"), getTranslation("metrics.col.conversion")), rows, links));
        funnelPanel.setNote(getTranslation("metrics.funnel.note"));
    }

    private void showLifecycle() {
        if (!report.sources().lifecycleHistory()) {
            lifecyclePanel.showEmpty(getTranslation("metrics.noLifecycleHistory"));
            return;
        }
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (StageEntries s : report.lifecycle()) {
            String name = getTranslation("lifecycle." + s.stage());
            String conversion = s.nextStage() == null ? "" : percent(s.conversionToNext());
            String link = drillDown("enteredLifecycle", s.stage());
            bars.add(new SvgChart.Bar(name, s.entered(), number(s.entered()),
                    getTranslation("metrics.funnel.hover", name, number(s.entered()), conversion.isEmpty() ? dash() : conversion),
                    link));
            rows.add(List.of(name, number(s.entered()),
                    s.nextStage() == null ? "" : getTranslation("lifecycle." + s.nextStage()), conversion));
            links.add(link);
        }
        lifecyclePanel.show(SvgChart.funnel(bars, getTranslation("metrics.lifecycle.title")),
                new TableData(List.of(getTranslation("metrics.col.stage"), getTranslation("metrics.col.entered"),
                        getTranslation("metrics.col.nextStage"), getTranslation("metrics.col.conversion")), rows, links));
    }

    private void showWinRates(ChartPanel panel, List<WinRate> rates, Function<String, String> label) {
        if (!report.sources().funnelHistory()) {
            panel.showEmpty(getTranslation("metrics.noFunnelHistory"));
            return;
        }
        if (rates.isEmpty()) {
            panel.showEmpty(getTranslation("metrics.noClosedDeals"));
            return;
        }
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (WinRate r : rates) {
            String name = label.apply(r.key());
            bars.add(new SvgChart.Bar(name, r.rate() == null ? 0 : r.rate(), percent(r.rate()),
                    getTranslation("metrics.winRate.hover", name, number(r.won()), number(r.lost()), percent(r.rate())),
                    null));
            rows.add(List.of(name, number(r.won()), number(r.lost()), percent(r.rate())));
        }
        panel.show(SvgChart.bars(bars, getTranslation("metrics.kpi.winRate")),
                new TableData(List.of(getTranslation("metrics.col.group"), getTranslation("metrics.col.won"),
                        getTranslation("metrics.col.lost"), getTranslation("metrics.col.winRate")), rows));
    }

    private void showCampaigns() {
        if (!report.sources().campaigns()) {
            campaignPanel.showEmpty(getTranslation("metrics.noCampaigns"));
            return;
        }
        if (report.campaigns().isEmpty()) {
            campaignPanel.showEmpty(getTranslation("metrics.noCampaignsInPeriod"));
            return;
        }
        boolean costs = report.sources().costsVisible();
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (CampaignFigures c : report.campaigns()) {
            String perCustomer = costs ? money(c.costPerCustomer()) : "";
            bars.add(new SvgChart.Bar(c.name(), c.leads(),
                    getTranslation("metrics.campaigns.barLabel", number(c.leads()), number(c.customers())),
                    getTranslation("metrics.campaigns.hover", c.name(), number(c.leads()), number(c.mqls()),
                            number(c.customers()), costs ? money(c.costPerLead()) : dash(), costs ? perCustomer : dash()),
                    null));
            List<String> row = new ArrayList<>(List.of(c.name(), getTranslation("metrics.channel." + c.channel().name()),
                    Formats.date(c.startsOn().atStartOfDay(zone()).toInstant()),
                    c.endsOn() == null ? "" : Formats.date(c.endsOn().atStartOfDay(zone()).toInstant()),
                    number(c.leads()), number(c.mqls()), number(c.customers())));
            if (costs) {
                row.addAll(List.of(money(c.cost()), money(c.costPerLead()), money(c.costPerCustomer())));
            }
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of(getTranslation("metrics.col.campaign"),
                getTranslation("metrics.col.channel"), getTranslation("metrics.col.starts"),
                getTranslation("metrics.col.ends"), getTranslation("metrics.col.leads"),
                getTranslation("metrics.col.mqls"), getTranslation("metrics.col.customers")));
        if (costs) {
            headers.addAll(List.of(getTranslation("metrics.col.cost"), getTranslation("metrics.col.costPerLead"),
                    getTranslation("metrics.col.costPerCustomer")));
        }
        campaignPanel.show(SvgChart.bars(bars, getTranslation("metrics.campaigns.title")), new TableData(headers, rows));
        campaignPanel.setNote(getTranslation(costs ? "metrics.campaigns.note" : "metrics.campaigns.noteNoCosts"));
    }

    private void showTimeInStage() {
        if (!report.sources().funnelHistory()) {
            timePanel.showEmpty(getTranslation("metrics.noFunnelHistory"));
            return;
        }
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (StageTime t : report.timeInStage()) {
            String name = getTranslation("funnel." + t.stage());
            String median = t.stays() == 0 ? dash() : hours(t.medianHours());
            String p90 = t.stays() == 0 ? dash() : hours(t.p90Hours());
            bars.add(new SvgChart.Bar(name, t.medianHours(), t.stays() == 0 ? dash()
                    : getTranslation("metrics.time.barLabel", median, p90),
                    getTranslation("metrics.time.hover", name, number(t.stays()), median, p90), null));
            rows.add(List.of(name, number(t.stays()), median, p90));
        }
        timePanel.show(SvgChart.bars(bars, getTranslation("metrics.time.title")),
                new TableData(List.of(getTranslation("metrics.col.stage"), getTranslation("metrics.col.stays"),
                        getTranslation("metrics.col.median"), getTranslation("metrics.col.p90")), rows));
        timePanel.setNote(getTranslation("metrics.time.note"));
    }

    private void showStuck() {
        if (!report.sources().funnelHistory()) {
            stuckPanel.showEmpty(getTranslation("metrics.noFunnelHistory"));
            return;
        }
        if (report.stuck().isEmpty()) {
            stuckPanel.showEmpty(getTranslation("metrics.stuck.none"));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (StuckContact s : report.stuck()) {
            rows.add(List.of(s.name(), Objects.requireNonNullElse(s.company(), ""),
                    Objects.requireNonNullElse(s.ownerName(), ""), getTranslation("funnel." + s.stage()),
                    Formats.date(s.since()), hours((clock.millis() - s.since().toEpochMilli()) / 3_600_000.0),
                    hours(s.thresholdHours())));
            links.add("contacts/" + s.contactId());
        }
        stuckPanel.show("", new TableData(List.of(getTranslation("metrics.col.contact"),
                getTranslation("metrics.col.company"), getTranslation("metrics.col.owner"),
                getTranslation("metrics.col.stage"), getTranslation("metrics.col.since"),
                getTranslation("metrics.col.inStage"), getTranslation("metrics.col.usual")), rows, links));
        stuckPanel.setShowingTable(true);
        stuckPanel.setNote(getTranslation("metrics.stuck.note"));
    }

    private void showSpeed() {
        if (!report.sources().slaClocks()) {
            speedPanel.showEmpty(getTranslation("metrics.noSla"));
            return;
        }
        SpeedToLead s = report.speedToLead();
        if (s.clocks() == 0) {
            speedPanel.showEmpty(getTranslation("metrics.speed.none"));
            return;
        }
        long late = s.answered() - s.answeredInTime();
        long running = s.clocks() - s.answered() - s.overdueUnanswered();
        List<SvgChart.Bar> bars = List.of(
                new SvgChart.Bar(getTranslation("metrics.speed.inTime"), s.answeredInTime(), number(s.answeredInTime()),
                        getTranslation("metrics.speed.inTime") + ": " + number(s.answeredInTime()), null),
                new SvgChart.Bar(getTranslation("metrics.speed.late"), late, number(late),
                        getTranslation("metrics.speed.late") + ": " + number(late), null),
                new SvgChart.Bar(getTranslation("metrics.speed.overdue"), s.overdueUnanswered(),
                        number(s.overdueUnanswered()),
                        getTranslation("metrics.speed.overdue") + ": " + number(s.overdueUnanswered()), null),
                new SvgChart.Bar(getTranslation("metrics.speed.running"), running, number(running),
                        getTranslation("metrics.speed.running") + ": " + number(running), null));
        List<List<String>> rows = new ArrayList<>();
        for (SvgChart.Bar b : bars) {
            rows.add(List.of(b.label(), b.valueLabel()));
        }
        rows.add(List.of(getTranslation("metrics.kpi.speed"), s.medianMinutes() == null ? dash() : minutes(s.medianMinutes())));
        rows.add(List.of(getTranslation("metrics.kpi.withinSla"), percent(s.withinSla())));
        speedPanel.show(SvgChart.bars(bars, getTranslation("metrics.speed.title")),
                new TableData(List.of(getTranslation("metrics.col.figure"), getTranslation("metrics.col.value")), rows));
        speedPanel.setNote(getTranslation("metrics.speed.note"));
    }

    private void showComeback() {
        if (!report.sources().funnelHistory()) {
            comebackPanel.showEmpty(getTranslation("metrics.noFunnelHistory"));
            return;
        }
        Comeback c = report.comeback();
        if (c.lost() == 0) {
            comebackPanel.showEmpty(getTranslation("metrics.comeback.none"));
            return;
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put(getTranslation("metrics.comeback.lost"), c.lost());
        figures.put(getTranslation("metrics.comeback.reengaged"), c.reengagedAfterThreeMonths());
        figures.put(getTranslation("metrics.comeback.reentered"), c.reenteredFunnel());
        figures.put(getTranslation("metrics.comeback.won"), c.won());
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        figures.forEach((name, value) -> {
            String share = percent(MetricsShare.of(value, c.lost()));
            bars.add(new SvgChart.Bar(name, value, number(value) + " · " + share, name + ": " + number(value) + " (" + share + ")", null));
            rows.add(List.of(name, number(value), share));
        });
        comebackPanel.show(SvgChart.bars(bars, getTranslation("metrics.comeback.title")),
                new TableData(List.of(getTranslation("metrics.col.figure"), getTranslation("metrics.col.contacts"),
                        getTranslation("metrics.col.shareOfLost")), rows));
        comebackPanel.setNote(getTranslation("metrics.comeback.note"));
    }

    private void showTrends() {
        List<TrendPoint> trend = report.trend();
        DateTimeFormatter bucketFormat = report.grain() == TrendGrain.WEEK
                ? DateTimeFormatter.ofPattern("d MMM", getLocale()) : DateTimeFormatter.ofPattern("LLL yyyy", getLocale());
        List<String> buckets = trend.stream().map(p -> bucketFormat.format(p.start())).toList();
        List<SvgChart.Series> rates = List.of(
                new SvgChart.Series(getTranslation("metrics.kpi.winRate"), trend.stream().map(TrendPoint::winRate).toList()),
                new SvgChart.Series(getTranslation("metrics.kpi.qualifiedToWon"),
                        trend.stream().map(TrendPoint::qualifiedToWon).toList()));
        List<SvgChart.Series> volumes = List.of(
                new SvgChart.Series(getTranslation("metrics.kpi.newLeads"), trend.stream().map(p -> (double) p.newLeads()).toList()),
                new SvgChart.Series(getTranslation("metrics.col.sqls"), trend.stream().map(p -> (double) p.sqls()).toList()),
                new SvgChart.Series(getTranslation("metrics.kpi.wins"), trend.stream().map(p -> (double) p.wins()).toList()));
        List<List<String>> rateRows = new ArrayList<>();
        List<List<String>> volumeRows = new ArrayList<>();
        for (int i = 0; i < trend.size(); i++) {
            TrendPoint p = trend.get(i);
            rateRows.add(List.of(buckets.get(i), percent(p.winRate()), percent(p.qualifiedToWon()), decimal(p.leadsPerSale())));
            volumeRows.add(List.of(buckets.get(i), number(p.newLeads()), number(p.sqls()), number(p.wins()), number(p.losses())));
        }
        if (!report.sources().funnelHistory()) {
            ratesTrendPanel.showEmpty(getTranslation("metrics.noFunnelHistory"));
        } else {
            ratesTrendPanel.show(SvgChart.lines(buckets, rates, getTranslation("metrics.trend.rates.title"), this::percent),
                    new TableData(List.of(getTranslation("metrics.col.period"), getTranslation("metrics.kpi.winRate"),
                            getTranslation("metrics.kpi.qualifiedToWon"), getTranslation("metrics.kpi.leadsPerSale")),
                            rateRows));
        }
        volumeTrendPanel.show(SvgChart.lines(buckets, volumes, getTranslation("metrics.trend.volume.title"),
                        v -> number(Math.round(v))),
                new TableData(List.of(getTranslation("metrics.col.period"), getTranslation("metrics.kpi.newLeads"),
                        getTranslation("metrics.col.sqls"), getTranslation("metrics.kpi.wins"),
                        getTranslation("metrics.col.lost")), volumeRows));
    }

    // ---- drill-down

    /** The contact list, narrowed to the contacts who entered the stage in the period under the same filters. */
    String drillDown(String stage) {
        return drillDown("entered", stage);
    }

    /** The same for a funnel stage ({@code entered}) or a lifecycle stage ({@code enteredLifecycle}). */
    String drillDown(String kind, String stage) {
        MetricsFilter f = report.filter();
        Map<String, String> params = new LinkedHashMap<>();
        params.put(kind, stage);
        params.put("from", f.from().toString());
        params.put("to", f.to().toString());
        Long fixedTeam = metrics.fixedTeam();
        Long teamId = f.teamId() != null ? f.teamId() : fixedTeam;
        if (teamId != null) {
            params.put("team", teamId.toString());
        }
        if (f.ownerId() != null) {
            params.put("owner", f.ownerId().toString());
        }
        if (f.source() != null) {
            params.put("source", f.source().name());
        }
        if (f.campaign() != null) {
            params.put("campaign", f.campaign());
        }
        if (f.segmentId() != null) {
            params.put("segment", f.segmentId().toString());
        }
        return "contacts?" + QueryParameters.simple(params).getQueryString();
    }

    // ---- formats

    private ZoneId zone() {
        return Formats.zone();
    }

    private String number(long n) {
        return NumberFormat.getIntegerInstance(getLocale()).format(n);
    }

    private String decimal(Double value) {
        if (value == null) {
            return dash();
        }
        NumberFormat f = NumberFormat.getNumberInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(value);
    }

    String percent(Double value) {
        if (value == null) {
            return dash();
        }
        NumberFormat f = NumberFormat.getPercentInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(value);
    }

    private String percent(double value) {
        return percent(Double.valueOf(value));
    }

    private String money(BigDecimal value) {
        if (value == null) {
            return dash();
        }
        NumberFormat f = NumberFormat.getNumberInstance(getLocale());
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(value);
    }

    private String hours(double hours) {
        return hours >= 48 ? getTranslation("metrics.unit.days", decimal(hours / 24))
                : getTranslation("metrics.unit.hours", decimal(hours));
    }

    private String minutes(double minutes) {
        return minutes >= 120 ? getTranslation("metrics.unit.hours", decimal(minutes / 60))
                : getTranslation("metrics.unit.minutes", decimal(minutes));
    }

    private static String dash() {
        return "–";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("metrics.nav.dashboard") + " · " + getTranslation("app.name");
    }

    /** A share of a whole, null when the whole is zero. */
    private static final class MetricsShare {
        static Double of(long part, long whole) {
            return whole == 0 ? null : (double) part / whole;
        }
    }
}
