package com.leadflow.importing;

import java.io.Serializable;
import java.time.Instant;

/** An import as its progress bar and report show it. */
public record ImportJob(long id, String fileName, String mode, String status, int totalRows, int processedRows,
                        int created, int updated, int skipped, int rejected, String failure, Instant startedAt,
                        Instant finishedAt) implements Serializable {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public boolean running() {
        return RUNNING.equals(status);
    }

    public double progress() {
        return totalRows == 0 ? 1 : Math.min(1, processedRows / (double) totalRows);
    }
}
