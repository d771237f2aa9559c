package com.leadflow.routing.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.routing.ContactRoutedEvent;
import com.leadflow.routing.QueuedLead;
import com.leadflow.routing.RepSettings;
import com.leadflow.routing.RoutingRule;
import com.leadflow.routing.RoutingService;
import com.leadflow.routing.RoutingSettings;
import com.leadflow.routing.TeamManager;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.ui.SegmentChoice;
import com.leadflow.security.TeamSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.security.UserSummary;
import com.leadflow.segment.SegmentService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Routing: the ordered rules (first match wins, the default last), each rep's weight, capacity, away switch and
 * working hours, team managers, the unassigned queue (live), and the SLA and business-hours settings. MARKETING and
 * ADMIN edit rules and settings, ADMIN edits reps and managers, a rep switches their own "away"; everybody reads.
 */
@Route(value = "routing", layout = MainLayout.class)
@Menu(title = "nav.routing", order = 60, icon = "vaadin:split")
@PermitAll
class RoutingView extends VerticalLayout implements HasDynamicTitle {

    private final RoutingService routing;
    private final FieldCatalog catalog;
    private final List<SegmentChoice> segments;
    private final List<TeamSummary> teams;
    private final Map<Long, String> teamNames;
    private final List<UserSummary> users;
    private final boolean editRules;
    private final boolean editReps;

    final Grid<RoutingRule> rules = new Grid<>(RoutingRule.class, false);
    final Grid<RepSettings> reps = new Grid<>(RepSettings.class, false);
    final Grid<TeamManager> managers = new Grid<>(TeamManager.class, false);
    final Grid<QueuedLead> queue = new Grid<>(QueuedLead.class, false);
    final Span queueCount = new Span();
    final TabSheet tabs = new TabSheet();

    RoutingView(RoutingService routing, FieldCatalogProvider catalogs, SegmentService segmentService,
                UserAccountService accounts, LiveUpdates live) {
        this.routing = routing;
        this.catalog = catalogs.current();
        this.segments = segmentService.list().stream().map(s -> new SegmentChoice(s.id(), s.name())).toList();
        this.teams = accounts.listTeams();
        this.teamNames = teams.stream().collect(Collectors.toMap(TeamSummary::id, TeamSummary::name));
        this.users = accounts.listUsers();
        this.editRules = routing.canEditRules();
        this.editReps = routing.canEditReps();
        addClassName("routing-view");

        add(new H2(getTranslation("routing.title")));
        tabs.setWidthFull();
        tabs.add(getTranslation("routing.tab.rules"), rulesTab()).setId("routing-tab-rules");
        tabs.add(getTranslation("routing.tab.reps"), repsTab()).setId("routing-tab-reps");
        tabs.add(getTranslation("routing.tab.queue"), queueTab()).setId("routing-tab-queue");
        tabs.add(getTranslation("routing.tab.settings"), new SettingsForm()).setId("routing-tab-settings");
        add(tabs);
        live.follow(this, ContactRoutedEvent.class, e -> refreshQueue());
        loadRules();
        loadReps();
        refreshQueue();
    }

    // ---- rules ----

    private VerticalLayout rulesTab() {
        Span help = new Span(getTranslation("routing.rules.help"));
        help.addClassName("routing-muted");
        rules.setId("routing-rules");
        rules.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        rules.setAllRowsVisible(true);
        rules.addColumn(RoutingRule::name).setHeader(getTranslation("routing.rule.name")).setFlexGrow(2);
        rules.addColumn(this::conditionSummary).setHeader(getTranslation("routing.rules.conditions")).setFlexGrow(3);
        rules.addColumn(this::targetSummary).setHeader(getTranslation("routing.rule.target")).setFlexGrow(2);
        rules.addColumn(r -> r.slaMinutes() == null ? getTranslation("routing.rules.slaByTemperature")
                : getTranslation("routing.duration.minutes", r.slaMinutes())
                        + (r.rerouteOnBreach() ? " · " + getTranslation("routing.rules.reroutes") : ""))
                .setHeader(getTranslation("routing.rules.sla")).setFlexGrow(1);
        rules.addColumn(r -> getTranslation(r.enabled() || r.isDefault() ? "routing.rules.on" : "routing.rules.off"))
                .setHeader(getTranslation("routing.rule.enabled")).setAutoWidth(true).setFlexGrow(0);
        rules.addComponentColumn(this::ruleActions).setAutoWidth(true).setFlexGrow(0);
        rules.addItemDoubleClickListener(e -> editRule(e.getItem()));

        Button add = new Button(getTranslation("routing.rule.add"), VaadinIcon.PLUS.create(),
                e -> editRule(new RoutingRule(null, null, true, false, null, null, null, null, null, null, null, null,
                        false, 0)));
        add.setId("routing-add-rule");
        add.setVisible(editRules);
        VerticalLayout tab = new VerticalLayout(help, add, rules);
        tab.setPadding(false);
        return tab;
    }

    private HorizontalLayout ruleActions(RoutingRule rule) {
        Button edit = icon(VaadinIcon.EDIT, editRules ? "routing.rule.edit" : "routing.rule.view", e -> editRule(rule));
        HorizontalLayout actions = new HorizontalLayout(edit);
        actions.setSpacing(false);
        if (editRules && !rule.isDefault()) {
            actions.add(icon(VaadinIcon.ARROW_UP, "routing.rule.up", e -> move(rule, -1)),
                    icon(VaadinIcon.ARROW_DOWN, "routing.rule.down", e -> move(rule, 1)),
                    icon(VaadinIcon.TRASH, "routing.rule.delete", e -> confirmDelete(rule)));
        }
        return actions;
    }

    private Button icon(VaadinIcon icon, String labelKey,
                        com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> listener) {
        Button button = new Button(icon.create(), listener);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        button.setAriaLabel(getTranslation(labelKey));
        button.setTooltipText(getTranslation(labelKey));
        return button;
    }

    private String conditionSummary(RoutingRule rule) {
        if (rule.isDefault()) {
            return getTranslation("routing.rules.everythingElse");
        }
        List<String> parts = new ArrayList<>();
        if (rule.condition() != null) {
            parts.add(getTranslation("routing.rules.contactConditions", count(rule.condition().root())));
        }
        if (!rule.arrivalDays().isEmpty()) {
            parts.add(rule.arrivalDays().stream().sorted()
                    .map(d -> d.getDisplayName(TextStyle.SHORT, getLocale())).collect(Collectors.joining(", ")));
        }
        if (rule.arrivalFrom() != null) {
            parts.add(rule.arrivalFrom() + "–" + rule.arrivalTo());
        }
        if (rule.landingPageContains() != null) {
            parts.add(getTranslation("routing.rules.landing", rule.landingPageContains()));
        }
        return parts.isEmpty() ? getTranslation("routing.rules.anyLead") : String.join(" · ", parts);
    }

    private static int count(RuleNode node) {
        return switch (node) {
            case RuleNode.Group group -> group.children().stream().mapToInt(RoutingView::count).sum();
            case RuleNode.Not not -> count(not.child());
            default -> 1;
        };
    }

    private String targetSummary(RoutingRule rule) {
        if (rule.targetTeamId() != null) {
            return getTranslation("routing.target.teamNamed", teamNames.getOrDefault(rule.targetTeamId(), "?"));
        }
        if (rule.targetUserId() != null) {
            return users.stream().filter(u -> u.id() == rule.targetUserId()).map(UserSummary::displayName).findFirst()
                    .orElse("?");
        }
        return getTranslation("routing.target.QUEUE");
    }

    private void editRule(RoutingRule rule) {
        RoutingRuleDialog[] dialog = new RoutingRuleDialog[1];
        dialog[0] = new RoutingRuleDialog(rule, catalog, segments, teams, routing.reps(), editRules, edited -> {
            try {
                routing.saveRule(edited);
                dialog[0].close();
                Notifications.success(getTranslation("routing.rule.saved"));
                loadRules();
            } catch (ValidationFailedException e) {
                Notifications.error(getTranslation(e.messageKey(), e.params()));
            }
        });
        dialog[0].open();
    }

    private void move(RoutingRule rule, int direction) {
        routing.moveRule(rule.id(), direction);
        loadRules();
    }

    private void confirmDelete(RoutingRule rule) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("routing.rule.delete.title", rule.name()),
                getTranslation("routing.rule.delete.text"), getTranslation("routing.rule.delete"), e -> {
            try {
                routing.deleteRule(rule.id());
                loadRules();
            } catch (ValidationFailedException ex) {
                Notifications.error(getTranslation(ex.messageKey(), ex.params()));
            }
        });
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void loadRules() {
        rules.setItems(routing.rules());
    }

    // ---- reps and managers ----

    private VerticalLayout repsTab() {
        VerticalLayout tab = new VerticalLayout();
        tab.setPadding(false);
        routing.myRepSettings().ifPresent(me -> {
            Checkbox away = new Checkbox(getTranslation("routing.reps.meAway"), me.away());
            away.setId("routing-my-away");
            away.addValueChangeListener(e -> {
                routing.setMyAway(e.getValue());
                Notifications.success(getTranslation(e.getValue() ? "routing.reps.nowAway" : "routing.reps.nowBack"));
                loadReps();
            });
            tab.add(away);
        });
        Span help = new Span(getTranslation("routing.reps.help"));
        help.addClassName("routing-muted");
        reps.setId("routing-reps");
        reps.setAllRowsVisible(true);
        reps.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        reps.addColumn(RepSettings::displayName).setHeader(getTranslation("routing.reps.rep")).setFlexGrow(2);
        reps.addColumn(RepSettings::teamName).setHeader(getTranslation("routing.rule.team")).setFlexGrow(1);
        reps.addColumn(RepSettings::weight).setHeader(getTranslation("routing.reps.weight")).setAutoWidth(true);
        reps.addColumn(r -> r.capacity() == null ? "—" : String.valueOf(r.capacity()))
                .setHeader(getTranslation("routing.reps.capacity")).setAutoWidth(true);
        reps.addColumn(r -> getTranslation(r.away() ? "routing.reps.away" : "routing.reps.present"))
                .setHeader(getTranslation("routing.reps.availability")).setAutoWidth(true);
        reps.addColumn(this::hours).setHeader(getTranslation("routing.reps.hours")).setFlexGrow(2);
        if (editReps) {
            reps.addComponentColumn(r -> icon(VaadinIcon.EDIT, "routing.reps.edit", e -> editRep(r)))
                    .setAutoWidth(true).setFlexGrow(0);
            reps.addItemDoubleClickListener(e -> editRep(e.getItem()));
        }

        managers.setId("routing-managers");
        managers.setAllRowsVisible(true);
        managers.addColumn(TeamManager::teamName).setHeader(getTranslation("routing.rule.team"));
        if (editReps) {
            managers.addComponentColumn(this::managerPicker).setHeader(getTranslation("routing.managers.manager"));
        } else {
            managers.addColumn(m -> m.managerName() == null ? getTranslation("routing.managers.admins")
                    : m.managerName()).setHeader(getTranslation("routing.managers.manager"));
        }
        Span managersHelp = new Span(getTranslation("routing.managers.help"));
        managersHelp.addClassName("routing-muted");
        tab.add(help, reps, new H3(getTranslation("routing.managers.title")), managersHelp, managers);
        return tab;
    }

    private ComboBox<UserSummary> managerPicker(TeamManager team) {
        ComboBox<UserSummary> picker = new ComboBox<>();
        picker.setAriaLabel(getTranslation("routing.managers.manager") + " " + team.teamName());
        picker.setItems(users.stream().filter(UserSummary::enabled).toList());
        picker.setItemLabelGenerator(UserSummary::displayName);
        picker.setPlaceholder(getTranslation("routing.managers.admins"));
        picker.setClearButtonVisible(true);
        users.stream().filter(u -> team.managerId() != null && u.id() == team.managerId()).findFirst()
                .ifPresent(picker::setValue);
        picker.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                routing.setTeamManager(team.teamId(), e.getValue() == null ? null : e.getValue().id());
                Notifications.success(getTranslation("routing.managers.saved"));
            }
        });
        return picker;
    }

    private String hours(RepSettings rep) {
        if (rep.workStart() == null) {
            return getTranslation("routing.reps.noHours");
        }
        String days = rep.workDays().isEmpty() || rep.workDays().size() == 7 ? getTranslation("routing.reps.everyDay")
                : rep.workDays().stream().sorted().map(d -> d.getDisplayName(TextStyle.SHORT, getLocale()))
                .collect(Collectors.joining(", "));
        return days + " " + rep.workStart() + "–" + rep.workEnd() + (rep.zone() == null ? "" : " " + rep.zone());
    }

    private void editRep(RepSettings rep) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("routing.reps.editTitle", rep.displayName()));
        IntegerField weight = new IntegerField(getTranslation("routing.reps.weight"));
        weight.setId("routing-rep-weight");
        weight.setMin(0);
        weight.setMax(RepSettings.MAX_WEIGHT);
        weight.setStepButtonsVisible(true);
        weight.setValue(rep.weight());
        weight.setHelperText(getTranslation("routing.reps.weight.help"));
        IntegerField capacity = new IntegerField(getTranslation("routing.reps.capacity"));
        capacity.setId("routing-rep-capacity");
        capacity.setMin(0);
        capacity.setValue(rep.capacity());
        capacity.setClearButtonVisible(true);
        capacity.setHelperText(getTranslation("routing.reps.capacity.help"));
        Checkbox away = new Checkbox(getTranslation("routing.reps.away"), rep.away());
        away.setId("routing-rep-away");
        TimePicker start = new TimePicker(getTranslation("routing.reps.start"), rep.workStart());
        TimePicker end = new TimePicker(getTranslation("routing.reps.end"), rep.workEnd());
        for (TimePicker picker : List.of(start, end)) {
            picker.setStep(Duration.ofMinutes(30));
            picker.setClearButtonVisible(true);
        }
        CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>(getTranslation("routing.reps.days"));
        days.setItems(DayOfWeek.values());
        days.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.SHORT, getLocale()));
        days.setValue(rep.workDays().isEmpty() ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)
                : EnumSet.copyOf(rep.workDays()));
        ComboBox<ZoneId> zone = zonePicker(getTranslation("routing.reps.zone"));
        zone.setValue(rep.zone());
        zone.setHelperText(getTranslation("routing.reps.zone.help"));
        FormLayout form = new FormLayout(weight, capacity, away, start, end, days, zone);
        form.setColspan(days, 2);
        dialog.add(form);
        Button save = new Button(getTranslation("routing.save"), e -> {
            try {
                routing.saveRep(new RepSettings(rep.userId(), rep.displayName(), rep.teamId(), rep.teamName(),
                        weight.getValue() == null ? -1 : weight.getValue(), capacity.getValue(), away.getValue(),
                        start.getValue(), end.getValue(), days.getValue(), zone.getValue(), rep.version()));
                dialog.close();
                Notifications.success(getTranslation("routing.reps.saved"));
                loadReps();
            } catch (ValidationFailedException ex) {
                Notifications.error(getTranslation(ex.messageKey(), ex.params()));
            }
        });
        save.setId("routing-rep-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private ComboBox<ZoneId> zonePicker(String label) {
        ComboBox<ZoneId> zone = new ComboBox<>(label);
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList());
        zone.setItemLabelGenerator(ZoneId::getId);
        zone.setClearButtonVisible(true);
        return zone;
    }

    private void loadReps() {
        reps.setItems(routing.reps());
        managers.setItems(routing.teamManagers());
    }

    // ---- queue ----

    private VerticalLayout queueTab() {
        queueCount.setId("routing-queue-count");
        queue.setId("routing-queue");
        queue.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        queue.addColumn(QueuedLead::name).setHeader(getTranslation("routing.queue.lead")).setFlexGrow(2);
        queue.addColumn(QueuedLead::company).setHeader(getTranslation("routing.queue.company")).setFlexGrow(2);
        queue.addColumn(q -> getTranslation("temperature." + q.temperature()))
                .setHeader(getTranslation("routing.queue.temperature")).setAutoWidth(true);
        queue.addColumn(q -> q.teamName() == null ? "—" : q.teamName())
                .setHeader(getTranslation("routing.rule.team")).setAutoWidth(true);
        queue.addColumn(q -> Formats.dateTime(q.queuedAt())).setHeader(getTranslation("routing.queue.since"))
                .setAutoWidth(true);
        queue.addColumn(q -> q.explanation().isEmpty() ? ""
                        : q.explanation().getLast().format(this::getTranslation))
                .setHeader(getTranslation("routing.queue.why")).setFlexGrow(4);
        queue.addItemClickListener(e -> UI.getCurrent().navigate("contact/" + e.getItem().contactId()));
        queue.setItems(new CallbackDataProvider<QueuedLead, Void>(
                query -> routing.queue(query.getOffset(), query.getLimit()).stream(),
                query -> routing.queueSize()));
        Span help = new Span(getTranslation("routing.queue.help"));
        help.addClassName("routing-muted");
        VerticalLayout tab = new VerticalLayout(help, queueCount, queue);
        tab.setPadding(false);
        return tab;
    }

    private void refreshQueue() {
        queueCount.setText(getTranslation("routing.queue.count", routing.queueSize()));
        queue.getDataProvider().refreshAll();
    }

    // ---- settings ----

    /** Routing on/off, business time zone and hours, SLA targets per temperature and the warning threshold. */
    private class SettingsForm extends VerticalLayout {

        final Checkbox enabled = new Checkbox(getTranslation("routing.settings.enabled"));
        final ComboBox<ZoneId> zone = zonePicker(getTranslation("routing.settings.zone"));
        final TimePicker start = new TimePicker(getTranslation("routing.settings.start"));
        final TimePicker end = new TimePicker(getTranslation("routing.settings.end"));
        final CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>(getTranslation("routing.settings.days"));
        final IntegerField hot = minutes("routing-sla-hot", "routing.settings.hot");
        final IntegerField warm = minutes("routing-sla-warm", "routing.settings.warm");
        final IntegerField cold = minutes("routing-sla-cold", "routing.settings.cold");
        final IntegerField nearBreach = new IntegerField(getTranslation("routing.settings.nearBreach"));
        private RoutingSettings settings;

        SettingsForm() {
            setPadding(false);
            enabled.setId("routing-enabled");
            enabled.setHelperText(getTranslation("routing.settings.enabled.help"));
            zone.setClearButtonVisible(false);
            start.setStep(Duration.ofMinutes(30));
            end.setStep(Duration.ofMinutes(30));
            days.setItems(DayOfWeek.values());
            days.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.SHORT, getLocale()));
            nearBreach.setId("routing-near-breach");
            nearBreach.setSuffixComponent(new Span("%"));
            nearBreach.setHelperText(getTranslation("routing.settings.nearBreach.help"));
            cold.setHelperText(getTranslation("routing.settings.cold.help"));
            FormLayout hours = new FormLayout(zone, start, end, days);
            hours.setColspan(days, 2);
            FormLayout sla = new FormLayout(hot, warm, cold, nearBreach);
            Button save = new Button(getTranslation("routing.save"), e -> save());
            save.setId("routing-settings-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setVisible(editRules);
            add(enabled, new H3(getTranslation("routing.settings.hours")), hours,
                    new H3(getTranslation("routing.settings.sla")), sla, save);
            List.of(hot, warm, cold, nearBreach).forEach(f -> f.setReadOnly(!editRules));
            enabled.setReadOnly(!editRules);
            zone.setReadOnly(!editRules);
            start.setReadOnly(!editRules);
            end.setReadOnly(!editRules);
            days.setReadOnly(!editRules);
            show(routing.settings());
        }

        private IntegerField minutes(String id, String labelKey) {
            IntegerField field = new IntegerField(getTranslation(labelKey));
            field.setId(id);
            field.setMin(1);
            field.setMax(RoutingSettings.MAX_SLA_MINUTES);
            field.setSuffixComponent(new Span(getTranslation("routing.settings.minutes")));
            return field;
        }

        private void show(RoutingSettings s) {
            settings = s;
            enabled.setValue(s.enabled());
            zone.setValue(s.zone());
            start.setValue(s.businessStart());
            end.setValue(s.businessEnd());
            days.setValue(s.businessDays());
            hot.setValue(s.hotMinutes());
            warm.setValue(s.warmMinutes());
            cold.setValue(s.coldMinutes());
            nearBreach.setValue(s.nearBreachPercent());
        }

        private void save() {
            try {
                show(routing.saveSettings(new RoutingSettings(enabled.getValue(), zone.getValue(), start.getValue(),
                        end.getValue(), days.getValue(), orZero(hot), orZero(warm), orZero(cold), orZero(nearBreach),
                        settings.version())));
                Notifications.success(getTranslation("routing.settings.saved"));
            } catch (ValidationFailedException e) {
                Notifications.error(getTranslation(e.messageKey(), e.params()));
            }
        }

        private static int orZero(IntegerField field) {
            return field.getValue() == null ? 0 : field.getValue();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("routing.title") + " · " + getTranslation("app.name");
    }
}
