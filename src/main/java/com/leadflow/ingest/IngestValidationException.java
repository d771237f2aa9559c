package com.leadflow.ingest;

import java.util.List;

/** A request the API refuses as a whole (nothing written), naming every bad field. */
class IngestValidationException extends RuntimeException {

    private final transient List<ApiErrors.FieldError> fields;

    IngestValidationException(List<ApiErrors.FieldError> fields) {
        super("validation failed: " + fields.size() + " field(s)");
        this.fields = List.copyOf(fields);
    }

    List<ApiErrors.FieldError> fields() {
        return fields;
    }
}
