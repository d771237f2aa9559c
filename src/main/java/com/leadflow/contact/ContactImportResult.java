package com.leadflow.contact;

/** What one batch of an import did: contacts created, updated, and rows left alone (duplicates or no change). */
public record ContactImportResult(int created, int updated, int skipped) {
}
