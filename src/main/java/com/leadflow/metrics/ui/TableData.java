package com.leadflow.metrics.ui;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.util.List;

/**
 * A chart's numbers as a table: headers, rows of display text, and optionally one drill-down link per row.
 * The same rows are what the CSV export writes, so the table, the export and the chart never disagree.
 */
record TableData(List<String> headers, List<List<String>> rows, List<String> links) implements Serializable {

    TableData(List<String> headers, List<List<String>> rows) {
        this(headers, rows, null);
    }

    void writeCsv(Writer out) throws IOException {
        out.write('\uFEFF'); // BOM, so spreadsheet programs read UTF-8 (Cyrillic names)
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord(headers);
            for (List<String> row : rows) {
                csv.printRecord(row);
            }
        }
    }
}
