package com.leadflow.importing;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Which CSV column (by index) fills which contact field; unmapped columns are ignored. */
public record ImportMapping(Map<ImportField, Integer> columns) implements Serializable {

    public ImportMapping {
        columns = Collections.unmodifiableMap(columns.isEmpty() ? new EnumMap<>(ImportField.class) : new EnumMap<>(columns));
    }

    public String cell(java.util.List<String> cells, ImportField field) {
        Integer index = columns.get(field);
        if (index == null || index < 0 || index >= cells.size()) {
            return null;
        }
        String value = cells.get(index);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
