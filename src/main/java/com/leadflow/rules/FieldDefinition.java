package com.leadflow.rules;

import java.util.List;
import java.util.function.Function;

/**
 * One whitelisted contact field: the name rules use, its type, the SQL column of the contact table (alias
 * {@code c}), whether the column may be NULL, its label, its operators, its values (enums), the range of its numbers
 * (the column's type) and how the evaluator reads it from {@link ContactFacts}.
 */
public record FieldDefinition(String name, FieldType type, String column, boolean nullable, String labelKey,
                              List<Operator> operators, List<String> enumValues, String valueLabelPrefix,
                              long minNumber, long maxNumber, Function<ContactFacts, Object> value) {

    public FieldDefinition {
        operators = List.copyOf(operators);
        enumValues = List.copyOf(enumValues);
    }

    /** The translation key of an enum value's label, e.g. {@code lifecycle.MQL}; null for other types. */
    public String valueLabelKey(String enumValue) {
        return valueLabelPrefix == null ? null : valueLabelPrefix + enumValue;
    }
}
