package com.leadflow.messaging.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.messaging.SuppressedContact;
import com.leadflow.messaging.SuppressionReason;
import com.leadflow.messaging.SuppressionService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;

import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** Every contact that must not be mailed and why (do-not-contact, unsubscribed, bounced, suppressed segment); CSV export. */
@Route(value = "suppression", layout = MainLayout.class)
@Menu(title = "cadence.nav.suppression", order = 57, icon = "vaadin:ban")
@RolesAllowed({"ADMIN", "MARKETING"})
class SuppressionView extends VerticalLayout implements HasDynamicTitle {

    private final SuppressionService suppression;
    private final Grid<SuppressedContact> grid = new Grid<>(SuppressedContact.class, false);
    private final TextField search = new TextField();
    private final Select<String> reason = new Select<>();

    SuppressionView(SuppressionService suppression) {
        this.suppression = suppression;
        setSizeFull();
        search.setId("suppression-search");
        search.setPlaceholder(getTranslation("cadence.suppression.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        reason.setId("suppression-reason");
        reason.setItems("", SuppressionReason.DO_NOT_CONTACT.name(), SuppressionReason.UNSUBSCRIBED.name(),
                SuppressionReason.BOUNCED.name(), SuppressionReason.NO_CORRESPONDENCE_SEGMENT.name());
        reason.setItemLabelGenerator(r -> getTranslation(r.isEmpty() ? "cadence.suppression.all" : "cadence.suppression." + r));
        reason.setValue("");
        Anchor export = new Anchor((DownloadHandler) event -> {
            String currentSearch = search.getValue();
            SuppressionReason currentReason = reasonValue();
            event.setFileName("suppression-list.csv");
            event.setContentType("text/csv;charset=UTF-8");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                out.write('\uFEFF'); // BOM, so spreadsheet programs read UTF-8 (Cyrillic names)
                suppression.exportCsv(currentSearch, currentReason, out);
            }
        }, getTranslation("cadence.suppression.export"));
        export.setId("suppression-export");
        grid.setId("suppression-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(SuppressedContact::name).setHeader(getTranslation("cadence.tasks.contact"));
        grid.addColumn(SuppressedContact::email).setHeader(getTranslation("cadence.sent.to"));
        grid.addColumn(SuppressedContact::company).setHeader(getTranslation("cadence.tasks.company"));
        grid.addColumn(s -> getTranslation("cadence.suppression." + s.reason().name()))
                .setHeader(getTranslation("cadence.suppression.reason"));
        grid.addColumn(SuppressedContact::detail).setHeader(getTranslation("cadence.suppression.detail")).setFlexGrow(2);
        grid.addColumn(s -> Formats.date(s.since())).setHeader(getTranslation("cadence.suppression.since"));
        grid.addItemClickListener(e -> UI.getCurrent().navigate("contact/" + e.getItem().contactId()));
        grid.setSizeFull();
        search.addValueChangeListener(e -> refresh());
        reason.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(search, reason, export);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar, grid);
        refresh();
    }

    private SuppressionReason reasonValue() {
        return reason.getValue() == null || reason.getValue().isEmpty() ? null : SuppressionReason.valueOf(reason.getValue());
    }

    private void refresh() {
        String s = search.getValue();
        SuppressionReason r = reasonValue();
        grid.setItems(q -> suppression.list(s, r, q.getOffset(), q.getLimit()).stream(), q -> suppression.count(s, r));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.suppression") + " · " + getTranslation("app.name");
    }
}
