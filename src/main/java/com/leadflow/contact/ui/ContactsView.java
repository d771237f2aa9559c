package com.leadflow.contact.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.contact.*;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.security.UserAccountService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The contact list: lazily paged, searchable, filterable, sortable; a row opens the profile. */
@Route(value = "contacts", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@Menu(title = "nav.contacts", order = 10, icon = "vaadin:users")
@PermitAll
class ContactsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private static final int PAGE_SIZE = 50;

    private final ContactService contacts;
    private final Grid<ContactListItem> grid = new Grid<>(ContactListItem.class, false);
    private final TextField search = new TextField();
    private final Select<ContactFilter.OwnerScope> ownerScope = new Select<>();
    private final ComboBox<LifecycleStage> lifecycle = new ComboBox<>();
    private final ComboBox<FunnelStage> funnelStage = new ComboBox<>();
    private final ComboBox<ContactStatus> status = new ComboBox<>();
    private final ComboBox<FirstTouchSource> source = new ComboBox<>();
    private final ComboBox<PreferredChannel> channel = new ComboBox<>();
    private final UserAccountService users;
    private final com.leadflow.segment.SegmentService segments;
    private final HorizontalLayout drilldownBar = new HorizontalLayout();
    private ContactFilter.Drilldown drilldown;

    ContactsView(ContactService contacts, FunnelStageService funnelStages, ContactCsvExporter exporter,
                 UserAccountService users, com.leadflow.segment.SegmentService segments) {
        this.contacts = contacts;
        this.users = users;
        this.segments = segments;
        addClassName("contacts-view");
        setSizeFull();
        setPadding(true);

        configureFilters(funnelStages.stages());
        configureGrid();

        Button create = new Button(getTranslation("contacts.new"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ContactProfileView.class, "new")));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-contact");
        create.setVisible(contacts.canCreate());
        create.addClickShortcut(Key.KEY_N, com.vaadin.flow.component.KeyModifier.ALT);

        Anchor export = new Anchor(csvDownload(exporter), "");
        export.add(new Button(getTranslation("contacts.export"), VaadinIcon.DOWNLOAD.create()));
        export.setId("export-csv");

        HorizontalLayout filters = new HorizontalLayout(search, ownerScope, lifecycle, funnelStage, status, source,
                channel);
        filters.setWrap(true);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("filters");
        HorizontalLayout actions = new HorizontalLayout(create, export);
        HorizontalLayout toolbar = new HorizontalLayout(filters, actions);
        toolbar.setWidthFull();
        toolbar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        drilldownBar.addClassName("metrics-drilldown");
        drilldownBar.setId("contacts-drilldown");
        drilldownBar.setVisible(false);
        add(toolbar, drilldownBar, grid);
        search.focus();
    }

    private void configureFilters(List<FunnelStage> stages) {
        search.setPlaceholder(getTranslation("contacts.search"));
        search.setAriaLabel(getTranslation("contacts.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(300);
        search.setId("contact-search");
        search.setWidth("16em");

        ownerScope.setItems(ContactFilter.OwnerScope.values());
        ownerScope.setItemLabelGenerator(s -> getTranslation("ownerScope." + s.name()));
        ownerScope.setValue(ContactFilter.OwnerScope.ALL);
        ownerScope.setAriaLabel(getTranslation("contacts.filter.owner"));
        ownerScope.setId("owner-scope");
        ownerScope.setWidth("10em");

        configureCombo(lifecycle, "contacts.filter.lifecycle", List.of(LifecycleStage.values()),
                v -> getTranslation("lifecycle." + v.name()));
        configureCombo(funnelStage, "contacts.filter.funnel", stages, s -> getTranslation("funnel." + s.code()));
        configureCombo(status, "contacts.filter.status", List.of(ContactStatus.values()),
                v -> getTranslation("status." + v.name()));
        configureCombo(source, "contacts.filter.source", List.of(FirstTouchSource.values()),
                v -> getTranslation("source." + v.name()));
        configureCombo(channel, "contacts.filter.channel", List.of(PreferredChannel.values()),
                v -> getTranslation("channel." + v.name()));
        lifecycle.setId("filter-lifecycle");
        funnelStage.setId("filter-funnel");
        status.setId("filter-status");
        source.setId("filter-source");
        channel.setId("filter-channel");

        search.addValueChangeListener(e -> refresh());
        ownerScope.addValueChangeListener(e -> refresh());
        Stream.of(lifecycle, funnelStage, status, source, channel)
                .forEach(c -> c.addValueChangeListener(e -> refresh()));
    }

    private <T> void configureCombo(ComboBox<T> combo, String placeholderKey, List<T> items,
                                    com.vaadin.flow.component.ItemLabelGenerator<T> label) {
        combo.setItems(items);
        combo.setItemLabelGenerator(label);
        combo.setPlaceholder(getTranslation(placeholderKey));
        combo.setAriaLabel(getTranslation(placeholderKey));
        combo.setClearButtonVisible(true);
        combo.setWidth("11em");
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setId("contacts-grid");
        grid.addColumn(ContactListItem::fullName).setKey("name").setSortProperty("name").setHeader(getTranslation("contact.name"))
                .setSortable(true).setFlexGrow(2).setAutoWidth(true);
        grid.addColumn(ContactListItem::company).setKey("company").setSortProperty("company").setHeader(getTranslation("contact.company"))
                .setSortable(true).setFlexGrow(2);
        grid.addColumn(ContactListItem::email).setKey("email").setHeader(getTranslation("contact.email"))
                .setFlexGrow(2);
        grid.addColumn(ContactListItem::ownerName).setKey("owner").setHeader(getTranslation("contact.owner"));
        grid.addColumn(c -> getTranslation("lifecycle." + c.lifecycleStage().name())).setKey("lifecycleStage").setSortProperty("lifecycleStage")
                .setHeader(getTranslation("contact.lifecycleStage")).setSortable(true);
        grid.addColumn(c -> getTranslation("funnel." + c.funnelStage())).setKey("funnelStage").setSortProperty("funnelStage")
                .setHeader(getTranslation("contact.funnelStage")).setSortable(true);
        grid.addColumn(c -> getTranslation("status." + c.status().name())).setKey("status").setSortProperty("status")
                .setHeader(getTranslation("contact.status")).setSortable(true);
        grid.addComponentColumn(this::scoreBadge).setKey("score").setSortProperty("score").setHeader(getTranslation("contact.score"))
                .setSortable(true).setTextAlign(ColumnTextAlign.END).setFlexGrow(0).setWidth("7em");
        grid.addColumn(c -> Formats.relative(c.lastActivityAt())).setKey("lastActivity").setSortProperty("lastActivity")
                .setHeader(getTranslation("contact.lastActivity")).setSortable(true).setFlexGrow(0)
                .setWidth("10em");
        grid.addComponentColumn(c -> c.doNotContact() ? dncMarker() : new Span()).setKey("dnc")
                .setHeader(getTranslation("contact.dncShort")).setFlexGrow(0).setWidth("5em");
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("lastActivity"), SortDirection.DESCENDING)));
        grid.setPageSize(PAGE_SIZE);
        // fetch-only callback: no count over the whole table, the grid scrolls on as long as pages come back full
        grid.setItems(query -> {
            ContactSort sort = ContactSort.LAST_ACTIVITY;
            boolean ascending = false;
            for (var order : query.getSortOrders()) {
                ContactSort candidate = ContactSort.BY_KEY.get(order.getSorted());
                if (candidate != null) {
                    sort = candidate;
                    ascending = order.getDirection() == SortDirection.ASCENDING;
                    break;
                }
            }
            return contacts.page(currentFilter(), sort, ascending, query.getOffset(), query.getLimit()).stream();
        });
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::open)); // Space/Enter on a row
    }

    private Component scoreBadge(ContactListItem c) {
        Span badge = new Span(String.valueOf(c.score()));
        badge.getElement().getThemeList().add("badge pill");
        badge.addClassName("temperature-" + c.temperature().name().toLowerCase(Locale.ROOT));
        badge.setTitle(getTranslation("temperature." + c.temperature().name()));
        return badge;
    }

    private Component dncMarker() {
        Span marker = new Span(VaadinIcon.BAN.create());
        marker.addClassName("dnc-marker");
        marker.setTitle(getTranslation("contact.doNotContact"));
        return marker;
    }

    private void open(ContactListItem item) {
        getUI().ifPresent(ui -> ui.navigate(ContactProfileView.class, String.valueOf(item.id())));
    }

    ContactFilter currentFilter() {
        return new ContactFilter(search.getValue(), ownerScope.getValue(), lifecycle.getValue(),
                funnelStage.getValue() == null ? null : funnelStage.getValue().code(), status.getValue(),
                source.getValue(), channel.getValue(), drilldown);
    }

    /**
     * Query parameters narrow the list, so a dashboard figure opens as the contacts behind it: {@code entered}
     * (funnel stage) or {@code enteredLifecycle},
     * {@code from}, {@code to} (ISO instants), {@code team}, {@code owner}, {@code campaign}, {@code segment}, and
     * the list's own filters {@code source}, {@code funnel}, {@code lifecycle}, {@code status}. Bad values are ignored.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        parse(params, "source", FirstTouchSource::valueOf).ifPresent(source::setValue);
        parse(params, "lifecycle", LifecycleStage::valueOf).ifPresent(lifecycle::setValue);
        parse(params, "status", ContactStatus::valueOf).ifPresent(status::setValue);
        parse(params, "funnel", code -> funnelStage.getListDataView().getItems()
                .filter(s -> s.code().equals(code)).findFirst().orElseThrow()).ifPresent(funnelStage::setValue);
        Long team = parse(params, "team", Long::valueOf).orElse(null);
        Long owner = parse(params, "owner", Long::valueOf).orElse(null);
        String campaign = parse(params, "campaign", String::trim).filter(c -> !c.isEmpty()).orElse(null);
        Long segment = parse(params, "segment", Long::valueOf).orElse(null);
        String entered = parse(params, "entered", code -> funnelStage.getListDataView().getItems()
                .filter(s -> s.code().equals(code)).findFirst().orElseThrow().code()).orElse(null);
        String enteredLifecycle = parse(params, "enteredLifecycle", code -> LifecycleStage.valueOf(code).name())
                .orElse(null);
        Instant from = parse(params, "from", Instant::parse).orElse(null);
        Instant to = parse(params, "to", Instant::parse).orElse(null);
        if (from == null || to == null) {
            entered = null;
            enteredLifecycle = null;
        }
        if (team == null && owner == null && campaign == null && segment == null && entered == null
                && enteredLifecycle == null) {
            return;
        }
        drilldown = new ContactFilter.Drilldown(team, owner, campaign, segment, entered, from, to, enteredLifecycle);
        showDrilldown();
        refresh();
    }

    private static <T> java.util.Optional<T> parse(Map<String, List<String>> params, String name,
                                                   java.util.function.Function<String, T> parser) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(parser.apply(values.getFirst()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private void showDrilldown() {
        List<String> parts = new java.util.ArrayList<>();
        if (drilldown.enteredStage() != null) {
            parts.add(getTranslation("metrics.drilldown.entered", getTranslation("funnel." + drilldown.enteredStage()),
                    Formats.date(drilldown.enteredFrom()), Formats.date(drilldown.enteredTo().minusSeconds(1))));
        }
        if (drilldown.enteredLifecycle() != null) {
            parts.add(getTranslation("metrics.drilldown.enteredLifecycle",
                    getTranslation("lifecycle." + drilldown.enteredLifecycle()),
                    Formats.date(drilldown.enteredFrom()), Formats.date(drilldown.enteredTo().minusSeconds(1))));
        }
        if (drilldown.teamId() != null) {
            parts.add(getTranslation("metrics.drilldown.team", users.listTeams().stream()
                    .filter(t -> t.id() == drilldown.teamId()).map(t -> t.name()).findFirst().orElse("#" + drilldown.teamId())));
        }
        if (drilldown.ownerId() != null) {
            parts.add(getTranslation("metrics.drilldown.owner", users.listUsers().stream()
                    .filter(u -> u.id() == drilldown.ownerId()).map(u -> u.displayName()).findFirst()
                    .orElse("#" + drilldown.ownerId())));
        }
        if (drilldown.campaign() != null) {
            parts.add(getTranslation("metrics.drilldown.campaign", drilldown.campaign()));
        }
        if (drilldown.segmentId() != null) {
            parts.add(getTranslation("metrics.drilldown.segment", segments.list().stream()
                    .filter(g -> g.id() == drilldown.segmentId()).map(g -> g.name()).findFirst()
                    .orElse("#" + drilldown.segmentId())));
        }
        Span text = new Span(String.join(" · ", parts));
        text.setId("contacts-drilldown-text");
        Button clear = new Button(getTranslation("metrics.drilldown.clear"), VaadinIcon.CLOSE_SMALL.create(), e -> {
            drilldown = null;
            drilldownBar.setVisible(false);
            refresh();
        });
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        clear.setId("contacts-drilldown-clear");
        drilldownBar.removeAll();
        drilldownBar.add(VaadinIcon.FILTER.create(), text, clear);
        drilldownBar.setVisible(true);
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private DownloadHandler csvDownload(ContactCsvExporter exporter) {
        Locale locale = getLocale();
        return event -> {
            ContactFilter filter = currentFilter();
            event.setFileName("contacts-" + LocalDate.now() + ".csv");
            event.setContentType("text/csv;charset=UTF-8");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                out.write('\uFEFF'); // BOM, so spreadsheet programs read UTF-8 (Cyrillic names)
                exporter.export(filter, currentSort(), currentSortAscending(), locale, out);
            }
        };
    }

    private ContactSort currentSort() {
        return grid.getSortOrder().stream().map(o -> ContactSort.BY_KEY.get(o.getSorted().getKey()))
                .filter(java.util.Objects::nonNull).findFirst().orElse(ContactSort.LAST_ACTIVITY);
    }

    private boolean currentSortAscending() {
        return grid.getSortOrder().stream().findFirst().map(o -> o.getDirection() == SortDirection.ASCENDING)
                .orElse(false);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.contacts") + " · " + getTranslation("app.name");
    }
}
