package com.leadflow.metrics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One dashboard panel: a title, a chart (server-rendered SVG), the same numbers as a table behind a toggle, and a
 * CSV export of that table. When its data source has nothing yet, it says so instead of drawing zeros.
 */
class ChartPanel extends Section {

    private final Div chart = new Div();
    private final Grid<List<String>> table = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private final Paragraph note = new Paragraph();
    private final Button toggle = new Button();
    private final Anchor export;
    private final String fileName;
    private TableData data = new TableData(List.of(), List.of());
    private boolean showingTable;

    ChartPanel(String id, String title, String fileName) {
        this.fileName = fileName;
        this.export = new Anchor(csv(), "");
        setId(id);
        addClassName("metrics-panel");
        H3 heading = new H3(title);
        heading.addClassName("metrics-panel-title");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        toggle.setId(id + "-toggle");
        toggle.addClickListener(e -> setShowingTable(!showingTable));
        Button download = new Button(getTranslation("metrics.csv"), VaadinIcon.DOWNLOAD.create());
        download.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        download.setTabIndex(-1); // the link around it takes the focus
        export.add(download);
        export.setId(id + "-csv");
        export.getElement().setAttribute("aria-label", getTranslation("metrics.csvOf", title));
        HorizontalLayout header = new HorizontalLayout(heading, toggle, export);
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        header.expand(heading);
        header.addClassName("metrics-panel-header");

        chart.addClassName("metrics-chart-box");
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        table.setAllRowsVisible(true);
        table.setId(id + "-table");
        empty.addClassName("metrics-empty");
        note.addClassName("metrics-note");
        add(header, empty, chart, table, note);
        setShowingTable(false);
    }

    /** Shows a chart and its table. */
    void show(String svg, TableData tableData) {
        this.data = tableData;
        chart.getElement().setProperty("innerHTML", svg == null ? "" : svg);
        table.removeAllColumns();
        for (int i = 0; i < tableData.headers().size(); i++) {
            int column = i;
            table.addColumn(row -> row.get(column)).setHeader(tableData.headers().get(i)).setAutoWidth(true)
                    .setKey("c" + i);
        }
        if (tableData.links() != null) {
            table.addComponentColumn(row -> {
                String link = tableData.links().get(tableData.rows().indexOf(row));
                return link == null ? new Div() : new Anchor(link, getTranslation("metrics.showContacts"));
            }).setKey("link").setAutoWidth(true);
        }
        table.setItems(tableData.rows());
        empty.setVisible(false);
        toggle.setEnabled(true);
        export.setEnabled(true);
        setShowingTable(showingTable);
    }

    /** The data source has nothing to show: the message says why, and no chart is drawn. */
    void showEmpty(String message) {
        this.data = new TableData(List.of(), List.of());
        empty.setText(message);
        empty.setVisible(true);
        chart.setVisible(false);
        table.setVisible(false);
        toggle.setEnabled(false);
        export.setEnabled(false);
    }

    /** A line under the chart: what the figures mean or how fresh they are. */
    void setNote(String text) {
        note.setText(text);
        note.setVisible(text != null && !text.isEmpty());
    }

    void setShowingTable(boolean showTable) {
        this.showingTable = showTable;
        if (empty.isVisible()) {
            return;
        }
        chart.setVisible(!showTable);
        table.setVisible(showTable);
        toggle.setText(getTranslation(showTable ? "metrics.showChart" : "metrics.showTable"));
        toggle.setIcon((showTable ? VaadinIcon.PIE_BAR_CHART : VaadinIcon.TABLE).create());
    }

    TableData data() {
        return data;
    }

    Grid<List<String>> table() {
        return table;
    }

    Component chart() {
        return chart;
    }

    String emptyMessage() {
        return empty.isVisible() ? empty.getText() : null;
    }

    private DownloadHandler csv() {
        return event -> {
            event.setFileName(fileName + ".csv");
            event.setContentType("text/csv;charset=UTF-8");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                data.writeCsv(out);
            }
        };
    }
}
