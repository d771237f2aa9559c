package com.leadflow.importing;

import java.io.Serializable;

/** A row that was not imported: its line in the file, why (in the importer's language), and what it held. */
public record ImportRejection(int line, String reason, String raw) implements Serializable {
}
