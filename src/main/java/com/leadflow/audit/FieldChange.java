package com.leadflow.audit;

/** One changed field: its name and the values before and after, as text. */
public record FieldChange(String field, String oldValue, String newValue) {
}
