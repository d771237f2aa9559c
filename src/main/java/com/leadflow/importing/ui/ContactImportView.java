package com.leadflow.importing.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.base.ui.PollWhileAttached;
import com.leadflow.contact.ContactImportMode;
import com.leadflow.importing.ContactImportService;
import com.leadflow.importing.CsvFile;
import com.leadflow.importing.ImportCheck;
import com.leadflow.importing.ImportField;
import com.leadflow.importing.ImportJob;
import com.leadflow.importing.ImportMapping;
import com.leadflow.importing.ImportRejection;
import com.leadflow.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Imports contacts from a CSV file in four steps on one screen: upload; map the columns with a preview of the first
 * rows and choose what to do with duplicates; check every row; import in the background with a progress bar and a
 * report of created / updated / skipped / rejected rows (rejected rows downloadable as CSV).
 */
@Route(value = "import", layout = MainLayout.class)
@Menu(title = "import.nav", order = 16, icon = "vaadin:upload")
@RolesAllowed({Roles.ADMIN, Roles.MARKETING})
class ContactImportView extends VerticalLayout implements HasDynamicTitle {

    private static final int NOT_MAPPED = -1;

    private final ContactImportService imports;
    private final Upload upload;
    private final Div mappingStep = new Div();
    private final Div checkStep = new Div();
    private final Div progressStep = new Div();
    private final Map<ImportField, Select<Integer>> columnSelects = new EnumMap<>(ImportField.class);
    private final RadioButtonGroup<ContactImportMode> mode = new RadioButtonGroup<>();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final Div report = new Div();

    private byte[] file;
    private String fileName;
    private Long runningJob;

    ContactImportView(ContactImportService imports) {
        this.imports = imports;
        addClassName("contact-import-view");
        setPadding(true);

        upload = new Upload(UploadHandler.inMemory((metadata, data) -> {
            UI ui = UI.getCurrent();
            ui.access(() -> received(metadata.fileName(), data));
        }));
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain", ".txt");
        upload.setMaxFileSize(ContactImportService.MAX_BYTES);
        upload.setMaxFiles(1);
        upload.setDropLabel(new Span(getTranslation("import.drop")));
        upload.setId("import-upload");
        upload.addFileRejectedListener(e -> Notifications.error(getTranslation("import.error.rejectedFile",
                e.getErrorMessage())));

        mappingStep.setId("import-mapping");
        mappingStep.addClassName("import-step");
        checkStep.setId("import-check");
        checkStep.addClassName("import-step");
        progressStep.setId("import-progress");
        progressStep.addClassName("import-step");
        progress.setId("import-progress-bar");
        progressText.setId("import-progress-text");
        report.setId("import-report");
        progressStep.add(new H3(getTranslation("import.step.progress")), progress, progressText, report);
        mappingStep.setVisible(false);
        checkStep.setVisible(false);
        progressStep.setVisible(false);

        Paragraph help = new Paragraph(getTranslation("import.help"));
        add(new H3(getTranslation("import.step.upload")), help, upload, mappingStep, checkStep, progressStep);
        PollWhileAttached.install(this, this::showProgress);
    }

    /** A file arrived: show the detected format, a preview and the guessed column mapping. */
    void received(String name, byte[] data) {
        this.file = data;
        this.fileName = name;
        mappingStep.removeAll();
        checkStep.setVisible(false);
        progressStep.setVisible(false);
        ContactImportService.Preview preview;
        try {
            preview = imports.preview(data);
        } catch (ValidationFailedException invalid) {
            Notifications.error(getTranslation(invalid.messageKey(), invalid.params()));
            mappingStep.setVisible(false);
            return;
        }
        List<String> headers = preview.headers();
        String delimiter = preview.delimiter() == '\t' ? getTranslation("import.delimiter.tab")
                : String.valueOf(preview.delimiter());
        Span detected = new Span(getTranslation("import.detected", name, preview.charset(), delimiter, headers.size()));
        detected.setId("import-detected");

        Grid<CsvFile.Row> rows = new Grid<>();
        for (int i = 0; i < headers.size(); i++) {
            int column = i;
            rows.addColumn(r -> column < r.cells().size() ? r.cells().get(column) : "")
                    .setHeader(headers.get(i)).setAutoWidth(true);
        }
        rows.setItems(preview.rows());
        rows.setAllRowsVisible(true);
        rows.addThemeVariants(GridVariant.LUMO_COMPACT);
        rows.setId("import-preview");

        FormLayout mapping = new FormLayout();
        mapping.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2),
                new FormLayout.ResponsiveStep("50em", 4));
        columnSelects.clear();
        List<Integer> choices = IntStream.concat(IntStream.of(NOT_MAPPED), IntStream.range(0, headers.size())).boxed().toList();
        for (ImportField field : ImportField.values()) {
            Select<Integer> select = new Select<>();
            select.setLabel(getTranslation("contact." + field.property())
                    + (field == ImportField.EMAIL || field == ImportField.FIRST_NAME || field == ImportField.LAST_NAME ? " *" : ""));
            select.setItems(choices);
            select.setItemLabelGenerator(i -> i == NOT_MAPPED ? getTranslation("import.notImported") : headers.get(i));
            select.setValue(preview.suggested().columns().getOrDefault(field, NOT_MAPPED));
            select.setId("map-" + field.name());
            columnSelects.put(field, select);
            mapping.add(select);
        }
        mode.setLabel(getTranslation("import.mode"));
        mode.setItems(ContactImportMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("import.mode." + m.name()));
        mode.setValue(ContactImportMode.CREATE_AND_UPDATE);
        mode.setId("import-mode");
        Button check = new Button(getTranslation("import.check"), e -> check());
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        check.setId("import-check-button");
        mappingStep.add(new H3(getTranslation("import.step.mapping")), detected, rows, mapping, mode, check);
        mappingStep.setVisible(true);
    }

    private ImportMapping mapping() {
        Map<ImportField, Integer> columns = new EnumMap<>(ImportField.class);
        columnSelects.forEach((field, select) -> {
            if (select.getValue() != null && select.getValue() != NOT_MAPPED) {
                columns.put(field, select.getValue());
            }
        });
        return new ImportMapping(columns);
    }

    /** Checks every row before anything is written and shows what would be rejected. */
    private void check() {
        ImportCheck result;
        try {
            result = imports.check(file, mapping(), getLocale());
        } catch (ValidationFailedException invalid) {
            Notifications.error(getTranslation(invalid.messageKey(), invalid.params()));
            return;
        }
        checkStep.removeAll();
        Span summary = new Span(getTranslation("import.checked", result.rows(), result.valid(),
                result.rejections().size()));
        summary.setId("import-check-summary");
        checkStep.add(new H3(getTranslation("import.step.check")), summary);
        if (!result.rejections().isEmpty()) {
            Grid<ImportRejection> rejected = rejectionGrid();
            rejected.setItems(result.rejections().subList(0, Math.min(200, result.rejections().size())));
            rejected.setId("import-check-rejections");
            checkStep.add(rejected);
        }
        Button start = new Button(getTranslation("import.start", result.valid()), e -> start());
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.setEnabled(result.valid() > 0);
        start.setId("import-start");
        checkStep.add(start);
        checkStep.setVisible(true);
    }

    private void start() {
        try {
            runningJob = imports.start(file, fileName, mapping(), mode.getValue(), getLocale());
        } catch (ValidationFailedException invalid) {
            Notifications.error(getTranslation(invalid.messageKey(), invalid.params()));
            return;
        }
        mappingStep.setVisible(false);
        checkStep.setVisible(false);
        progressStep.setVisible(true);
        report.removeAll();
        showProgress();
    }

    /** Polled about once a second while the view is open. */
    void showProgress() {
        if (runningJob == null) {
            return;
        }
        ImportJob job = imports.job(runningJob).orElse(null);
        if (job == null) {
            return;
        }
        progress.setValue(job.progress());
        progressText.setText(getTranslation("import.progress", job.processedRows(), job.totalRows(), job.created(),
                job.updated(), job.skipped(), job.rejected()));
        if (!job.running()) {
            runningJob = null;
            showReport(job);
        }
    }

    private void showReport(ImportJob job) {
        report.removeAll();
        if (ImportJob.FAILED.equals(job.status())) {
            Paragraph failed = new Paragraph(getTranslation("import.failed", job.failure()));
            failed.addClassName("import-failed");
            report.add(failed);
        } else {
            report.add(new Paragraph(getTranslation("import.done", Formats.dateTime(job.finishedAt()))));
        }
        if (job.rejected() > 0) {
            Grid<ImportRejection> rejected = rejectionGrid();
            rejected.setItems(query -> imports.rejections(job.id(), query.getOffset(), query.getLimit()).stream());
            rejected.setId("import-rejections");
            Anchor download = new Anchor(rejectsCsv(job), getTranslation("import.downloadRejected"));
            download.setId("import-download-rejected");
            report.add(rejected, download);
        }
        Button another = new Button(getTranslation("import.another"), e -> {
            progressStep.setVisible(false);
            upload.clearFileList();
        });
        report.add(new HorizontalLayout(another));
    }

    private Grid<ImportRejection> rejectionGrid() {
        Grid<ImportRejection> grid = new Grid<>();
        grid.addColumn(ImportRejection::line).setHeader(getTranslation("import.line")).setWidth("6em").setFlexGrow(0);
        grid.addColumn(ImportRejection::reason).setHeader(getTranslation("import.reason")).setFlexGrow(2);
        grid.addColumn(ImportRejection::raw).setHeader(getTranslation("import.raw")).setFlexGrow(3);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setHeight("18em");
        return grid;
    }

    private DownloadHandler rejectsCsv(ImportJob job) {
        String line = getTranslation("import.line");
        String reason = getTranslation("import.reason");
        String raw = getTranslation("import.raw");
        return event -> {
            event.setFileName("rejected-rows-" + job.id() + ".csv");
            event.setContentType("text/csv; charset=UTF-8");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
                out.write('\uFEFF'); // so spreadsheet programs read the file as UTF-8
                csv.printRecord(line, reason, raw);
                imports.forEachRejection(job.id(), r -> {
                    try {
                        csv.printRecord(r.line(), r.reason(), r.raw());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        };
    }

    @Override
    public String getPageTitle() {
        return getTranslation("import.title") + " · " + getTranslation("app.name");
    }
}
